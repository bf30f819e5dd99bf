"""The intake domain model: units of the org tree, people, and information items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from shared.clock import month_of
from shared.contracts.vocabulary import OrgLevel, UnitKind

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


class ItemState(StrEnum):
    """Where an information item stands in the editorial workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    FILED = "filed_for_reference"
    ADOPTED = "adopted"
    FORWARDED = "forwarded"
    WITHDRAWN = "withdrawn"


@dataclass
class Unit:
    """A node of the org tree: a government office, a department or another body."""

    unit_id: str
    name: str
    level: OrgLevel
    kind: UnitKind
    parent_id: str | None
    unit_class: str = "I"

    @property
    def reports_to(self) -> str | None:
        """The office this unit submits to: its parent in the tree."""
        return self.parent_id


@dataclass
class Person:
    """Somebody who works with the platform, belonging to one unit."""

    person_id: str
    name: str
    unit_id: str
    roles: list[str] = field(default_factory=list)


@dataclass
class Item:
    """An information item (政务信息) and where it stands.

    ``office_id`` is the office it is with (for a draft: the office it will go to);
    ``forwarded_by`` the offices that passed it upward, lowest first.
    """

    submission_id: str
    unit_id: str
    author_id: str
    title: str
    body: str
    category: str
    language: str
    period: str
    state: ItemState
    office_id: str
    submitted_at: datetime | None
    created_at: datetime | None = None
    urgent: bool = False
    occurred_at: datetime | None = None
    report_due: datetime | None = None
    late: bool = False
    commission_id: str | None = None
    follow_up_of: str | None = None
    signed_off_by: str | None = None
    revision: int = 0
    forwarded_by: list[str] = field(default_factory=list)
    adoptions: list[dict[str, Any]] = field(default_factory=list)
    adopted_under: list[str] = field(default_factory=list)
    instructions: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    return_reasons: list[str] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    pending_revision: dict[str, Any] | None = None
    sensitive: dict[str, Any] | None = None
    """Set while the item is marked sensitive: who (``by``), at which office, why, when."""
    author_return: dict[str, Any] | None = None
    """Set while the unit head has sent the draft back to its author: ``reason``, ``by``, ``at``."""

    @property
    def offices_reached(self) -> list[str]:
        """Offices that received the item, lowest first (none while it is a draft)."""
        if self.state == ItemState.DRAFT:
            return []
        return [*self.forwarded_by, self.office_id]


@dataclass(frozen=True)
class Attachment:
    """An image kept with an item (from an imported .docx), placed after a body paragraph."""

    name: str
    content_type: str
    data: bytes
    after_paragraph: int
    """Index of the body paragraph the image follows (-1: before the first)."""


def detect_language(text: str) -> str:
    """'zh' when Chinese characters are at least as common as Latin letters, else 'en'."""
    return "zh" if len(_CJK.findall(text)) >= len(_LATIN.findall(text)) / 4 else "en"


def period_of(moment: datetime, zone: str) -> str:
    """The monthly assessment period a moment falls in on the office's clock, e.g. '2026-12'.

    The month is read in the office's zone, not UTC: 2026-11-30 16:30 UTC is 00:30 on
    1 December in Beijing, and an item submitted then counts for December.
    """
    return month_of(moment, zone)

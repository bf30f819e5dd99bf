"""Rules for receiving an information item from a unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.intake.domain.errors import InvalidInput
from services.intake.domain.model import Item, ItemState, Person, Unit, detect_language, period_of

MAX_TITLE = 120
MAX_BODY = 20_000


@dataclass(frozen=True)
class Draft:
    """What an author hands in."""

    title: str
    body: str
    category: str
    language: str | None = None
    urgent: bool = False


def receive(
    submission_id: str, unit: Unit, author: Person, draft: Draft, now: datetime
) -> Item:
    """The item as submitted by ``author`` for ``unit`` to the office above it."""
    if author.unit_id != unit.unit_id:
        raise InvalidInput("author_id", f"{author.name} does not belong to {unit.name}")
    if unit.reports_to is None:
        raise InvalidInput("unit_id", f"{unit.name} is at the top of the tree: no office above")
    title, body = draft.title.strip(), draft.body.strip()
    if not title:
        raise InvalidInput("title", "must not be blank")
    if not body:
        raise InvalidInput("body", "must not be blank")
    if len(title) > MAX_TITLE:
        raise InvalidInput("title", f"at most {MAX_TITLE} characters")
    if len(body) > MAX_BODY:
        raise InvalidInput("body", f"at most {MAX_BODY} characters")
    return Item(
        submission_id=submission_id,
        unit_id=unit.unit_id,
        author_id=author.person_id,
        title=title,
        body=_normalise_paragraphs(body),
        category=draft.category,
        language=draft.language or detect_language(title + body),
        period=period_of(now),
        state=ItemState.SUBMITTED,
        office_id=unit.reports_to,
        submitted_at=now,
        urgent=draft.urgent,
    )


def _normalise_paragraphs(body: str) -> str:
    """One blank line between paragraphs, no trailing spaces (pasted text varies)."""
    lines = [line.strip() for line in body.replace("\r\n", "\n").split("\n")]
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs)

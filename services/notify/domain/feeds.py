"""Feeds of items to other agencies: what may leave, who asked for it, how it looks. Pure.

An item may leave only when released: never when marked sensitive or withdrawn; when an
office cleared or blocked it explicitly, that decision holds; otherwise an adopted item
counts as cleared, except urgent (emergency or sensitive-event) reports, which wait for
an explicit clearance. A subscription narrows by adoption level, category, unit,
adoption and minimum score. Each agency's entries carry a sequence number that grows
by one per entry; the pull feed's cursor is that number, wrapped so clients treat it
as opaque.

An item withdrawn by its unit, marked sensitive in intake or blocked by its office after it
went out is retracted: the agency's feed gets a retraction entry of its own (the next
number, naming the entry it retracts), the original entry is no longer served, and nothing
more of the item is offered to that agency.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from services.notify.domain.errors import Invalid

AGENCY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class Adoption:
    adoption_id: str
    level: str
    publication: str
    office_id: str
    issue_no: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """What notify knows of an item for feeds."""

    submission_id: str
    unit_id: str = ""
    unit_name: str = ""
    title: str = ""
    body: str = ""
    language: str = "zh"
    category: str = ""
    period: str = ""
    submitted_at: datetime | None = None
    urgent: bool = False
    adoptions: tuple[Adoption, ...] = ()
    score: float | None = None
    sensitive: bool = False
    cleared: bool | None = None
    withdrawn: bool = False

    @property
    def levels(self) -> set[str]:
        return {a.level for a in self.adoptions}


@dataclass(frozen=True)
class Subscription:
    """What one agency wants; empty lists mean 'any'."""

    subscription_id: str
    agency_id: str
    levels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    adopted_only: bool = True
    min_score: float | None = None


def releasable(item: FeedItem) -> bool:
    """May this item leave the system at all?"""
    if item.sensitive or item.withdrawn or not item.title:
        return False
    if item.cleared is not None:
        return item.cleared
    return bool(item.adoptions) and not item.urgent


def matches(sub: Subscription, item: FeedItem) -> bool:
    """Does the subscription ask for this item (and may it have it)?"""
    if not releasable(item):
        return False
    if sub.adopted_only and not item.adoptions:
        return False
    if sub.levels and not set(sub.levels) & item.levels:
        return False
    if sub.categories and item.category not in sub.categories:
        return False
    if sub.units and item.unit_id not in sub.units:
        return False
    return sub.min_score is None or (item.score is not None and item.score >= sub.min_score)


def feed_topic(agency_id: str) -> str:
    """The agency's Kafka topic, ``notify.feed.<agency>.v1``."""
    return f"notify.feed.{agency_id}.v1"


def check_agency_id(agency_id: str) -> str:
    """Agency ids name Kafka topics and URLs: lower-case letters, digits and dashes."""
    if not AGENCY_ID.match(agency_id):
        raise Invalid("agency_id", "use 1-63 lower-case letters, digits or dashes")
    return agency_id


def json_feed_item(item: FeedItem, seq: int, published_at: datetime) -> dict[str, Any]:
    """The item as a JSON Feed 1.1 item, with Xinbao's facts under ``_xinbao``."""
    adoptions = [
        {"level": a.level, "publication": a.publication, "office_id": a.office_id, "issue_no": a.issue_no}
        for a in item.adoptions
    ]
    return {
        "id": item.submission_id,
        "title": item.title,
        "content_text": item.body,
        "summary": item.body.split("\n\n", 1)[0][:300],
        "date_published": published_at.isoformat(),
        "language": item.language,
        "tags": [t for t in (item.category, *sorted(item.levels)) if t],
        "authors": [{"name": item.unit_name or item.unit_id}],
        "_xinbao": {
            "seq": seq,
            "unit_id": item.unit_id,
            "category": item.category,
            "period": item.period,
            "score": item.score,
            "adoptions": adoptions,
        },
    }


RetractionReason = Literal["withdrawn", "withheld"]


def json_feed_retraction(
    submission_id: str, seq: int, retracts_seq: int, reason: RetractionReason, at: datetime
) -> dict[str, Any]:
    """A retraction as a JSON Feed 1.1 item: same ``id`` as the item, no content, and
    ``_xinbao.retracted`` true. The reason says only withdrawn or withheld: why an office
    withheld an item stays inside."""
    return {
        "id": submission_id,
        "content_text": "",
        "date_modified": at.isoformat(),
        "_xinbao": {"seq": seq, "retracted": True, "retracts_seq": retracts_seq, "reason": reason},
    }


def encode_cursor(agency_id: str, seq: int) -> str:
    """An opaque cursor meaning 'after entry ``seq`` of this agency's feed'."""
    return base64.urlsafe_b64encode(f"v1:{agency_id}:{seq}".encode()).decode().rstrip("=")


def decode_cursor(agency_id: str, cursor: str | None) -> int:
    """The sequence number a cursor stands for (0 for none); Invalid for a foreign or bad one."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, agency, seq = text.split(":")
        if version == "v1" and agency == agency_id and int(seq) >= 0:
            return int(seq)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        pass
    raise Invalid("cursor", "not a cursor of this feed")

"""Agencies, their subscriptions, feed entries and sequence counters.

:class:`FeedEntries` is a port: reading "entries after sequence n" needs a range query,
which the document port does not offer, so the MongoDB adapter implements it natively
(``adapters.mongo``) and :class:`DocumentFeedEntries` serves the in-memory fake.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict
from datetime import datetime
from typing import Any

from services.notify.domain import Subscription
from shared.persistence import Documents

Doc = dict[str, Any]


class AgencyRepository:
    """Agencies that receive feeds; API keys are stored only as hashes."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, agency_id: str) -> Doc | None:
        return await self.docs.get(agency_id)

    async def save(self, agency: Doc) -> None:
        await self.docs.put(agency)

    async def by_key_hash(self, key_hash: str) -> Doc | None:
        found = await self.docs.find({"api_key_hash": key_hash}, limit=1)
        return found[0] if found else None

    async def list(self) -> list[Doc]:
        return await self.docs.find(sort="_id")


class SubscriptionRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def add(self, sub: Subscription, created_at: datetime) -> None:
        await self.docs.put({"_id": sub.subscription_id, **asdict(sub), "created_at": created_at})

    async def all(self) -> list[Subscription]:
        return [_subscription(d) for d in await self.docs.find(sort="_id")]

    async def of_agency(self, agency_id: str) -> list[Subscription]:
        return [_subscription(d) for d in await self.docs.find({"agency_id": agency_id}, sort="_id")]


class FeedEntries(ABC):
    """Entries of every agency's feed, one per (agency, item), numbered per agency."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def exists(self, agency_id: str, submission_id: str) -> bool:
        return await self.docs.get(f"{agency_id}:{submission_id}") is not None

    async def add(self, agency_id: str, submission_id: str, seq: int, item: Doc, at: datetime) -> None:
        await self.docs.put(
            {
                "_id": f"{agency_id}:{submission_id}",
                "agency_id": agency_id,
                "seq": seq,
                "submission_id": submission_id,
                "item": item,
                "published_at": at,
                "withheld": False,
            }
        )

    async def live(self, submission_id: str) -> list[Doc]:
        """The item's entries still served (not retracted, not themselves retractions)."""
        rows = await self.docs.find({"submission_id": submission_id, "withheld": False})
        return [row for row in rows if not row.get("retraction")]

    async def retract(self, entry: Doc, seq: int, retraction: Doc, at: datetime) -> None:
        """Stop serving ``entry`` and add the retraction that follows it in the feed."""
        await self.docs.put({**entry, "withheld": True, "retracted_at": at})
        await self.docs.put(
            {
                "_id": f"{entry['_id']}:retraction",
                "agency_id": entry["agency_id"],
                "seq": seq,
                "submission_id": entry["submission_id"],
                "item": retraction,
                "published_at": at,
                "withheld": False,
                "retraction": True,
            }
        )

    @abstractmethod
    async def after(self, agency_id: str, seq: int, limit: int) -> list[Doc]:
        """Entries of ``agency_id`` with sequence > ``seq``, in sequence order."""


class DocumentFeedEntries(FeedEntries):
    """Range reads by scanning the agency's entries: fine for the in-memory fake."""

    async def after(self, agency_id: str, seq: int, limit: int) -> list[Doc]:
        rows = await self.docs.find({"agency_id": agency_id}, sort="seq")
        return [r for r in rows if r["seq"] > seq][:limit]


class Counters:
    """Monotonic counters. Inside a transaction two writers of one counter conflict, so
    the numbers come out gap-free and in commit order."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def next(self, name: str) -> int:
        doc = await self.docs.get(name) or {"_id": name, "value": 0}
        doc["value"] += 1
        await self.docs.put(doc)
        return int(doc["value"])


def _subscription(doc: Doc) -> Subscription:
    return Subscription(
        subscription_id=doc["_id"],
        agency_id=doc["agency_id"],
        levels=tuple(doc.get("levels", ())),
        categories=tuple(doc.get("categories", ())),
        units=tuple(doc.get("units", ())),
        adopted_only=doc.get("adopted_only", True),
        min_score=doc.get("min_score"),
    )

"""Items, inbox messages, people's preferences and unit contacts over the document port."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.notify.domain import ItemFacts, Preferences, QuietHours, UnitContacts
from services.notify.domain.bulletin_facts import UnitFacts
from services.notify.domain.feeds import Adoption, FeedItem
from shared.persistence import Documents

Doc = dict[str, Any]
Docs = list[Doc]


class ItemRepository:
    """One document per item: who wrote it (messages) and what it says (feeds)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, submission_id: str) -> ItemFacts | None:
        """The facts messages need; None before SubmissionReceived was seen."""
        doc = await self.docs.get(submission_id)
        if not doc or not doc.get("author_id"):
            return None
        return ItemFacts(submission_id, doc["author_id"], doc["unit_id"], doc["title"], doc["language"])

    async def document(self, submission_id: str) -> Doc:
        """The stored document, or an empty one with just the id."""
        return await self.docs.get(submission_id) or {"_id": submission_id}

    async def update(self, submission_id: str, **fields: Any) -> Doc:
        """Merge ``fields`` into the item's document and return it."""
        doc = {**await self.document(submission_id), **fields}
        await self.docs.put(doc)
        return doc

    async def of_unit(self, unit_id: str) -> list[Doc]:
        return await self.docs.find({"unit_id": unit_id})

    async def feed_item(self, submission_id: str) -> FeedItem:
        doc = await self.document(submission_id)
        return FeedItem(
            submission_id=submission_id,
            unit_id=doc.get("unit_id", ""),
            unit_name=doc.get("unit_name", ""),
            title=doc.get("title", ""),
            body=doc.get("body", ""),
            language=doc.get("language", "zh"),
            category=doc.get("category", ""),
            period=doc.get("period", ""),
            submitted_at=doc.get("submitted_at"),
            urgent=doc.get("urgent", False),
            adoptions=tuple(Adoption(**a) for a in doc.get("adoptions", [])),
            score=doc.get("score"),
            sensitive=doc.get("sensitive", False),
            cleared=doc.get("cleared"),
            withdrawn=doc.get("withdrawn", False),
        )


class NotificationRepository:
    """The in-app inbox."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, notification_id: str) -> Doc | None:
        return await self.docs.get(notification_id)

    async def add(self, notification: Doc) -> None:
        await self.docs.put(notification)

    async def list(self, where: Doc, *, skip: int, limit: int) -> tuple[list[Doc], int]:
        found = await self.docs.find(where, sort="-created_at", skip=skip, limit=limit)
        return found, await self.docs.count(where)

    async def waiting_for_digest(self, person_id: str) -> Docs:
        return await self.docs.find({"recipient_id": person_id, "digest_pending": True}, sort="created_at")


class PeopleRepository:
    """Preferences and contact details, plus when each person last got a digest."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, person_id: str) -> Preferences | None:
        doc = await self.docs.get(person_id)
        return _preferences(doc) if doc else None

    async def save(self, prefs: Preferences, updated_at: datetime) -> None:
        """Store the preferences; choosing the digest starts its clock now, so the first
        digest comes at the next weekly slot, not at once."""
        kept = await self.docs.get(prefs.person_id) or {}
        last_digest = kept.get("last_digest_at") or (updated_at if prefs.digest else None)
        await self.docs.put(
            {
                "_id": prefs.person_id,
                "channels": list(prefs.channels),
                "email": prefs.email,
                "phone": prefs.phone,
                "language": prefs.language,
                "quiet_hours": str(prefs.quiet_hours) if prefs.quiet_hours else None,
                "digest": prefs.digest,
                "timezone": prefs.timezone,
                "name": prefs.name,
                "updated_at": updated_at,
                "last_digest_at": last_digest,
            }
        )

    async def digest_readers(self) -> list[tuple[Preferences, datetime | None]]:
        """People who chose the digest, with the time of their last one."""
        return [(_preferences(d), d.get("last_digest_at")) for d in await self.docs.find({"digest": True})]

    async def mark_digest(self, person_id: str, at: datetime) -> None:
        doc = await self.docs.get(person_id)
        if doc is not None:
            await self.docs.put({**doc, "last_digest_at": at})


class UnitRepository:
    """Units: their names (from UnitRegistered) and their contacts (from the API)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, unit_id: str) -> UnitContacts:
        doc = await self.docs.get(unit_id) or {}
        return UnitContacts(
            unit_id,
            doc.get("name", ""),
            tuple(doc.get("officers", ())),
            tuple(doc.get("heads", ())),
            doc.get("main_leader"),
            tuple(doc.get("editors", ())),
        )

    async def update(self, unit_id: str, **fields: Any) -> None:
        doc = await self.docs.get(unit_id) or {"_id": unit_id}
        await self.docs.put({**doc, **fields})

    async def lineage(self, unit_id: str) -> tuple[str, ...]:
        """``unit_id`` and the units above it (``parent_id`` of UnitRegistered), nearest
        first; a unit notify has not heard of is its own whole lineage."""
        chain = [unit_id]
        doc = await self.docs.get(unit_id) or {}
        while (parent := doc.get("parent_id")) and parent not in chain:
            chain.append(parent)
            doc = await self.docs.get(parent) or {}
        return tuple(chain)

    async def name_of(self, unit_id: str) -> str:
        doc = await self.docs.get(unit_id) or {}
        return str(doc.get("name") or unit_id)

    async def reporting_to(self, office_id: str) -> list[UnitFacts]:
        """The units that submit to ``office_id`` (from UnitRegistered), with name, class, level."""
        return [_unit_facts(d) for d in await self.docs.find({"reports_to": office_id}, sort="_id")]

    async def below(self, unit_ids: list[str]) -> list[UnitFacts]:
        """Every unit under ``unit_ids`` in the org tree (``parent_id``), level by level."""
        found: dict[str, UnitFacts] = {}
        frontier, seen = list(unit_ids), set(unit_ids)
        while frontier:
            children = await self.docs.find({"parent_id": {"$in": frontier}}, sort="_id")
            fresh = [d for d in children if d["_id"] not in seen]
            seen.update(d["_id"] for d in fresh)
            found.update((d["_id"], _unit_facts(d)) for d in fresh)
            frontier = [d["_id"] for d in fresh]
        return list(found.values())


def _unit_facts(doc: Doc) -> UnitFacts:
    return UnitFacts(
        doc["_id"], doc.get("name") or doc["_id"], doc.get("unit_class") or "I", str(doc.get("level") or ""),
        doc.get("parent_id"),
    )


def _preferences(doc: Doc) -> Preferences:
    quiet = doc.get("quiet_hours")
    return Preferences(
        person_id=doc["_id"],
        channels=tuple(doc.get("channels", ("inbox",))),
        email=doc.get("email"),
        phone=doc.get("phone"),
        language=doc.get("language"),
        quiet_hours=QuietHours.parse(quiet) if quiet else None,
        digest=doc.get("digest", False),
        timezone=doc.get("timezone"),
        name=doc.get("name", ""),
    )

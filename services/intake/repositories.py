"""Intake's repositories, written once over the document port (Mongo or memory)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from pymongo import UpdateOne

from services.intake.domain import Item, ItemState, Person, Unit
from services.intake.domain.deadlines import Deadline, Outcome
from services.intake.domain.standing import standings
from shared.contracts import new_id
from shared.contracts.envelope import Event, submission_ids
from shared.contracts.vocabulary import OrgLevel, UnitKind
from shared.persistence import Documents, UnitOfWork

# Flags kept beside each item so that "reached office X" and "adopted at or below X" are
# plain equality filters on "reach.X" / "under.X" (unit ids never contain dots).
_REACH, _UNDER, _STANDING = "reach", "under", "standing"


class UnitRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, unit_id: str) -> Unit | None:
        doc = await self.docs.get(unit_id)
        return _unit(doc) if doc else None

    async def add(self, unit: Unit) -> None:
        await self.docs.put({"_id": unit.unit_id, **asdict(unit)})

    async def list(
        self, *, parent_id: str | None = None, skip: int = 0, limit: int = 100
    ) -> list[Unit]:
        where = {"parent_id": parent_id} if parent_id else {}
        return [_unit(d) for d in await self.docs.find(where, sort="_id", skip=skip, limit=limit)]

    async def lineage(self, unit_id: str) -> builtins.list[str]:
        """``unit_id`` and the units above it, nearest first (empty if it does not exist)."""
        chain: builtins.list[str] = []
        current: str | None = unit_id
        while current is not None and current not in chain:
            unit = await self.get(current)
            if unit is None:
                break
            chain.append(current)
            current = unit.parent_id
        return chain

    async def subtree(self, unit_id: str) -> builtins.list[str]:
        """``unit_id`` and every unit below it, level by level."""
        found, frontier = [unit_id], [unit_id]
        while frontier:
            children = await self.docs.find({"parent_id": {"$in": frontier}})
            frontier = [c["_id"] for c in children if c["_id"] not in found]
            found.extend(frontier)
        return found


class PersonRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, person_id: str) -> Person | None:
        doc = await self.docs.get(person_id)
        return _person(doc) if doc else None

    async def add(self, person: Person) -> None:
        await self.docs.put({"_id": person.person_id, **asdict(person)})

    async def list(self, where: dict[str, Any], *, skip: int = 0, limit: int = 0) -> list[Person]:
        return [_person(d) for d in await self.docs.find(where, sort="_id", skip=skip, limit=limit)]


class Records:
    """Plain records keyed by ``_id`` (commissions, quotas, briefings, attachments, failures)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, record_id: str) -> dict[str, Any] | None:
        return await self.docs.get(record_id)

    async def put(self, record: dict[str, Any]) -> None:
        await self.docs.put(record)

    async def find(
        self, where: dict[str, Any], *, sort: str | None = None, skip: int = 0, limit: int = 0
    ) -> list[dict[str, Any]]:
        return await self.docs.find(where, sort=sort, skip=skip, limit=limit)

    async def count(self, where: dict[str, Any]) -> int:
        return await self.docs.count(where)


class Credentials:
    """Password hashes and failed-log-in counters, apart from people (never served)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, person_id: str) -> dict[str, Any] | None:
        return await self.docs.get(person_id)

    async def put(self, record: dict[str, Any]) -> None:
        await self.docs.put(record)


class Sessions:
    """Log-in sessions; a token is only good while its session is neither revoked nor expired."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, session_id: str) -> dict[str, Any] | None:
        return await self.docs.get(session_id)

    async def put(self, session: dict[str, Any]) -> None:
        await self.docs.put(session)


class ItemRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, submission_id: str) -> Item | None:
        doc = await self.docs.get(submission_id)
        return _item(doc) if doc else None

    async def save(self, item: Item) -> None:
        await self.docs.put({
            "_id": item.submission_id, **asdict(item),
            _REACH: dict.fromkeys(item.offices_reached, True),
            _UNDER: dict.fromkeys(item.adopted_under, True),
            _STANDING: standings(item),
        })

    async def list(self, where: dict[str, Any], *, skip: int, limit: int) -> tuple[list[Item], int]:
        found = await self.docs.find(where, sort="-created_at", skip=skip, limit=limit)
        return [_item(d) for d in found], await self.docs.count(where)

    async def find(self, where: dict[str, Any]) -> builtins.list[Item]:
        return [_item(d) for d in await self.docs.find(where, sort="created_at")]

    async def count(self, where: dict[str, Any]) -> int:
        return await self.docs.count(where)


def reached_filter(office_id: str) -> dict[str, Any]:
    """Items that reached ``office_id``, now or on their way up."""
    return {f"{_REACH}.{office_id}": True}


async def backfill_standings(items: Any, batch: int = 500) -> int:
    """Give items stored before standings were kept theirs (start-up; a no-op once done).
    ``items`` is the raw collection (PyMongo's async API); writes go in bulk batches."""
    done, pending = 0, []
    async for doc in items.find({_STANDING: None}):
        pending.append(UpdateOne({"_id": doc["_id"]}, {"$set": {_STANDING: standings(_item(doc))}}))
        if len(pending) >= batch:
            done += (await items.bulk_write(pending, ordered=False)).modified_count
            pending = []
    if pending:
        done += (await items.bulk_write(pending, ordered=False)).modified_count
    return done


def standing_filter(unit_id: str, state: str) -> dict[str, Any]:
    """Items whose state as ``unit_id`` sees it is ``state`` (see domain/standing.py)."""
    return {f"{_STANDING}.{unit_id}": state}


def adopted_under_filter(unit_id: str) -> dict[str, Any]:
    """Items adopted by ``unit_id``'s office or an office below it."""
    return {f"{_UNDER}.{unit_id}": True}


class DownstreamRepository:
    """What other services said about each item: its score, ledger entries, notifications."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, submission_id: str) -> dict[str, Any]:
        doc = await self.docs.get(submission_id)
        return doc or {"_id": submission_id, "score": None, "ledger": [], "notifications": []}

    async def save(self, view: dict[str, Any]) -> None:
        await self.docs.put(view)


class AuditTrail:
    """Who did what to what, when and from where (IP). Append-only."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def record(
        self, actor: str, action: str, subject: str, origin: str, at: Any, *,
        unit_id: str | None = None, detail: str = "",
    ) -> None:
        await self.docs.add(
            {"_id": new_id(), "actor": actor, "action": action, "subject": subject,
             "origin": origin, "at": at, "unit_id": unit_id, "detail": detail}
        )

    async def of(self, subject: str) -> list[dict[str, Any]]:
        return await self.docs.find({"subject": subject}, sort="at")

    async def list(self, where: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
        return await self.docs.find(where, sort="-at", skip=skip, limit=limit)


class DeadlineRepository:
    """Deadlines intake announced, until the scheduler has judged them (then kept, judged)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, deadline_id: str) -> Deadline | None:
        doc = await self.docs.get(deadline_id)
        return _deadline(doc) if doc is not None else None

    async def save(self, deadline: Deadline) -> None:
        row = {**asdict(deadline), "outcome": deadline.outcome.value}
        await self.docs.put({"_id": deadline.deadline_id, **row})

    async def open_by_due(self, limit: int) -> builtins.list[Deadline]:
        """Open deadlines, earliest due first."""
        rows = await self.docs.find({"outcome": Outcome.OPEN.value}, sort="due_at", limit=limit)
        return [_deadline(r) for r in rows]


class IntakeUnitOfWork(UnitOfWork):
    """Intake's unit of work; the same repositories over Mongo or memory documents."""

    def bind_repositories(self) -> None:
        self.units = UnitRepository(self.documents("units"))
        self.people = PersonRepository(self.documents("people"))
        self.credentials = Credentials(self.documents("credentials"))
        self.sessions = Sessions(self.documents("sessions"))
        self.items = ItemRepository(self.documents("items"))
        self.downstream = DownstreamRepository(self.documents("downstream"))
        self.audit = AuditTrail(self.documents("audit"))
        self.commissions = Records(self.documents("commissions"))
        self.quotas = Records(self.documents("quotas"))
        self.briefings = Records(self.documents("briefings"))
        self.attachments = Records(self.documents("attachments"))
        self.deadlines = DeadlineRepository(self.documents("deadlines"))
        self.failures = Records(self.documents("failures"))
        self.office_rules = Records(self.documents("office_rules"))

    async def prefetch(self, events: Sequence[Event]) -> None:
        """Intake's consumers keep scores, ledger entries and notifications in the item's
        view: read the batch's views in one query."""
        await self.documents("downstream").load(submission_ids(events))


def _unit(doc: dict[str, Any]) -> Unit:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    return Unit(**{**fields, "level": OrgLevel(fields["level"]), "kind": UnitKind(fields["kind"])})


def _person(doc: dict[str, Any]) -> Person:
    return Person(**{k: v for k, v in doc.items() if k != "_id"})


def _item(doc: dict[str, Any]) -> Item:
    fields = {k: v for k, v in doc.items() if k not in ("_id", _REACH, _UNDER, _STANDING)}
    return Item(**{**fields, "state": ItemState(fields["state"])})


def _deadline(doc: dict[str, Any]) -> Deadline:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    return Deadline(**{**fields, "outcome": Outcome(fields["outcome"])})

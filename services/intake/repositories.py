"""Intake's repositories, written once over the document port (Mongo or memory)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.intake.domain import Item, ItemState, Person, Unit
from shared.contracts import new_id
from shared.contracts.vocabulary import OrgLevel, UnitKind
from shared.persistence import Documents, UnitOfWork


class UnitRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, unit_id: str) -> Unit | None:
        doc = await self.docs.get(unit_id)
        return _unit(doc) if doc else None

    async def add(self, unit: Unit) -> None:
        await self.docs.put({"_id": unit.unit_id, **asdict(unit)})

    async def list(self, *, parent_id: str | None = None, skip: int = 0, limit: int = 100) -> list[Unit]:
        where = {"parent_id": parent_id} if parent_id else {}
        return [_unit(d) for d in await self.docs.find(where, sort="_id", skip=skip, limit=limit)]


class PersonRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, person_id: str) -> Person | None:
        doc = await self.docs.get(person_id)
        return Person(**{k: v for k, v in doc.items() if k != "_id"}) if doc else None

    async def add(self, person: Person) -> None:
        await self.docs.put({"_id": person.person_id, **asdict(person)})


class ItemRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, submission_id: str) -> Item | None:
        doc = await self.docs.get(submission_id)
        return _item(doc) if doc else None

    async def save(self, item: Item) -> None:
        await self.docs.put({"_id": item.submission_id, **asdict(item)})

    async def list(self, where: dict[str, Any], *, skip: int, limit: int) -> tuple[list[Item], int]:
        found = await self.docs.find(where, sort="-submitted_at", skip=skip, limit=limit)
        return [_item(d) for d in found], await self.docs.count(where)


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
    """Who did what to which item, when and from where. Append-only."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def record(self, actor: str, action: str, subject: str, origin: str, at: Any) -> None:
        await self.docs.put(
            {"_id": new_id(), "actor": actor, "action": action, "subject": subject,
             "origin": origin, "at": at}
        )

    async def of(self, subject: str) -> list[dict[str, Any]]:
        return await self.docs.find({"subject": subject}, sort="at")


class IntakeUnitOfWork(UnitOfWork):
    """Intake's unit of work; the same repositories over Mongo or memory documents."""

    def bind_repositories(self) -> None:
        self.units = UnitRepository(self.documents("units"))
        self.people = PersonRepository(self.documents("people"))
        self.items = ItemRepository(self.documents("items"))
        self.downstream = DownstreamRepository(self.documents("downstream"))
        self.audit = AuditTrail(self.documents("audit"))


def _unit(doc: dict[str, Any]) -> Unit:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    return Unit(**{**fields, "level": OrgLevel(fields["level"]), "kind": UnitKind(fields["kind"])})


def _item(doc: dict[str, Any]) -> Item:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    return Item(**{**fields, "state": ItemState(fields["state"])})

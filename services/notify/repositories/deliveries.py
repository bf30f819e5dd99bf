"""Deliveries, their attempt log, obligations and reminder schedules over the document port.

"Due" queries use only equality filters plus a sort: the rows are sorted by their next
time and read until the first one in the future, which works alike on MongoDB (with the
compound indexes in ``adapters.mongo``) and on the in-memory fake.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from services.notify.domain import Attempt, Delivery, Obligation, ReminderSchedule
from services.notify.domain.delivery import DUE_STATUSES
from services.notify.domain.reminders import OPEN
from shared.persistence import Documents

Doc = dict[str, Any]
_DELIVERY_FIELDS = {f.name for f in fields(Delivery)}
_OBLIGATION_FIELDS = {f.name for f in fields(Obligation)}


class DeliveryRepository:
    """The ``deliveries`` collection; the dead ones are the dead-letter store."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, delivery_id: str) -> Delivery | None:
        doc = await self.docs.get(delivery_id)
        return _delivery(doc) if doc else None

    async def add_new(self, delivery: Delivery) -> bool:
        """Store a new delivery; False (and nothing changes) when its id exists."""
        if await self.docs.get(delivery.delivery_id) is not None:
            return False
        await self.save(delivery)
        return True

    async def save(self, delivery: Delivery) -> None:
        await self.docs.put({"_id": delivery.delivery_id, **asdict(delivery)})

    async def due(self, now: datetime, limit: int) -> list[Delivery]:
        """Pending or failed deliveries whose time has come, earliest first."""
        rows = await self.docs.find(
            {"status": {"$in": list(DUE_STATUSES)}}, sort="next_attempt_at", limit=limit
        )
        return [_delivery(r) for r in rows if r["next_attempt_at"] <= now]

    async def list(self, where: Doc, *, skip: int, limit: int) -> tuple[list[Delivery], int]:
        rows = await self.docs.find(where, sort="-created_at", skip=skip, limit=limit)
        return [_delivery(r) for r in rows], await self.docs.count(where)


class AttemptLog:
    """Every attempt of every delivery (the webhook delivery log reads it)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def add(self, attempt: Attempt, channel: str, recipient_id: str) -> None:
        await self.docs.put(
            {
                "_id": f"{attempt.delivery_id}:{attempt.number}",
                **asdict(attempt),
                "channel": channel,
                "recipient_id": recipient_id,
            }
        )

    async def list(self, where: Doc, *, skip: int = 0, limit: int = 100) -> tuple[list[Doc], int]:
        rows = await self.docs.find(where, sort="-at", skip=skip, limit=limit)
        return [{k: v for k, v in r.items() if k != "_id"} for r in rows], await self.docs.count(where)


class ObligationRepository:
    """The ``reminders`` collection: obligations with their reminder state."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, obligation_id: str) -> Obligation | None:
        doc = await self.docs.get(obligation_id)
        return _obligation(doc) if doc else None

    async def save(self, ob: Obligation) -> None:
        await self.docs.put({"_id": ob.obligation_id, **asdict(ob), "armed": ob.next_fire_at is not None})

    async def due(self, now: datetime, limit: int) -> list[Obligation]:
        rows = await self.docs.find({"status": OPEN, "armed": True}, sort="next_fire_at", limit=limit)
        return [_obligation(r) for r in rows if r["next_fire_at"] <= now]

    async def find(self, where: Doc, *, skip: int = 0, limit: int = 0) -> list[Obligation]:
        return [_obligation(r) for r in await self.docs.find(where, sort="due_at", skip=skip, limit=limit)]

    async def count(self, where: Doc) -> int:
        return await self.docs.count(where)


class ScheduleRepository:
    """Reminder schedules offices chose; offices without one use the default."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, office_id: str) -> ReminderSchedule | None:
        doc = await self.docs.get(office_id)
        if doc is None:
            return None
        return ReminderSchedule(tuple(doc["before_hours"]), doc["overdue"], doc["overdue_repeat_hours"])

    async def save(self, office_id: str, schedule: ReminderSchedule, at: datetime) -> None:
        await self.docs.put({"_id": office_id, **asdict(schedule), "updated_at": at})


def _delivery(doc: Doc) -> Delivery:
    return Delivery(**{k: v for k, v in doc.items() if k in _DELIVERY_FIELDS})


def _obligation(doc: Doc) -> Obligation:
    values = {k: v for k, v in doc.items() if k in _OBLIGATION_FIELDS}
    return Obligation(**{**values, "fired": tuple(values.get("fired", ()))})

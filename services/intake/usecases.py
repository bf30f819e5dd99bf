"""Intake use cases: each opens a unit of work, applies the domain, emits events, commits.

HTTP-driven (idempotency: the request creates a new id): register_unit, register_person,
submit_item. Event-driven (idempotency key: the incoming event_id, via the inbox):
record_score, record_ledger_entry, record_notification.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.intake.domain import Draft, Item, NotFound, Person, Unit, receive
from services.intake.repositories import IntakeUnitOfWork
from shared.contracts import (
    NotificationDelivered,
    PointsAwarded,
    PointsReversed,
    SubmissionReceived,
    SubmissionScored,
    UnitRegistered,
    new_id,
)

PRODUCER = "intake"
UnitOfWorkFactory = Callable[[], IntakeUnitOfWork]


async def register_unit(new_uow: UnitOfWorkFactory, unit: Unit) -> Unit:
    """Add (or re-place) a unit in the org tree; UnitRegistered out."""
    async with new_uow() as uow:
        if unit.parent_id is not None and await uow.units.get(unit.parent_id) is None:
            raise NotFound(f"parent unit {unit.parent_id!r}")
        await uow.units.add(unit)
        uow.emit(
            UnitRegistered.originated(
                producer=PRODUCER,
                unit_id=unit.unit_id,
                name=unit.name,
                level=unit.level,
                kind=unit.kind,
                parent_id=unit.parent_id,
                reports_to=unit.reports_to,
                unit_class=unit.unit_class,
            )
        )
        await uow.commit()
    return unit


async def register_person(new_uow: UnitOfWorkFactory, person: Person) -> Person:
    """Add a person to a unit."""
    async with new_uow() as uow:
        if await uow.units.get(person.unit_id) is None:
            raise NotFound(f"unit {person.unit_id!r}")
        await uow.people.add(person)
        await uow.commit()
    return person


async def submit_item(
    new_uow: UnitOfWorkFactory, unit_id: str, author_id: str, draft: Draft, now: datetime
) -> Item:
    """Receive an item from a unit for the office above; SubmissionReceived out."""
    async with new_uow() as uow:
        unit = await uow.units.get(unit_id)
        if unit is None:
            raise NotFound(f"unit {unit_id!r}")
        author = await uow.people.get(author_id)
        if author is None:
            raise NotFound(f"person {author_id!r}")
        item = receive(new_id(), unit, author, draft, now)
        await uow.items.save(item)
        uow.emit(_received(item, unit, author))
        await uow.commit()
    return item


async def record_score(new_uow: UnitOfWorkFactory, event: SubmissionScored) -> bool:
    """Keep the latest score of an item for its readers; False for a duplicate."""
    score = event.model_dump(mode="json")
    return await _update_downstream(new_uow, event, lambda view: view.update(score=score))


async def record_ledger_entry(
    new_uow: UnitOfWorkFactory, event: PointsAwarded | PointsReversed
) -> bool:
    """Keep a ledger entry about an item for its readers; False for a duplicate."""
    entry = event.model_dump(mode="json", include=_LEDGER_FIELDS)
    return await _update_downstream(new_uow, event, lambda view: view["ledger"].append(entry))


async def record_notification(new_uow: UnitOfWorkFactory, event: NotificationDelivered) -> bool:
    """Keep a notification about an item for its readers; False for a duplicate."""
    note = event.model_dump(mode="json", include=_NOTIFICATION_FIELDS)
    return await _update_downstream(new_uow, event, lambda view: view["notifications"].append(note))


_LEDGER_FIELDS = {"type", "entry_id", "unit_id", "points", "money", "rule", "reason", "policy_version", "occurred_at"}
_NOTIFICATION_FIELDS = {"notification_id", "recipient_id", "channel", "kind", "subject", "occurred_at"}


async def _update_downstream(
    new_uow: UnitOfWorkFactory,
    event: SubmissionScored | PointsAwarded | PointsReversed | NotificationDelivered,
    change: Callable[[dict[str, Any]], None],
) -> bool:
    submission_id = event.submission_id
    if submission_id is None:
        return False
    async with new_uow() as uow:
        if not await uow.claim(event.event_id):
            return False
        view = await uow.downstream.get(submission_id)
        change(view)
        await uow.downstream.save(view)
        await uow.commit()
    return True


def _received(item: Item, unit: Unit, author: Person) -> SubmissionReceived:
    return SubmissionReceived.originated(
        producer=PRODUCER,
        submission_id=item.submission_id,
        unit_id=unit.unit_id,
        unit_name=unit.name,
        unit_level=unit.level,
        office_id=item.office_id,
        author_id=author.person_id,
        author_name=author.name,
        title=item.title,
        body=item.body,
        language=item.language,
        category=item.category,
        period=item.period,
        urgent=item.urgent,
        submitted_at=item.submitted_at,
    )

"""Receiving an item from a unit: SubmissionReceived out (a new id per request)."""

from __future__ import annotations

from datetime import datetime

from services.intake.domain import Draft, Item, NotFound, Person, Unit, receive
from services.intake.usecases.common import PRODUCER, UnitOfWorkFactory
from shared.contracts import SubmissionReceived, new_id


async def submit_item(
    new_uow: UnitOfWorkFactory,
    unit_id: str,
    author_id: str,
    draft: Draft,
    now: datetime,
    origin: str = "",
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
        await uow.audit.record(author_id, "submit", item.submission_id, origin, now)
        await uow.commit()
    return item


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

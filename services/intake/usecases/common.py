"""What every intake use case shares: producer name, unit-of-work factory, the actor, lookups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.intake.domain import Item, NotFound, Person, Unit, User
from services.intake.repositories import IntakeUnitOfWork

PRODUCER = "intake"
UnitOfWorkFactory = Callable[[], IntakeUnitOfWork]


@dataclass(frozen=True)
class Actor:
    """The authenticated user asking for an action, and the address it came from (audit)."""

    user: User
    origin: str = ""

    @property
    def person_id(self) -> str:
        return self.user.person_id


async def audit(
    uow: IntakeUnitOfWork, actor: Actor, action: str, subject: str, now: datetime, detail: str = ""
) -> None:
    """Append to the audit trail inside the unit of work."""
    await uow.audit.record(
        actor.person_id, action, subject, actor.origin, now, unit_id=actor.user.unit_id, detail=detail
    )


async def get_item(uow: IntakeUnitOfWork, submission_id: str) -> Item:
    item = await uow.items.get(submission_id)
    if item is None:
        raise NotFound(f"submission {submission_id!r}", code="no_item", item=submission_id)
    return item


async def get_unit(uow: IntakeUnitOfWork, unit_id: str) -> Unit:
    unit = await uow.units.get(unit_id)
    if unit is None:
        raise NotFound(f"unit {unit_id!r}", code="no_unit", unit=unit_id)
    return unit


async def get_person(uow: IntakeUnitOfWork, person_id: str) -> Person:
    person = await uow.people.get(person_id)
    if person is None:
        raise NotFound(f"person {person_id!r}", code="no_person", person=person_id)
    return person

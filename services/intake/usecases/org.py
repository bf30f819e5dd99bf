"""Org tree and people. Idempotency: the request names the unit or person id (upsert)."""

from __future__ import annotations

from services.intake.domain import NotFound, Person, Unit
from services.intake.usecases.common import PRODUCER, UnitOfWorkFactory
from shared.contracts import UnitRegistered


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

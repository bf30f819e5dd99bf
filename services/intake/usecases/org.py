"""Org tree and people, kept by admins within their part of the tree.

Idempotency: the request names the unit or person id (upsert).
"""

from __future__ import annotations

from datetime import datetime

from services.intake.domain import Forbidden, InvalidInput, NotFound, Person, Unit, User
from services.intake.domain.access import require_admin_over
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit
from services.intake.usecases.sessions import (
    AuthPolicy,
    credential_record,
    hash_new_password,
    revoke_if_changed,
)
from shared.contracts import UnitRegistered


async def register_unit(
    new_uow: UnitOfWorkFactory, actor: Actor, unit: Unit, now: datetime
) -> Unit:
    """Add (or re-place) a unit in the org tree; UnitRegistered out."""
    async with new_uow() as uow:
        await check_unit_placement(uow, actor.user, unit)
        await uow.units.add(unit)
        uow.emit(unit_registered(unit, now))
        await audit(uow, actor, "unit-registered", unit.unit_id, now)
        await uow.commit()
    return unit


async def check_unit_placement(uow: IntakeUnitOfWork, user: User, unit: Unit) -> None:
    """The parent exists, the move makes no cycle, and ``user`` is an admin over both places."""
    existing = await uow.units.get(unit.unit_id)
    if existing is not None:
        require_admin_over(user, await uow.units.lineage(unit.unit_id), f"change unit {unit.unit_id}")
    if unit.parent_id is None:
        if user.unit_id is not None:
            raise Forbidden(
                f"{user.describe()} may not add a root unit: only the bootstrap admin may", code="root_unit"
            )
        return
    parent_lineage = await uow.units.lineage(unit.parent_id)
    if not parent_lineage:
        raise NotFound(f"parent unit {unit.parent_id!r}", code="no_parent_unit", unit=unit.parent_id)
    if unit.unit_id in parent_lineage:
        raise InvalidInput(
            "parent_id", f"{unit.parent_id} lies below {unit.unit_id}: a cycle",
            code="unit_cycle", parent=unit.parent_id, unit=unit.unit_id,
        )
    require_admin_over(user, parent_lineage, f"add units under {unit.parent_id}")


def unit_registered(unit: Unit, now: datetime) -> UnitRegistered:
    return UnitRegistered.originated(
        producer=PRODUCER, occurred_at=now, unit_id=unit.unit_id, name=unit.name, level=unit.level,
        kind=unit.kind, parent_id=unit.parent_id, reports_to=unit.reports_to,
        unit_class=unit.unit_class,
    )


async def register_person(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, actor: Actor, person: Person,
    password: str | None, now: datetime,
) -> Person:
    """Add (or change) a person; a new person needs an initial password. Changed roles, unit
    or password: SessionRevoked out (their access tokens stop working)."""
    if policy.is_bootstrap(person.person_id):
        raise InvalidInput(
            "person_id", f"{person.person_id!r} is the bootstrap admin's id",
            code="bootstrap_id", person=person.person_id,
        )
    hashed = await hash_new_password(policy, password) if password is not None else None
    async with new_uow() as uow:
        await check_person_placement(uow, actor.user, person)
        if hashed is None and await uow.credentials.get(person.person_id) is None:
            raise InvalidInput("password", "a new person needs an initial password", code="password_needed")
        await revoke_if_changed(uow, person, hashed is not None, now)
        await uow.people.add(person)
        if hashed is not None:
            await uow.credentials.put(credential_record(person.person_id, hashed, now))
        await audit(uow, actor, "person-registered", person.person_id, now, ",".join(person.roles))
        await uow.commit()
    return person


async def check_person_placement(uow: IntakeUnitOfWork, user: User, person: Person) -> None:
    """The unit exists and ``user`` is an admin over it (and over the person's old unit)."""
    lineage = await uow.units.lineage(person.unit_id)
    if not lineage:
        raise NotFound(f"unit {person.unit_id!r}", code="no_unit", unit=person.unit_id)
    require_admin_over(user, lineage, f"manage people of {person.unit_id}")
    existing = await uow.people.get(person.person_id)
    if existing is not None and existing.unit_id != person.unit_id:
        old = await uow.units.lineage(existing.unit_id)
        require_admin_over(user, old, f"move people out of {existing.unit_id}")


async def people_of(new_uow: UnitOfWorkFactory, user: User, unit_id: str) -> list[Person]:
    """The people of a unit: for its own members and for admins over it."""
    async with new_uow() as uow:
        lineage = await uow.units.lineage(unit_id)
        if not lineage:
            raise NotFound(f"unit {unit_id!r}", code="no_unit", unit=unit_id)
        if user.unit_id != unit_id:
            require_admin_over(user, lineage, f"list the people of {unit_id}")
        return await uow.people.list({"unit_id": unit_id})

"""Bulk import and export of the org tree and people (CSV or Excel), kept by admins.

Every row is checked first (shape, references within the table and to the tree, the admin's
scope); with any problem, RowsRejected names them all and nothing is written. Otherwise one
unit of work writes everything, UnitRegistered goes out for each unit, parents first.
Idempotency: rows name their ids (upsert), so importing the same table twice changes nothing.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import datetime
from typing import Any

from services.intake import passwords
from services.intake.domain import Forbidden, Person, RowsRejected, Unit, User
from services.intake.domain.access import require_admin_over
from services.intake.domain.org_rows import Problems, Row, parse_people, parse_units
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import Actor, UnitOfWorkFactory, audit
from services.intake.usecases.org import unit_registered
from services.intake.usecases.sessions import AuthPolicy, credential_record, revoke_if_changed


async def import_units(
    new_uow: UnitOfWorkFactory, actor: Actor, rows: list[tuple[int, Row]], now: datetime
) -> dict[str, Any]:
    """Add or re-place every unit of the table, or none."""
    problems = Problems()
    parsed = parse_units(rows, problems)
    async with new_uow() as uow:
        ordered = await _place_units(uow, actor.user, parsed, problems)
        if problems.found:
            raise RowsRejected(problems.sorted())
        for unit in ordered:
            await uow.units.add(unit)
            uow.emit(unit_registered(unit, now))
        await audit(uow, actor, "import-units", "org", now, f"{len(ordered)} units")
        await uow.commit()
    return {"imported": len(ordered), "unit_ids": [u.unit_id for u in ordered]}


async def import_people(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, actor: Actor, rows: list[tuple[int, Row]],
    now: datetime,
) -> dict[str, Any]:
    """Add or change every person of the table, or none; new people without a password get
    a generated one, returned once in ``generated_passwords``. People whose roles, unit or
    password changed: SessionRevoked out for each."""
    problems = Problems()
    parsed = parse_people(rows, problems)
    generated: dict[str, str] = {}
    async with new_uow() as uow:
        for number, person, password in parsed:
            await _check_person(uow, actor.user, policy, number, person, problems)
            if password is None and await uow.credentials.get(person.person_id) is None:
                generated[person.person_id] = secrets.token_urlsafe(9)
    if problems.found:
        raise RowsRejected(problems.sorted())
    wanted = {p.person_id: pw or generated.get(p.person_id) for _, p, pw in parsed}
    hashes = await _hash_each_once(policy, {pw for pw in wanted.values() if pw})
    async with new_uow() as uow:
        for _, person, _password in parsed:
            password = wanted[person.person_id]
            await revoke_if_changed(uow, person, bool(password), now)
            await uow.people.add(person)
            if password:
                await uow.credentials.put(credential_record(person.person_id, hashes[password], now))
        await audit(uow, actor, "import-people", "org", now, f"{len(parsed)} people")
        await uow.commit()
    return {"imported": len(parsed), "person_ids": [p.person_id for _, p, _ in parsed],
            "generated_passwords": generated}


async def export_org(new_uow: UnitOfWorkFactory, user: User) -> tuple[list[Unit], list[Person]]:
    """The units and people an admin keeps: their subtree (everything for the bootstrap admin)."""
    if "admin" not in user.roles:
        raise Forbidden(
            f"{user.describe()} may not export the org tree: only admins may", code="export_admins_only"
        )
    async with new_uow() as uow:
        if user.unit_id is None:
            units = await uow.units.list(limit=0)
        else:
            ids = await uow.units.subtree(user.unit_id)
            units = [u for u in await uow.units.list(limit=0) if u.unit_id in set(ids)]
        people = await uow.people.list({"unit_id": {"$in": [u.unit_id for u in units]}})
    return units, people


async def _place_units(
    uow: IntakeUnitOfWork, user: User, parsed: list[tuple[int, Unit]], problems: Problems
) -> list[Unit]:
    in_table = {unit.unit_id: unit for _, unit in parsed}

    async def lineage(unit_id: str) -> list[str]:
        chain: list[str] = []
        current: str | None = unit_id
        while current is not None and current not in chain:
            if current in in_table:
                chain.append(current)
                current = in_table[current].parent_id
            else:
                return chain + await uow.units.lineage(current)
        return chain + ([current] if current in chain else [])

    ordered: list[tuple[int, Unit]] = []
    for number, unit in parsed:
        chain = await lineage(unit.unit_id)
        if len(chain) != len(set(chain)):
            problems.add(number, "parent_id", f"{unit.unit_id} would lie below itself")
            continue
        if unit.parent_id is not None and unit.parent_id not in in_table and not chain[1:]:
            problems.add(number, "parent_id", f"no unit {unit.parent_id} in the tree or the table")
            continue
        _scope(user, chain[1:] or [], number, "parent_id", f"add units under {unit.parent_id}", problems,
               root=unit.parent_id is None)
        existing = await uow.units.lineage(unit.unit_id)
        if existing:
            _scope(user, existing, number, "unit_id", f"change {unit.unit_id}", problems)
        ordered.append((len(chain), unit))
    return [unit for _, unit in sorted(ordered, key=lambda pair: pair[0])]


async def _check_person(
    uow: IntakeUnitOfWork, user: User, policy: AuthPolicy, number: int, person: Person,
    problems: Problems,
) -> None:
    if policy.is_bootstrap(person.person_id):
        problems.add(number, "person_id", "is the bootstrap admin's id")
        return
    lineage = await uow.units.lineage(person.unit_id)
    if not lineage:
        problems.add(number, "unit_id", f"no unit {person.unit_id} in the tree")
        return
    _scope(user, lineage, number, "unit_id", f"manage people of {person.unit_id}", problems)
    existing = await uow.people.get(person.person_id)
    if existing is not None and existing.unit_id != person.unit_id:
        old = await uow.units.lineage(existing.unit_id)
        _scope(user, old, number, "unit_id", f"move people out of {existing.unit_id}", problems)


def _scope(
    user: User, lineage: list[str], number: int, column: str, doing: str, problems: Problems,
    *, root: bool = False,
) -> None:
    try:
        if root and user.unit_id is not None:
            raise Forbidden(
                f"{user.describe()} may not add a root unit: only the bootstrap admin may", code="root_unit"
            )
        require_admin_over(user, lineage, doing)
    except Forbidden as refusal:
        problems.add(number, column, str(refusal))


async def _hash_each_once(policy: AuthPolicy, distinct: set[str]) -> dict[str, str]:
    """One bcrypt hash per distinct password (a table often gives everyone the same one)."""
    ordered = sorted(distinct)
    hashed = await asyncio.gather(*(
        asyncio.to_thread(passwords.hash_password, pw, policy.bcrypt_rounds) for pw in ordered
    ))
    return dict(zip(ordered, hashed, strict=True))

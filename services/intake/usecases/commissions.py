"""Reporting priorities (报送要点) and commissioned topics (约稿) an office publishes.

A commission asks units under the office for items on a theme by a deadline:
CommissionPublished goes out (notify tells the units asked) and DeadlineSet for each unit.
Items answer it with ``commission_id``; the status shows who has answered, on time or late,
and who has not. A new id per request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from services.intake.domain import Forbidden, InvalidInput, ItemState, NotFound, User
from services.intake.domain.access import OFFICE_ROLES, UNIT_ROLES, require_office_role
from services.intake.usecases.common import (
    PRODUCER,
    Actor,
    UnitOfWorkFactory,
    audit,
    get_unit,
)
from services.intake.usecases.deadlines import set_deadline
from shared.contracts import CommissionPublished, new_id

CommissionKind = Literal["commission", "priority"]
_NOT_ANSWERS = {ItemState.DRAFT.value, ItemState.WITHDRAWN.value}


async def publish_commission(
    new_uow: UnitOfWorkFactory, actor: Actor, kind: CommissionKind, theme: str,
    description: str, units: list[str] | None, deadline: datetime | None, now: datetime,
) -> dict[str, Any]:
    """Publish a commission or priority to units directly under the actor's office."""
    office_id = actor.user.unit_id or ""
    require_office_role(actor.user, office_id, OFFICE_ROLES, "publish commissions and priorities")
    if kind == "commission" and deadline is None:
        raise InvalidInput("deadline", "a commissioned topic needs a deadline", code="deadline_needed")
    if deadline is not None and deadline <= now:
        raise InvalidInput("deadline", "must lie in the future", code="deadline_past")
    async with new_uow() as uow:
        office = await get_unit(uow, office_id)
        below = [u.unit_id for u in await uow.units.list(parent_id=office.unit_id, limit=10_000)]
        asked = list(dict.fromkeys(units)) if units else below
        strangers = [u for u in asked if u not in below]
        if strangers:
            raise InvalidInput(
                "units", f"not directly under {office_id}: {', '.join(strangers)}",
                code="not_directly_under", office=office_id, units=strangers,
            )
        commission_id = new_id()
        commission: dict[str, Any] = {
            "_id": commission_id, "commission_id": commission_id, "kind": kind,
            "office_id": office_id, "theme": theme, "description": description,
            "units": asked, "asked": dict.fromkeys(asked, True),
            "deadline": deadline, "created_by": actor.person_id, "created_at": now,
        }
        await uow.commissions.put(commission)
        uow.emit(CommissionPublished.originated(
            producer=PRODUCER, occurred_at=now, commission_id=commission_id, office_id=office_id,
            kind=kind, theme=theme, description=description, units=asked, deadline=deadline,
        ))
        if deadline is not None:
            for unit_id in asked:
                await set_deadline(
                    uow, unit_id=unit_id, office_id=office_id, subject="commission",
                    reference_id=commission_id, due_at=deadline, now=now,
                )
        await audit(uow, actor, f"publish:{kind}", commission_id, now, theme)
        await uow.commit()
    return _public(commission)


async def list_commissions(new_uow: UnitOfWorkFactory, user: User) -> list[dict[str, Any]]:
    """Office staff: what their office published. Unit staff: what asks their unit."""
    unit = user.unit_id or ""
    if user.has(OFFICE_ROLES | {"leader"}):
        where: dict[str, Any] = {"office_id": unit}
    elif user.has(UNIT_ROLES):
        where = {f"asked.{unit}": True}
    else:
        raise Forbidden(
            f"{user.describe()} has no commissions to see",
            code="no_commissions_to_see", roles=sorted(UNIT_ROLES | OFFICE_ROLES | {"leader"}),
        )
    async with new_uow() as uow:
        found = await uow.commissions.find(where, sort="-created_at")
    return [_public(c) for c in found]


async def commission_status(
    new_uow: UnitOfWorkFactory, user: User, commission_id: str, now: datetime
) -> dict[str, Any]:
    """Per unit asked: its answers, and answered / late / missing / pending."""
    async with new_uow() as uow:
        commission = await uow.commissions.get(commission_id)
        if commission is None:
            raise NotFound(f"commission {commission_id!r}", code="no_commission", commission=commission_id)
        office_id = commission["office_id"]
        require_office_role(user, office_id, OFFICE_ROLES | {"leader"}, "follow commissions")
        items = await uow.items.find({"commission_id": commission_id})
        names = {u: (await uow.units.get(u)) for u in commission["units"]}
    deadline = commission["deadline"]
    rows = []
    for unit_id in commission["units"]:
        answers = [i for i in items if i.unit_id == unit_id and i.state.value not in _NOT_ANSWERS]
        on_time = [i for i in answers if deadline is None or (i.submitted_at and i.submitted_at <= deadline)]
        if on_time:
            status = "answered"
        elif answers:
            status = "late"
        else:
            status = "missing" if deadline is not None and now > deadline else "pending"
        unit = names[unit_id]
        rows.append({
            "unit_id": unit_id, "unit_name": unit.name if unit else unit_id, "status": status,
            "answers": [{"submission_id": i.submission_id, "title": i.title, "state": i.state.value,
                         "submitted_at": i.submitted_at} for i in answers],
        })
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("answered", "late", "missing", "pending")}
    return {**_public(commission), "counts": counts, "units_status": rows}


def _public(commission: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in commission.items() if k not in ("_id", "asked")}

"""Quotas per unit per period, set by the office above it, and the board of who is behind.

QuotaSet goes out for each quota set (and DeadlineSet when it has a due date). Setting the
same unit and period again replaces it (idempotency key: unit_id + period).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from services.intake.domain import InvalidInput, ItemState, User
from services.intake.domain.access import OFFICE_ROLES, require_office_role
from services.intake.domain.periods import kind_of, months_of
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit, get_unit
from services.intake.usecases.deadlines import set_deadline
from services.intake.usecases.rules import IntakeRules
from shared.contracts import QuotaSet

_COUNTED = {s.value for s in ItemState} - {ItemState.DRAFT.value, ItemState.WITHDRAWN.value}


async def set_quota(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, actor: Actor, unit_id: str, period: str,
    items_required: int, due: date | None, now: datetime,
) -> dict[str, Any]:
    """The office above ``unit_id`` sets how many items it owes in ``period``."""
    kind = kind_of(period)
    if items_required < 0:
        raise InvalidInput("items_required", "must not be negative", code="negative")
    async with new_uow() as uow:
        unit = await get_unit(uow, unit_id)
        office_id = unit.reports_to or ""
        require_office_role(actor.user, office_id, OFFICE_ROLES, f"set quotas of {unit_id}")
        due_at = rules.end_of_day(due) if due else None
        quota = {"_id": f"{unit_id}:{period}", "unit_id": unit_id, "office_id": office_id,
                 "period": period, "period_kind": kind.value, "items_required": items_required,
                 "due_at": due_at, "set_by": actor.person_id, "set_at": now}
        await uow.quotas.put(quota)
        uow.emit(QuotaSet.originated(
            producer=PRODUCER, occurred_at=now,
            unit_id=unit_id, office_id=office_id, period=period,
            period_kind=kind, items_required=items_required,
        ))
        if due_at is not None:
            await set_deadline(
                uow, unit_id=unit_id, office_id=office_id, subject="quota",
                reference_id=quota["_id"], due_at=due_at, now=now,
            )
        await audit(uow, actor, f"quota:{period}", unit_id, now, str(items_required))
        await uow.commit()
    return {k: v for k, v in quota.items() if k != "_id"}


async def quota_board(
    new_uow: UnitOfWorkFactory, user: User, office_id: str, period: str
) -> dict[str, Any]:
    """Each unit with a quota from ``office_id`` in ``period``: owed, submitted, adopted, behind."""
    months = months_of(period)
    require_office_role(user, office_id, OFFICE_ROLES | {"leader"}, f"see the quota board of {office_id}")
    async with new_uow() as uow:
        quotas = await uow.quotas.find({"office_id": office_id, "period": period})
        rows = []
        for quota in quotas:
            unit = await uow.units.get(quota["unit_id"])
            items = await uow.items.find({"unit_id": quota["unit_id"], "period": {"$in": months}})
            counted = [i for i in items if i.state.value in _COUNTED]
            required = quota["items_required"]
            rows.append({
                "unit_id": quota["unit_id"], "unit_name": unit.name if unit else quota["unit_id"],
                "unit_class": unit.unit_class if unit else None,
                "items_required": required, "submitted": len(counted),
                "adopted": sum(1 for i in counted if i.adoptions),
                "missing": max(0, required - len(counted)), "due_at": quota["due_at"],
            })
    rows.sort(key=lambda r: (-r["missing"], r["unit_id"]))
    return {"office_id": office_id, "period": period,
            "behind": [r["unit_id"] for r in rows if r["missing"]], "units": rows}

"""An office's own rules for the units that report to it (over the service's defaults).

For now one: whether an officer's resubmission after a return waits for the unit head's
sign-off (``resubmission_needs_sign_off``; some offices let officers resubmit directly).
The office head sets it; the office's staff and its units read it. Setting it again with
the same value changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.intake.domain import Forbidden
from services.intake.domain.access import require_office_role
from services.intake.usecases.common import Actor, UnitOfWorkFactory, audit, get_unit
from services.intake.usecases.rules import IntakeRules


async def office_rules(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, actor: Actor, office_id: str
) -> dict[str, Any]:
    """The rules in force for ``office_id``'s units: chosen by the office or the default."""
    async with new_uow() as uow:
        await get_unit(uow, office_id)
        below = await uow.units.get(actor.user.unit_id or "")
        reports_here = below is not None and below.reports_to == office_id
        if actor.user.unit_id != office_id and not reports_here:
            raise Forbidden(
                f"{actor.user.describe()} may not read the rules of {office_id}",
                code="rules_scope", office=office_id,
            )
        chosen = await uow.office_rules.get(office_id) or {}
    needs = chosen.get("resubmission_needs_sign_off", rules.resubmission_needs_sign_off)
    return {"office_id": office_id, "resubmission_needs_sign_off": needs,
            "chosen_by_office": "resubmission_needs_sign_off" in chosen}


async def set_office_rules(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, actor: Actor, office_id: str,
    resubmission_needs_sign_off: bool, now: datetime,
) -> dict[str, Any]:
    """The office head chooses the office's rules."""
    require_office_role(actor.user, office_id, {"office_head"}, f"set the rules of {office_id}")
    async with new_uow() as uow:
        await get_unit(uow, office_id)
        await uow.office_rules.put({
            "_id": office_id, "resubmission_needs_sign_off": resubmission_needs_sign_off,
            "set_by": actor.person_id, "set_at": now,
        })
        await audit(uow, actor, "office-rules", office_id, now,
                    f"resubmission_needs_sign_off={resubmission_needs_sign_off}")
        await uow.commit()
    return await office_rules(new_uow, rules, actor, office_id)


__all__ = ["office_rules", "set_office_rules"]

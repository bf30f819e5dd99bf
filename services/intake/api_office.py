"""HTTP routes of an office's planning: commissions, priorities and quotas."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.intake.auth import CurrentActor, CurrentUser
from services.intake.schemas import FOUND, CommissionIn, OfficeRulesIn, QuotaIn
from services.intake.usecases import IntakeRules, UnitOfWorkFactory
from services.intake.usecases.commissions import (
    commission_status,
    list_commissions,
    publish_commission,
)
from services.intake.usecases.office_rules import office_rules, set_office_rules
from services.intake.usecases.quotas import quota_board, set_quota
from shared.auth.http import PROTECTED
from shared.clock import Clock


def router(new_uow: UnitOfWorkFactory, rules: IntakeRules, clock: Clock) -> APIRouter:
    api = APIRouter(tags=["office planning"], responses=PROTECTED)

    @api.post("/commissions", status_code=201, summary="Publish a commissioned topic or priority")
    async def publish(body: CommissionIn, actor: CurrentActor) -> dict[str, Any]:
        return await publish_commission(
            new_uow, actor, body.kind, body.theme, body.description, body.units, body.deadline,
            clock(),
        )

    @api.get("/commissions", summary="Commissions of my office, or asking my unit")
    async def commissions(user: CurrentUser) -> list[dict[str, Any]]:
        return await list_commissions(new_uow, user)

    @api.get("/commissions/{commission_id}/status", summary="Who has answered, and who has not",
             responses=FOUND)
    async def status(commission_id: str, user: CurrentUser) -> dict[str, Any]:
        return await commission_status(new_uow, user, commission_id, clock())

    @api.post("/quotas", status_code=201, summary="Set a unit's quota for a period", responses=FOUND)
    async def quota(body: QuotaIn, actor: CurrentActor) -> dict[str, Any]:
        return await set_quota(
            new_uow, rules, actor, body.unit_id, body.period, body.items_required, body.due,
            clock(),
        )

    @api.get("/quotas/board", summary="Quotas of an office's units in a period: who is behind")
    async def board(office_id: str, period: str, user: CurrentUser) -> dict[str, Any]:
        return await quota_board(new_uow, user, office_id, period)

    @api.get("/offices/{office_id}/rules", summary="The office's rules for its units", responses=FOUND)
    async def get_rules(office_id: str, actor: CurrentActor) -> dict[str, Any]:
        return await office_rules(new_uow, rules, actor, office_id)

    @api.put("/offices/{office_id}/rules", summary="The office head sets the office's rules", responses=FOUND)
    async def put_rules(office_id: str, body: OfficeRulesIn, actor: CurrentActor) -> dict[str, Any]:
        return await set_office_rules(
            new_uow, rules, actor, office_id, body.resubmission_needs_sign_off, clock()
        )

    return api

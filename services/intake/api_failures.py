"""HTTP routes for failures an office records against its units (assessment deductions).

403 outside the office that the unit reports to, 404 for an unknown item or unit, 422 for
a blank note or a draft.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.intake.auth import CurrentActor
from services.intake.schemas import FOUND, STATEFUL, CriticismIn, FalseReportIn, UnreportedIncidentIn
from services.intake.usecases import failures
from services.intake.usecases.common import UnitOfWorkFactory
from shared.auth.http import PROTECTED
from shared.clock import Clock


def router(new_uow: UnitOfWorkFactory, clock: Clock) -> APIRouter:
    api = APIRouter(tags=["failures"], responses=PROTECTED)

    @api.post("/submissions/{submission_id}/false-report", status_code=201, responses=STATEFUL,
              summary="Record that an emergency report was false (谎报)")
    async def false_report(submission_id: str, body: FalseReportIn, actor: CurrentActor) -> dict[str, Any]:
        return await failures.record_false_report(
            new_uow, actor, submission_id, body.serious, body.note, clock()
        )

    @api.post("/submissions/{submission_id}/criticisms", status_code=201, responses=STATEFUL,
              summary="Record that a higher level criticised an error in the item (通报批评)")
    async def criticism(submission_id: str, body: CriticismIn, actor: CurrentActor) -> dict[str, Any]:
        return await failures.record_criticism(
            new_uow, actor, submission_id, body.criticised_by, body.note, clock()
        )

    @api.post("/units/{unit_id}/unreported-incidents", status_code=201, responses=STATEFUL,
              summary="Record an incident the unit did not report (漏报) or hid (瞒报)")
    async def unreported(unit_id: str, body: UnreportedIncidentIn, actor: CurrentActor) -> dict[str, Any]:
        return await failures.record_unreported_incident(
            new_uow, actor, unit_id, body.concealed, body.incident, body.evidence, clock()
        )

    @api.get("/units/{unit_id}/failures", responses=FOUND,
             summary="What the unit's office recorded against it, newest first")
    async def listed(unit_id: str, actor: CurrentActor) -> list[dict[str, Any]]:
        return await failures.list_failures(new_uow, actor, unit_id)

    return api

"""HTTP routes of the editorial workflow; the actor is the authenticated user.

403 outside the actor's scope (also: adopting into another office's publication, recording
an instruction of a rank above the actor's office), 404 for an unknown item, 409 for an
illegal transition, 422 for an unknown publication or an issue_no the sequence does not give.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from services.intake import usecases
from services.intake.auth import CurrentActor, CurrentUser
from services.intake.schemas import (
    FOUND,
    STATEFUL,
    AdoptIn,
    FeedbackIn,
    InstructionIn,
    ReviseIn,
    ScreenIn,
    SensitivityIn,
    WithdrawIn,
    WorkflowOut,
)
from services.intake.usecases import InstructionNote, IntakeRules
from services.intake.usecases.sensitivity import set_sensitivity
from services.intake.usecases.workflow import summary
from shared.auth.http import PROTECTED
from shared.clock import Clock
from shared.contracts import AdoptionForm, ScreeningOutcome


class AdoptedOut(WorkflowOut):
    publication: str = Field(description="The office's publication the item was adopted into.")
    issue_no: str = Field(description="The issue it went into, from the publication's sequence.")


def router(new_uow: usecases.UnitOfWorkFactory, rules: IntakeRules, clock: Clock) -> APIRouter:
    api = APIRouter(prefix="/submissions/{submission_id}", tags=["workflow"], responses=PROTECTED)

    @api.post("/screen", response_model=WorkflowOut, summary="Accept, return or file an item",
              responses=STATEFUL)
    async def screen(submission_id: str, body: ScreenIn, actor: CurrentActor) -> dict[str, Any]:
        item = await usecases.screen_item(
            new_uow, submission_id, actor, ScreeningOutcome(body.outcome), body.reasons,
            body.inaccurate, clock(),
        )
        return summary(item)

    @api.post("/revise", response_model=WorkflowOut,
              summary="Edit (editor), resubmit (the unit) or change a draft (the unit)", responses=STATEFUL)
    async def revise(submission_id: str, body: ReviseIn, actor: CurrentActor) -> dict[str, Any]:
        item = await usecases.revise_item(
            new_uow, rules, submission_id, actor, body.title, body.body, clock()
        )
        return summary(item)

    @api.post("/withdraw", response_model=WorkflowOut, summary="The unit takes its item back",
              responses=STATEFUL)
    async def withdraw(submission_id: str, body: WithdrawIn, actor: CurrentActor) -> dict[str, Any]:
        item = await usecases.withdraw_item(new_uow, submission_id, actor, body.reason, clock())
        return summary(item)

    @api.post("/adopt", response_model=AdoptedOut, responses=STATEFUL,
              summary="Adopt into one of the office's publications; the item goes into its open issue")
    async def adopt(submission_id: str, body: AdoptIn, actor: CurrentActor) -> dict[str, Any]:
        item = await usecases.adopt_item(
            new_uow, submission_id, actor, body.publication, AdoptionForm(body.form),
            body.issue_no, clock(), zone=rules.timezone,
        )
        adoption = item.adoptions[-1]
        return {**summary(item), "publication": adoption["publication"], "issue_no": adoption["issue_no"]}

    @api.post("/forward", response_model=WorkflowOut, summary="Forward to the office above",
              responses=STATEFUL)
    async def forward(submission_id: str, actor: CurrentActor) -> dict[str, Any]:
        return summary(await usecases.forward_item(new_uow, submission_id, actor, clock()))

    @api.put("/sensitivity", response_model=WorkflowOut, responses=STATEFUL,
             summary="Mark the item sensitive (never released to agencies) or lift the mark")
    async def sensitivity(submission_id: str, body: SensitivityIn, actor: CurrentActor) -> dict[str, Any]:
        item = await set_sensitivity(new_uow, actor, submission_id, body.sensitive, body.reason, clock())
        return summary(item)

    @api.post("/instructions", response_model=WorkflowOut, summary="Record a leader's instruction",
              responses=STATEFUL)
    async def instruct(submission_id: str, body: InstructionIn, actor: CurrentActor) -> dict[str, Any]:
        note = InstructionNote(body.leader_name, body.leader_rank, body.text, body.feedback_due)
        item = await usecases.record_instruction(new_uow, rules, submission_id, actor, note, clock())
        return summary(item)

    @api.post("/instructions/{instruction_id}/feedback", status_code=201,
              summary="The unit reports back on an instruction (批示反馈)", responses=STATEFUL)
    async def feedback(
        submission_id: str, instruction_id: str, body: FeedbackIn, actor: CurrentActor
    ) -> dict[str, Any]:
        return await usecases.give_instruction_feedback(
            new_uow, submission_id, instruction_id, actor, body.text, clock()
        )

    @api.get("/audit", summary="Who did what to this item, when and from where", responses=FOUND)
    async def audit(submission_id: str, user: CurrentUser) -> list[dict[str, Any]]:
        return await usecases.item_audit(new_uow, user, submission_id)

    return api

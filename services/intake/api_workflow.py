"""HTTP routes of the editorial workflow; illegal transitions answer 409."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from services.intake import usecases
from services.intake.schemas import (
    AdoptIn,
    ForwardIn,
    InstructionIn,
    ReviseIn,
    ScreenIn,
    WithdrawIn,
    WorkflowOut,
)
from services.intake.usecases import Actor
from services.intake.usecases.workflow import summary
from shared.contracts import AdoptionForm, ScreeningOutcome, utcnow


def _actor(person_id: str, request: Request) -> Actor:
    return Actor(person_id, request.client.host if request.client else "")


def router(new_uow: usecases.UnitOfWorkFactory) -> APIRouter:
    api = APIRouter(prefix="/submissions/{submission_id}", tags=["workflow"])

    @api.post("/screen", response_model=WorkflowOut, summary="Accept, return or file an item")
    async def screen(submission_id: str, body: ScreenIn, request: Request) -> dict[str, Any]:
        item = await usecases.screen_item(
            new_uow, submission_id, _actor(body.editor_id, request),
            ScreeningOutcome(body.outcome), body.reasons, body.inaccurate, utcnow(),
        )
        return summary(item)

    @api.post("/revise", response_model=WorkflowOut, summary="Edit (editor) or resubmit (author)")
    async def revise(submission_id: str, body: ReviseIn, request: Request) -> dict[str, Any]:
        item = await usecases.revise_item(
            new_uow, submission_id, _actor(body.person_id, request), body.title, body.body, utcnow()
        )
        return summary(item)

    @api.post("/withdraw", response_model=WorkflowOut, summary="The unit takes its item back")
    async def withdraw(submission_id: str, body: WithdrawIn, request: Request) -> dict[str, Any]:
        item = await usecases.withdraw_item(
            new_uow, submission_id, _actor(body.person_id, request), body.reason, utcnow()
        )
        return summary(item)

    @api.post("/adopt", response_model=WorkflowOut, summary="Adopt into a publication")
    async def adopt(submission_id: str, body: AdoptIn, request: Request) -> dict[str, Any]:
        item = await usecases.adopt_item(
            new_uow, submission_id, _actor(body.editor_id, request), body.publication,
            AdoptionForm(body.form), body.issue_no, utcnow(),
        )
        return summary(item)

    @api.post("/forward", response_model=WorkflowOut, summary="Forward to the office above")
    async def forward(submission_id: str, body: ForwardIn, request: Request) -> dict[str, Any]:
        item = await usecases.forward_item(
            new_uow, submission_id, _actor(body.editor_id, request), utcnow()
        )
        return summary(item)

    @api.post("/instructions", response_model=WorkflowOut, summary="Record a leader's instruction")
    async def instruct(submission_id: str, body: InstructionIn, request: Request) -> dict[str, Any]:
        item = await usecases.record_instruction(
            new_uow, submission_id, _actor(body.recorded_by, request), body.leader_name,
            body.leader_rank, body.text, body.feedback_due, utcnow(),
        )
        return summary(item)

    @api.get("/audit", summary="Who did what to this item, when and from where")
    async def audit(submission_id: str) -> list[dict[str, Any]]:
        async with new_uow() as uow:
            entries = await uow.audit.of(submission_id)
        return [{k: v for k, v in e.items() if k != "_id"} for e in entries]

    return api

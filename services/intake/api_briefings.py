"""HTTP routes of briefing issues: compile, sign off, export as .docx."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from services.intake.adapters.docx_writer import briefing_docx
from services.intake.auth import CurrentActor, CurrentUser
from services.intake.schemas import FOUND, STATEFUL, ConflictOut
from services.intake.usecases import UnitOfWorkFactory
from services.intake.usecases import briefings as issues
from shared.auth.http import PROTECTED
from shared.clock import Clock
from shared.runtime.app import errors, file_answer

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BriefingIn(BaseModel):
    publication: str = Field(min_length=1, max_length=40, description="Publication code, e.g. county-xinxi.")
    name: str = Field(default="政务信息", min_length=1, max_length=60, description="Masthead, e.g. 政务信息.")


class BriefingItemIn(BaseModel):
    submission_id: str = Field(description="An item this office adopted.")


def router(new_uow: UnitOfWorkFactory, clock: Clock) -> APIRouter:
    api = APIRouter(prefix="/briefings", tags=["briefings"], responses=PROTECTED)

    @api.post("", status_code=201, summary="Open the next numbered issue (editors)",
              responses=errors(409, model=ConflictOut))
    async def open_issue(body: BriefingIn, actor: CurrentActor) -> dict[str, Any]:
        return await issues.open_briefing(new_uow, actor, body.publication, body.name, clock())

    @api.get("", summary="The issues of an office")
    async def list_issues(office_id: str, user: CurrentUser) -> list[dict[str, Any]]:
        return await issues.list_briefings(new_uow, user, office_id)

    @api.get("/{briefing_id}", summary="One issue with its items", responses=FOUND)
    async def get_issue(briefing_id: str, user: CurrentUser) -> dict[str, Any]:
        return await issues.read_briefing(new_uow, user, briefing_id)

    @api.post("/{briefing_id}/items", summary="Add an adopted item to a draft issue", responses=STATEFUL)
    async def add_item(briefing_id: str, body: BriefingItemIn, actor: CurrentActor) -> dict[str, Any]:
        return await issues.add_to_briefing(new_uow, actor, briefing_id, body.submission_id, clock())

    @api.delete("/{briefing_id}/items/{submission_id}", summary="Take an item out of a draft issue",
                responses=STATEFUL)
    async def remove_item(briefing_id: str, submission_id: str, actor: CurrentActor) -> dict[str, Any]:
        return await issues.remove_from_briefing(new_uow, actor, briefing_id, submission_id, clock())

    @api.post("/{briefing_id}/sign-off", summary="The office head signs the issue off", responses=STATEFUL)
    async def sign_off(briefing_id: str, actor: CurrentActor) -> dict[str, Any]:
        return await issues.sign_off_briefing(new_uow, actor, briefing_id, clock())

    @api.get("/{briefing_id}/export.docx", summary="The issue as a Word file", response_class=Response,
             responses={**file_answer("The issue as a .docx", _DOCX), **FOUND})
    async def export(briefing_id: str, user: CurrentUser) -> Response:
        briefing = await issues.read_briefing(new_uow, user, briefing_id)
        name = f"{briefing['name']}{briefing['issue_no']}.docx"
        return Response(briefing_docx(briefing), media_type=_DOCX, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    return api


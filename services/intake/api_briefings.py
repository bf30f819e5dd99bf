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
from shared.clock import OFFICE_TIMEZONE, Clock
from shared.runtime.app import errors, file_answer

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BriefingIn(BaseModel):
    publication: str = Field(
        min_length=1, max_length=40, description="One of the office's own publications, e.g. county-xinxi."
    )
    name: str | None = Field(
        default=None, min_length=1, max_length=60,
        description="Masthead, e.g. 政务信息; the publication's own when left out.",
    )


class BriefingItemIn(BaseModel):
    submission_id: str = Field(description="An item this office adopted.")


class UpcomingIssueOut(BaseModel):
    publication: str = Field(description="One of the office's own publications.")
    name: str = Field(description="Its name, e.g. 县《政务信息》.")
    year: int = Field(description="The year on the office's clock; numbers restart each year.")
    number: int = Field(description="The issue's number in the publication's sequence.")
    issue_no: str = Field(description="As printed, e.g. 2026年第3期.")
    briefing_id: str | None = Field(description="The open issue, or None when adopting opens it.")
    opens_new: bool = Field(description="No issue is open: the next adoption opens this number.")
    items: int = Field(description="Items already in the open issue.")


def router(new_uow: UnitOfWorkFactory, clock: Clock, *, zone: str = OFFICE_TIMEZONE) -> APIRouter:
    """The briefing routes; ``zone`` is the office's clock, whose year numbers the issues."""
    api = APIRouter(prefix="/briefings", tags=["briefings"], responses=PROTECTED)

    @api.post("", status_code=201, summary="Open the next numbered issue of an own publication (editors)",
              responses=errors(409, model=ConflictOut))
    async def open_issue(body: BriefingIn, actor: CurrentActor) -> dict[str, Any]:
        return await issues.open_briefing(new_uow, actor, body.publication, body.name, clock(), zone=zone)

    @api.get("", summary="The issues of an office")
    async def list_issues(office_id: str, user: CurrentUser) -> list[dict[str, Any]]:
        return await issues.list_briefings(new_uow, user, office_id)

    @api.get("/upcoming", response_model=list[UpcomingIssueOut],
             summary="For each of the editor's office's publications, the issue an adoption goes into now")
    async def upcoming(user: CurrentUser) -> list[dict[str, Any]]:
        return await issues.upcoming_issues(new_uow, user, clock(), zone=zone)

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
        names = await issues.printed_names(new_uow, briefing)
        superior = names["reports_to"]
        content = briefing_docx(briefing, signer=names["signer"], report_to=[superior] if superior else [],
                                zone=zone)
        name = f"{briefing['name']}{briefing['issue_no']}.docx"
        return Response(content, media_type=_DOCX, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    return api


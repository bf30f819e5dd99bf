"""HTTP routes of the scoring service: latest scores, draft previews, the rubric in force.
Every route needs an access token from intake; who may call which: services/scoring/access.py."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from services.scoring import usecases
from services.scoring.access import CALIBRATORS, WRITERS, require_role
from services.scoring.handlers import ScoringDeps
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors


class DraftIn(BaseModel):
    title: str = Field(min_length=1, max_length=200, description="Draft title.")
    body: str = Field(min_length=1, max_length=50_000, description="Draft text.")
    category: str | None = Field(default=None, description="Kind of item, e.g. 动态.")
    language: Literal["zh", "en"] | None = Field(
        default=None, description="Language the item will be submitted in; detected when left out."
    )


def router(deps: ScoringDeps) -> APIRouter:
    api = APIRouter(tags=["scoring"], responses=PROTECTED)

    @api.get(
        "/scores/{submission_id}",
        summary="Latest score of an item, with explanations",
        description="For the item's own unit (officer, unit_head), editors and office heads of "
        "that unit or an office above it, and leaders of an office that adopted it. 404 for "
        "everyone else, as for an item that does not exist.",
        responses=errors(404),
    )
    async def latest_score(submission_id: str, caller: Caller) -> dict[str, Any]:
        score = await usecases.readable_score(deps.new_uow, submission_id, caller)
        if score is None:
            raise HTTPException(404, f"no score for submission {submission_id!r}")
        return score

    @api.post(
        "/preview",
        summary="Score a draft without storing it",
        description="For people who write or edit items: officer, unit_head, editor, office_head. "
        "The draft is scored as its submission would be if it went now (near-duplicates "
        "included); the timeliness explanation says so.",
    )
    async def preview(draft: DraftIn, caller: Caller) -> dict[str, Any]:
        require_role(caller, WRITERS, "preview a draft's score")
        return await usecases.preview_payload(
            deps.new_uow, deps.rubric, draft.title, draft.body, draft.category,
            language=draft.language, now=deps.clock(), zone=deps.zone,
        )

    @api.get(
        "/agreement",
        summary="Do scores predict editors' decisions? (adopted vs returned)",
        description="For editors and office heads: it pools the decisions of every office.",
    )
    async def score_agreement(
        caller: Caller,
        period: str = Query(pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", description="2026-11"),
    ) -> dict[str, Any]:
        require_role(caller, CALIBRATORS, "read how scores agree with editors' decisions")
        return asdict(await usecases.score_agreement(deps.new_uow, period))

    @api.get("/rubric", summary="Version of the rubric in force", description="For anyone logged in.")
    async def rubric(_: Caller) -> dict[str, Any]:
        return {"version": deps.rubric.version}

    return api

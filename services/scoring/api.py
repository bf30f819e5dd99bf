"""HTTP routes of the scoring service: latest scores, draft previews, the rubric in force."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from services.scoring import usecases
from services.scoring.handlers import ScoringDeps


class DraftIn(BaseModel):
    title: str = Field(min_length=1, max_length=200, description="Draft title.")
    body: str = Field(min_length=1, max_length=50_000, description="Draft text.")
    category: str | None = Field(default=None, description="Kind of item, e.g. 动态.")


def router(deps: ScoringDeps) -> APIRouter:
    api = APIRouter(tags=["scoring"])

    @api.get("/scores/{submission_id}", summary="Latest score of an item, with explanations")
    async def latest_score(submission_id: str) -> dict[str, Any]:
        async with deps.new_uow() as uow:
            item = await uow.items.get(submission_id)
        if item is None or item.score is None:
            raise HTTPException(404, f"no score for submission {submission_id!r}")
        return item.score

    @api.post("/preview", summary="Score a draft without storing it")
    async def preview(draft: DraftIn) -> dict[str, Any]:
        return usecases.preview_payload(deps.rubric, draft.title, draft.body, draft.category)

    @api.get("/agreement", summary="Do scores predict editors' decisions? (adopted vs returned)")
    async def score_agreement(
        period: str = Query(pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", description="2026-11"),
    ) -> dict[str, Any]:
        return asdict(await usecases.score_agreement(deps.new_uow, period))

    @api.get("/rubric", summary="Version of the rubric in force")
    async def rubric() -> dict[str, Any]:
        return {"version": deps.rubric.version}

    return api

"""HTTP route for "what if": standings under a draft policy, nothing written."""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from services.incentives import usecases
from services.incentives.access import require_assessor
from services.incentives.api import ASSESSORS, PERIOD
from services.incentives.domain import PolicyError
from services.incentives.handlers import IncentivesDeps
from shared.auth.http import PROTECTED, Caller

YAML_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/yaml": {"schema": {"type": "string"}}},
        "description": "A draft policy in the format of services/incentives/policies/default.yaml.",
    }
}


class PolicyProblemOut(BaseModel):
    line: int
    where: str
    message: str


class DraftProblems(BaseModel):
    message: str
    problems: list[PolicyProblemOut]


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Rejected(BaseModel):
    """A 422: every problem of the draft with its line, or (FastAPI's) the parameters that are wrong."""

    detail: DraftProblems | list[FieldError]


def router(deps: IncentivesDeps) -> APIRouter:
    api = APIRouter(tags=["policy"], responses=PROTECTED)

    @api.post(
        "/what-if",
        summary="Standings of a period under a draft policy (YAML body); the ledger is untouched",
        description="422 lists every problem of the draft with its line. " + ASSESSORS,
        openapi_extra=YAML_BODY,
        responses={422: {"model": Rejected, "description": "The draft, or the period, is not valid"}},
    )
    async def what_if(request: Request, caller: Caller, period: str = PERIOD) -> dict[str, Any]:
        require_assessor(caller, deps.book.for_period(period), f"try a draft policy on {period}")
        text = (await request.body()).decode("utf-8", errors="replace")
        started = time.perf_counter()
        try:
            result = await usecases.what_if(deps.new_uow, deps.book, text, period)
        except PolicyError as error:
            problems = [asdict(p) for p in error.problems]
            raise HTTPException(422, {"message": str(error), "problems": problems}) from None
        deps.metrics.what_if_seconds.observe(time.perf_counter() - started)
        return _comparison(result)

    return api


def _comparison(result: usecases.WhatIf) -> dict[str, Any]:
    rows = []
    for s in result.draft:
        now = result.current.get(s.unit_id)
        rows.append(
            {
                **asdict(s),
                "name": result.names.get(s.unit_id, ""),
                "current_total": now.total if now else 0,
                "current_rank": now.rank if now else None,
                "change": s.total - (now.total if now else 0),
            }
        )
    return {
        "period": result.period,
        "draft_version": result.draft_version,
        "current_version": result.current_version,
        "facts_replayed": result.facts,
        "closed_periods": result.closed_periods,
        "standings": rows,
    }

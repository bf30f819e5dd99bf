"""HTTP routes for the annual assessment (JSON, .xlsx, .docx) and the reward list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response

from services.incentives import reports, usecases
from services.incentives.access import require_assessor
from services.incentives.api import ASSESSORS, PERIOD
from services.incentives.handlers import IncentivesDeps
from shared.auth import Principal
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors, file_answer

YEAR = Path(pattern=r"^[1-9][0-9]{3}$", description="e.g. 2026")
Render = Callable[[reports.AssessmentReport], bytes]


def router(deps: IncentivesDeps) -> APIRouter:
    api = APIRouter(tags=["assessment"], responses=PROTECTED)

    async def report(year: str, caller: Principal) -> reports.AssessmentReport:
        require_assessor(caller, deps.book.for_period(year), f"read the assessment of {year}")
        try:
            return await usecases.annual_assessment(deps.new_uow, deps.book, year, deps.clock())
        except usecases.NoAssessmentRules as error:
            raise HTTPException(404, str(error)) from None

    def export(suffix: str, build: Render, media: str, kind: str) -> None:
        summary = f"The annual assessment as {kind}"

        @api.get(
            f"/assessments/{{year}}.{suffix}",
            summary=summary,
            description=ASSESSORS,
            response_class=Response,
            responses={**file_answer(f"The assessment as {kind}", media), **errors(404)},
        )
        async def download(caller: Caller, year: str = YEAR) -> Response:
            content = build(await report(year, caller))
            deps.metrics.reports.labels(format=suffix).inc()
            return _download(content, media, f"assessment-{year}.{suffix}")

    # the exports come first: "/assessments/{year}" would also match "2026.xlsx"
    export("xlsx", reports.assessment_workbook, reports.XLSX_MEDIA_TYPE, "an Excel workbook")
    export("docx", reports.assessment_document, reports.DOCX_MEDIA_TYPE, "a Word bulletin")

    @api.get(
        "/assessments/{year}",
        summary="Annual assessment: score, rank, grade, commendations, criticism, eligibility",
        description=ASSESSORS,
        responses=errors(404),
    )
    async def assessment(caller: Caller, year: str = YEAR) -> dict[str, Any]:
        content = reports.assessment_json(await report(year, caller))
        deps.metrics.reports.labels(format="json").inc()
        return content

    @api.get(
        "/rewards",
        summary="Reward money per unit and officer in a period, within the budget",
        description=ASSESSORS,
    )
    async def rewards(caller: Caller, period: str = PERIOD) -> dict[str, Any]:
        require_assessor(caller, deps.book.for_period(period), f"read the rewards of {period}")
        return asdict(await usecases.rewards(deps.new_uow, deps.book, period))

    return api


def _download(content: bytes, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content, media_type=media_type, headers=headers)

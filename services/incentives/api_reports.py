"""HTTP routes for the annual assessment (JSON, .xlsx, .docx) and the reward list."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response

from services.incentives import reports, usecases
from services.incentives.api import PERIOD
from services.incentives.handlers import IncentivesDeps

YEAR = Path(pattern=r"^\d{4}$", description="e.g. 2026")


def router(deps: IncentivesDeps) -> APIRouter:
    api = APIRouter(tags=["assessment"])

    async def report(year: str) -> reports.AssessmentReport:
        try:
            return await usecases.annual_assessment(deps.new_uow, deps.book, year)
        except usecases.NoAssessmentRules as error:
            raise HTTPException(404, str(error)) from None

    # the exports come first: "/assessments/{year}" would also match "2026.xlsx"
    @api.get("/assessments/{year}.xlsx", summary="The annual assessment as an Excel workbook")
    async def assessment_xlsx(year: str = YEAR) -> Response:
        content = reports.assessment_workbook(await report(year))
        deps.metrics.reports.labels(format="xlsx").inc()
        return _download(content, reports.XLSX_MEDIA_TYPE, f"assessment-{year}.xlsx")

    @api.get("/assessments/{year}.docx", summary="The annual assessment as a Word bulletin")
    async def assessment_docx(year: str = YEAR) -> Response:
        content = reports.assessment_document(await report(year))
        deps.metrics.reports.labels(format="docx").inc()
        return _download(content, reports.DOCX_MEDIA_TYPE, f"assessment-{year}.docx")

    @api.get(
        "/assessments/{year}",
        summary="Annual assessment: score, rank, grade, commendations, criticism, eligibility",
    )
    async def assessment(year: str = YEAR) -> dict[str, Any]:
        deps.metrics.reports.labels(format="json").inc()
        return reports.assessment_json(await report(year))

    @api.get("/rewards", summary="Reward money per unit and officer in a period, within the budget")
    async def rewards(period: str = PERIOD) -> dict[str, Any]:
        return asdict(await usecases.rewards(deps.new_uow, deps.book, period))

    return api


def _download(content: bytes, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content, media_type=media_type, headers=headers)

"""HTTP routes of intake: the org tree, people and information items."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse

from services.intake import usecases
from services.intake.domain import Draft, IllegalTransition, InvalidInput, NotFound, Person, Unit
from services.intake.schemas import (
    Page,
    PersonIn,
    SubmissionDetail,
    SubmissionIn,
    SubmissionOut,
    UnitIn,
    UnitOut,
)
from shared.contracts import utcnow


def router(new_uow: usecases.UnitOfWorkFactory) -> APIRouter:
    api = APIRouter()

    @api.post("/units", status_code=201, response_model=UnitOut, tags=["org tree"])
    async def add_unit(body: UnitIn) -> dict[str, Any]:
        unit = await usecases.register_unit(new_uow, Unit(**body.model_dump()))
        return {**asdict(unit), "reports_to": unit.reports_to}

    @api.get("/units/{unit_id}", response_model=UnitOut, tags=["org tree"])
    async def get_unit(unit_id: str) -> dict[str, Any]:
        async with new_uow() as uow:
            unit = await uow.units.get(unit_id)
        if unit is None:
            raise NotFound(f"unit {unit_id!r}")
        return {**asdict(unit), "reports_to": unit.reports_to}

    @api.get("/units", response_model=list[UnitOut], tags=["org tree"])
    async def list_units(
        parent_id: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(100, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        async with new_uow() as uow:
            units = await uow.units.list(parent_id=parent_id, skip=skip, limit=limit)
        return [{**asdict(u), "reports_to": u.reports_to} for u in units]

    @api.post("/people", status_code=201, response_model=PersonIn, tags=["people"])
    async def add_person(body: PersonIn) -> dict[str, Any]:
        person = await usecases.register_person(new_uow, Person(**body.model_dump()))
        return asdict(person)

    @api.post("/submissions", status_code=201, response_model=SubmissionOut, tags=["items"])
    async def submit(body: SubmissionIn, request: Request) -> dict[str, Any]:
        draft = Draft(body.title, body.body, body.category, body.language, body.urgent)
        origin = request.client.host if request.client else ""
        item = await usecases.submit_item(
            new_uow, body.unit_id, body.author_id, draft, utcnow(), origin
        )
        return asdict(item)

    @api.get("/submissions/{submission_id}", response_model=SubmissionDetail, tags=["items"])
    async def get_submission(submission_id: str) -> dict[str, Any]:
        async with new_uow() as uow:
            item = await uow.items.get(submission_id)
            downstream = await uow.downstream.get(submission_id)
        if item is None:
            raise NotFound(f"submission {submission_id!r}")
        return {**asdict(item), "downstream": downstream}

    @api.get("/submissions", response_model=Page, tags=["items"])
    async def list_submissions(
        unit_id: str | None = None,
        office_id: str | None = None,
        state: str | None = None,
        period: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        filters = {"unit_id": unit_id, "office_id": office_id, "state": state, "period": period}
        where = {k: v for k, v in filters.items() if v is not None}
        async with new_uow() as uow:
            items, total = await uow.items.list(where, skip=skip, limit=limit)
        return {"total": total, "skip": skip, "limit": limit, "items": [asdict(i) for i in items]}

    return api


def install_error_handlers(app: FastAPI) -> None:
    """Domain errors as HTTP errors in FastAPI's own shape, naming the field where known."""

    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return JSONResponse({"detail": f"not found: {error}"}, status_code=404)

    @app.exception_handler(InvalidInput)
    async def invalid(_: Request, error: InvalidInput) -> JSONResponse:
        detail = [{"loc": ["body", error.field], "msg": error.message, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(IllegalTransition)
    async def conflict(_: Request, error: IllegalTransition) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error), "action": error.action, "state": error.state}, status_code=409
        )

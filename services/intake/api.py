"""HTTP routes of intake: the org tree, people, items, and the admin's audit view."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse

from services.intake import usecases
from services.intake.auth import CurrentActor, CurrentUser
from services.intake.domain import (
    Draft,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    LoginRefused,
    NotFound,
    Person,
    RowsRejected,
    TooLarge,
    Unit,
    View,
)
from services.intake.domain.access import require_admin_over
from services.intake.schemas import (
    FOUND,
    STATEFUL,
    Page,
    PasswordResetIn,
    PersonIn,
    PersonOut,
    ReturnToAuthorIn,
    SubmissionDetail,
    SubmissionIn,
    SubmissionOut,
    UnitIn,
    UnitOut,
    WorkflowOut,
)
from services.intake.usecases import AuthPolicy, IntakeRules
from services.intake.usecases.workflow import summary
from shared.auth.http import PROTECTED
from shared.clock import Clock


def router(
    new_uow: usecases.UnitOfWorkFactory, rules: IntakeRules, policy: AuthPolicy, clock: Clock
) -> APIRouter:
    api = APIRouter(responses=PROTECTED)

    @api.post("/units", status_code=201, response_model=UnitOut, tags=["org tree"], responses=FOUND)
    async def add_unit(body: UnitIn, actor: CurrentActor) -> dict[str, Any]:
        """Add or move a unit (admins at or above its parent)."""
        unit = await usecases.register_unit(new_uow, actor, Unit(**body.model_dump()), clock())
        return {**asdict(unit), "reports_to": unit.reports_to}

    @api.get("/units/{unit_id}", response_model=UnitOut, tags=["org tree"], responses=FOUND)
    async def get_unit(unit_id: str, _: CurrentUser) -> dict[str, Any]:
        async with new_uow() as uow:
            unit = await uow.units.get(unit_id)
        if unit is None:
            raise NotFound(f"unit {unit_id!r}", code="no_unit", unit=unit_id)
        return {**asdict(unit), "reports_to": unit.reports_to}

    @api.get("/units", response_model=list[UnitOut], tags=["org tree"])
    async def list_units(
        _: CurrentUser,
        parent_id: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(100, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        async with new_uow() as uow:
            units = await uow.units.list(parent_id=parent_id, skip=skip, limit=limit)
        return [{**asdict(u), "reports_to": u.reports_to} for u in units]

    @api.post("/people", status_code=201, response_model=PersonOut, tags=["people"], responses=FOUND)
    async def add_person(body: PersonIn, actor: CurrentActor) -> dict[str, Any]:
        """Add or change a person (admins over the unit); a new person needs a password."""
        person = Person(**body.model_dump(exclude={"password"}))
        await usecases.register_person(new_uow, policy, actor, person, body.password, clock())
        return asdict(person)

    @api.get("/people", response_model=list[PersonOut], tags=["people"], responses=FOUND)
    async def list_people(unit_id: str, user: CurrentUser) -> list[dict[str, Any]]:
        """The people of a unit (its members, and admins over it)."""
        return [asdict(p) for p in await usecases.people_of(new_uow, user, unit_id)]

    @api.put("/people/{person_id}/password", status_code=204, tags=["people"], responses=FOUND)
    async def reset_password(person_id: str, body: PasswordResetIn, actor: CurrentActor) -> None:
        """An admin over the person's unit sets a new password."""
        await usecases.reset_password(new_uow, policy, actor, person_id, body.password, clock())

    @api.post("/submissions", status_code=201, response_model=SubmissionOut, tags=["items"])
    async def create_submission(body: SubmissionIn, actor: CurrentActor) -> dict[str, Any]:
        """A new item of the user's unit: a draft, or submitted at once by the unit head."""
        draft = Draft(
            body.title, body.body, body.category, body.language, body.urgent, body.occurred_at,
            body.commission_id, body.follow_up_of,
        )
        submit = None if body.draft is None else not body.draft
        item = await usecases.start_item(new_uow, rules, actor, draft, clock(), submit=submit)
        return asdict(item)

    @api.post("/submissions/{submission_id}/sign-off", response_model=WorkflowOut, tags=["items"],
              responses=STATEFUL)
    async def sign_off(submission_id: str, actor: CurrentActor) -> dict[str, Any]:
        """The unit head lets a draft leave the unit: it is submitted to the office above."""
        return summary(await usecases.sign_off_item(new_uow, rules, actor, submission_id, clock()))

    @api.post("/submissions/{submission_id}/request-sign-off", response_model=WorkflowOut, tags=["items"],
              responses=STATEFUL)
    async def request_sign_off(submission_id: str, actor: CurrentActor) -> dict[str, Any]:
        """The officer asks the unit head to sign the draft off (the head is told)."""
        return summary(await usecases.request_sign_off(new_uow, actor, submission_id, clock()))

    @api.post("/submissions/{submission_id}/return-to-author", response_model=WorkflowOut, tags=["items"],
              responses=STATEFUL)
    async def return_to_author(
        submission_id: str, body: ReturnToAuthorIn, actor: CurrentActor
    ) -> dict[str, Any]:
        """The unit head sends a draft back to its author before sign-off, saying why."""
        return summary(
            await usecases.return_item_to_author(new_uow, actor, submission_id, body.reason, clock())
        )

    @api.get("/submissions/{submission_id}", response_model=SubmissionDetail, tags=["items"], responses=FOUND)
    async def get_submission(submission_id: str, user: CurrentUser) -> dict[str, Any]:
        return await usecases.read_item(new_uow, user, submission_id)

    @api.get("/submissions/{submission_id}/revisions", tags=["items"], responses=FOUND)
    async def revisions(submission_id: str, user: CurrentUser) -> dict[str, Any]:
        """Every version of the text and what each change did: [-deleted-] {+inserted+}."""
        return await usecases.item_revisions(new_uow, user, submission_id)

    @api.get("/submissions", response_model=Page, tags=["items"])
    async def list_submissions(
        user: CurrentUser,
        view: View | None = Query(None, description="unit, office or adopted; the first you have by default"),
        unit_id: str | None = None,
        office_id: str | None = Query(None, description="Where the item is now."),
        state: str | None = None,
        period: str | None = None,
        commission_id: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        filters = {"unit_id": unit_id, "office_id": office_id, "state": state, "period": period,
                   "commission_id": commission_id}
        return await usecases.list_items(new_uow, user, view, filters, skip, limit)

    @api.get("/audit", tags=["audit"], summary="The audit trail (admins): log-ins and actions")
    async def audit_trail(
        user: CurrentUser,
        actor: str | None = None,
        action: str | None = None,
        subject: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(100, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        filters = {"actor": actor, "action": action, "subject": subject}
        where: dict[str, Any] = {k: v for k, v in filters.items() if v}
        async with new_uow() as uow:
            if user.unit_id is not None:
                require_admin_over(user, [user.unit_id], "read the audit trail")
                where["unit_id"] = {"$in": await uow.units.subtree(user.unit_id)}
            elif "admin" not in user.roles:
                raise Forbidden("only admins read the audit trail", code="audit_admins_only")
            entries = await uow.audit.list(where, skip=skip, limit=limit)
        return [{k: v for k, v in e.items() if k != "_id"} for e in entries]

    return api


def install_error_handlers(app: FastAPI) -> None:
    """Domain errors as HTTP errors in FastAPI's own shape, naming the field where known."""

    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return JSONResponse({"detail": f"not found: {error}"}, status_code=404)

    @app.exception_handler(Forbidden)
    async def forbidden(_: Request, error: Forbidden) -> JSONResponse:
        body: dict[str, Any] = {"detail": str(error)}
        if "field" in error.params:  # a refused choice: which field, and the rule that refused it
            body |= {"field": error.params["field"], "code": error.code}
        return JSONResponse(body, status_code=403)

    @app.exception_handler(LoginRefused)
    async def refused(_: Request, error: LoginRefused) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )

    @app.exception_handler(InvalidInput)
    async def invalid(_: Request, error: InvalidInput) -> JSONResponse:
        detail = [{"loc": ["body", error.field], "msg": error.message, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(TooLarge)
    async def too_large(_: Request, error: TooLarge) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=413)

    @app.exception_handler(RowsRejected)
    async def rows_rejected(_: Request, error: RowsRejected) -> JSONResponse:
        return JSONResponse({"detail": str(error), "errors": error.errors}, status_code=422)

    @app.exception_handler(IllegalTransition)
    async def conflict(_: Request, error: IllegalTransition) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error), "action": error.action, "state": error.state}, status_code=409
        )

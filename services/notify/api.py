"""HTTP routes of notify: the in-app inbox, people's preferences and unit contacts
(who may call each: ``services.notify.access``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from services.notify import access, usecases
from services.notify.domain import (
    Conflict,
    Invalid,
    NotFound,
    Preferences,
    QuietHours,
    Unauthorized,
    Unavailable,
    UnitContacts,
)
from services.notify.schemas import ContactsIn, ContactsOut, PreferencesIn, PreferencesOut
from shared.auth import require_self
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors


def router(deps: usecases.Deps) -> APIRouter:
    api = APIRouter(responses=PROTECTED)
    new_uow = deps.new_uow

    @api.get("/notifications", tags=["inbox"], summary="A person's inbox, newest first")
    async def list_notifications(
        caller: Caller,
        recipient_id: str | None = Query(None, description="Whose inbox; the caller's own when omitted."),
        submission_id: str | None = None,
        unread: bool | None = None,
        highlight: bool | None = Query(None, description="Only overdue (highlighted) ones, or none."),
        skip: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        recipient_id = recipient_id or caller.subject
        require_self(caller, recipient_id, "read the inbox")
        filters = {"recipient_id": recipient_id, "submission_id": submission_id, "highlight": highlight}
        where: dict[str, Any] = {k: v for k, v in filters.items() if v is not None}
        if unread is not None:
            where["read"] = not unread
        async with new_uow() as uow:
            found, total = await uow.notifications.list(where, skip=skip, limit=limit)
        items = [{"notification_id": n.pop("_id"), **n} for n in found]
        return {"total": total, "skip": skip, "limit": limit, "items": items}

    @api.post(
        "/notifications/{notification_id}/read",
        tags=["inbox"],
        summary="Mark a message as read",
        responses=errors(404),
    )
    async def mark_read(notification_id: str, caller: Caller) -> dict[str, Any]:
        async with new_uow() as uow:
            found = await uow.notifications.get(notification_id)
            if found is None or not access.owns(caller, found.get("recipient_id", "")):
                raise HTTPException(404, f"no notification {notification_id!r}")
            found["read"] = True
            await uow.notifications.add(found)
            await uow.commit()
        return {"notification_id": notification_id, "read": True}

    @api.put(
        "/people/{person_id}/preferences",
        response_model=PreferencesOut,
        tags=["people"],
        summary="Set a person's channels, addresses, language, quiet hours and digest choice",
    )
    async def put_preferences(person_id: str, body: PreferencesIn, caller: Caller) -> dict[str, Any]:
        require_self(caller, person_id, "set the preferences")
        quiet = QuietHours.parse(body.quiet_hours) if body.quiet_hours else None
        fields = body.model_dump(exclude={"channels", "quiet_hours"})
        prefs = Preferences(person_id, tuple(dict.fromkeys(body.channels)), quiet_hours=quiet, **fields)
        return _preferences_out(await usecases.set_preferences(deps, prefs))

    @api.get(
        "/people/{person_id}/preferences",
        response_model=PreferencesOut,
        tags=["people"],
        summary="A person's preferences (the defaults when none were set)",
    )
    async def get_preferences(person_id: str, caller: Caller) -> dict[str, Any]:
        require_self(caller, person_id, "read the preferences")
        async with new_uow() as uow:
            prefs = await uow.people.get(person_id)
        return _preferences_out(prefs or Preferences(person_id))

    @api.put(
        "/units/{unit_id}/contacts",
        response_model=ContactsOut,
        tags=["people"],
        summary="Who hears for a unit: officers, heads, main leader, the office's editors",
    )
    async def put_contacts(unit_id: str, body: ContactsIn, caller: Caller) -> dict[str, Any]:
        access.require_contacts_editor(caller, await usecases.lineage(deps, unit_id))
        contacts = UnitContacts(
            unit_id, body.name, tuple(body.officers), tuple(body.heads), body.main_leader, tuple(body.editors)
        )
        return asdict(await usecases.set_contacts(deps, contacts))

    @api.get("/units/{unit_id}/contacts", response_model=ContactsOut, tags=["people"])
    async def get_contacts(unit_id: str, caller: Caller) -> dict[str, Any]:
        access.require_contacts_reader(caller, await usecases.lineage(deps, unit_id))
        async with new_uow() as uow:
            return asdict(await uow.units.get(unit_id))

    return api


def _preferences_out(prefs: Preferences) -> dict[str, Any]:
    out = asdict(prefs)
    out["quiet_hours"] = str(prefs.quiet_hours) if prefs.quiet_hours else None
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Domain errors as HTTP errors in FastAPI's own shape."""

    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return JSONResponse({"detail": f"not found: {error}"}, status_code=404)

    @app.exception_handler(Conflict)
    async def conflict(_: Request, error: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=409)

    @app.exception_handler(Invalid)
    async def invalid(_: Request, error: Invalid) -> JSONResponse:
        detail = [{"loc": ["body", error.field], "msg": error.message, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(Unavailable)
    async def unavailable(_: Request, error: Unavailable) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(Unauthorized)
    async def unauthorized(_: Request, error: Unauthorized) -> JSONResponse:
        if error.forbidden:
            return JSONResponse({"detail": str(error)}, status_code=403)
        return JSONResponse({"detail": str(error)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

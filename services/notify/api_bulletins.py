"""HTTP routes of bulletins (通报): publish, list, read back, and the offices' schedules
(who may call each: ``services.notify.access``)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from services.notify import access, usecases
from services.notify.bulletins import MEDIA_TYPES
from services.notify.domain import NotFound
from services.notify.repositories.bulletins import metadata
from shared.auth import Principal, require_admin
from shared.auth.http import PROTECTED, Caller
from shared.contracts.vocabulary import UNIT_IDENTIFIER
from shared.runtime.app import errors

Kind = Literal["monthly", "quarterly", "annual"]
Language = Literal["zh", "en"]


class BulletinIn(BaseModel):
    """Which bulletin to publish; the same (office, period, kind) returns the archived one."""

    office_id: str = Field(
        pattern=UNIT_IDENTIFIER, description="Issuing office; its subordinate units are ranked."
    )
    period: str = Field(
        pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", description="'2026-11', '2026-Q4' or '2026'."
    )
    kind: Kind = Field(description="Must fit the period.")
    language: Language = Field(default="zh", description="Language of the bulletin.")
    reissue: bool = Field(default=False, description="Publish a new issue even if one is archived.")


class BulletinScheduleIn(BaseModel):
    """Which bulletins the scheduler publishes for the office, the day after each period."""

    monthly: bool = False
    quarterly: bool = False
    annual: bool = False
    language: Language = "zh"


def router(deps: usecases.Deps) -> APIRouter:
    api = APIRouter(tags=["bulletins"], responses=PROTECTED)

    @api.post(
        "/bulletins",
        status_code=201,
        summary="Publish (or fetch the archived) bulletin",
        responses={200: {"description": "Already archived: the archived issue (reissue false)."}},
    )
    async def publish(body: BulletinIn, response: Response, caller: Caller) -> dict[str, Any]:
        access.require_office_staff(caller, body.office_id, "publish bulletins")
        meta, created = await usecases.publish_bulletin(
            deps, body.office_id, body.period, body.kind, body.language, reissue=body.reissue
        )
        if not created:
            response.status_code = 200
        return meta

    @api.get("/bulletins", summary="Archived bulletins, newest first")
    async def list_bulletins(
        caller: Caller,
        office_id: str | None = Query(None, description="The issuing office; every office's (admins)."),
        skip: int = Query(0, ge=0),
        limit: int = Query(20, ge=1, le=200),
    ) -> dict[str, Any]:
        if office_id is None:
            require_admin(caller, "list the bulletins of every office")
        else:
            access.require_bulletin_reader(caller, office_id, "read bulletins")
        async with deps.new_uow() as uow:
            found, total = await uow.bulletins.list(office_id, skip=skip, limit=limit)
        return {"total": total, "skip": skip, "limit": limit, "items": found}

    @api.get(
        "/bulletins/{bulletin_id}.{fmt}",
        summary="A bulletin as HTML, Word (.docx) or PDF",
        response_class=Response,
        responses={200: {"content": {t.split(";")[0]: {} for t in MEDIA_TYPES.values()}}, **errors(404)},
    )
    async def document(bulletin_id: str, fmt: Literal["html", "docx", "pdf"], caller: Caller) -> Response:
        await _readable(caller, bulletin_id)
        content = await usecases.bulletin_document(deps, bulletin_id, fmt)
        headers = {"Content-Disposition": f'inline; filename="{bulletin_id}.{fmt}"'}
        return Response(content, media_type=MEDIA_TYPES[fmt], headers=headers)

    @api.get("/bulletins/{bulletin_id}", summary="A bulletin's metadata", responses=errors(404))
    async def get_bulletin(bulletin_id: str, caller: Caller) -> dict[str, Any]:
        return metadata(await _readable(caller, bulletin_id))

    @api.put("/offices/{office_id}/bulletin-schedule", summary="Choose scheduled bulletins")
    async def put_schedule(office_id: str, body: BulletinScheduleIn, caller: Caller) -> dict[str, Any]:
        access.require_office_staff(caller, office_id, "change the bulletin schedule")
        kinds = body.model_dump(exclude={"language"})
        doc = await usecases.set_bulletin_schedule(deps, office_id, kinds, body.language)
        return _schedule_out(doc)

    @api.get("/offices/{office_id}/bulletin-schedule", summary="An office's bulletin schedule")
    async def get_schedule(office_id: str, caller: Caller) -> dict[str, Any]:
        access.require_office_staff(caller, office_id, "read the bulletin schedule")
        async with deps.new_uow() as uow:
            doc = await uow.bulletin_schedules.get(office_id)
        return _schedule_out(doc or {"_id": office_id})

    async def _readable(caller: Principal, bulletin_id: str) -> dict[str, Any]:
        async with deps.new_uow() as uow:
            doc = await uow.bulletins.get(bulletin_id)
        if doc is None:
            raise NotFound(f"bulletin {bulletin_id!r}")
        access.require_bulletin_reader(caller, doc["office_id"], f"read the bulletin {bulletin_id}")
        return doc

    return api


def _schedule_out(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "office_id": doc["_id"],
        **{k: bool(doc.get(k, False)) for k in ("monthly", "quarterly", "annual")},
        "language": doc.get("language", "zh"),
        "since": doc.get("since"),
    }

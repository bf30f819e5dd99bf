"""HTTP routes that take or give files: an item from a .docx, its images, org tables."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from services.intake import usecases
from services.intake.adapters.archive import ArchiveLimits
from services.intake.adapters.docx_reader import ImageLimits, read_docx
from services.intake.adapters.tables import read_table, write_csv, write_xlsx
from services.intake.auth import CurrentActor, CurrentUser
from services.intake.domain import Draft, NotFound, TooLarge
from services.intake.domain.access import require_read
from services.intake.domain.org_rows import PERSON_COLUMNS, UNIT_COLUMNS
from services.intake.schemas import FOUND, ImportRejected
from services.intake.settings import IntakeSettings
from services.intake.usecases import IntakeRules
from services.intake.usecases.common import get_item
from services.intake.usecases.org_import import export_org, import_people, import_units
from services.intake.usecases.sessions import AuthPolicy
from shared.auth.http import PROTECTED
from shared.clock import Clock
from shared.runtime.app import errors, file_answer


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    """The uploaded file's bytes; TooLarge (413) when larger than ``limit``."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"the file is larger than {limit} bytes", code="file_too_large", limit=limit)
    return data


_MEDIA = {"csv": "text/csv; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
TABLE = file_answer("The table (?format=csv or xlsx)", *_MEDIA.values())
IMPORT = {**errors(413), 422: {"model": ImportRejected, "description": "The table, or a row of it, is wrong"}}


def table_response(columns: tuple[str, ...], rows: list[dict[str, Any]], name: str, fmt: str) -> Response:
    data = write_csv(columns, rows) if fmt == "csv" else write_xlsx(columns, rows, name)
    return Response(data, media_type=_MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def router(
    new_uow: usecases.UnitOfWorkFactory, rules: IntakeRules, settings: IntakeSettings,
    policy: AuthPolicy, clock: Clock,
) -> APIRouter:
    api = APIRouter(tags=["items"], responses=PROTECTED)
    limits = ImageLimits(settings.max_attachment_bytes, settings.max_attachments)
    archive = ArchiveLimits(settings.max_archive_entries, settings.max_unpacked_bytes)

    @api.post("/submissions/import-docx", status_code=201,
              summary="Start an item from a Word file: title, paragraphs and images", responses=errors(413))
    async def import_docx(
        actor: CurrentActor,
        file: UploadFile = File(description="A .docx file."),
        category: str = Form("动态", max_length=20),
        urgent: bool = Form(False),
        draft: bool | None = Form(None, description="As for POST /submissions."),
        commission_id: str | None = Form(None),
    ) -> dict[str, Any]:
        data = await read_upload(file, settings.max_upload_bytes)
        imported = await asyncio.to_thread(read_docx, data, limits, archive)
        item = await usecases.start_item(
            new_uow, rules, actor,
            Draft(imported.title, "\n\n".join(imported.paragraphs), category, urgent=urgent,
                  commission_id=commission_id),
            clock(), submit=None if draft is None else not draft, attachments=imported.images,
        )
        return {**asdict(item), "skipped_images": imported.skipped}

    @api.get("/submissions/{submission_id}/attachments/{attachment_id}",
             summary="An image kept with the item", response_class=Response,
             responses={**file_answer("The image", "image/*"), **FOUND})
    async def attachment(submission_id: str, attachment_id: str, user: CurrentUser) -> Response:
        async with new_uow() as uow:
            item = await get_item(uow, submission_id)
            require_read(user, item)
            stored = await uow.attachments.get(attachment_id)
        if stored is None or stored["submission_id"] != submission_id:
            raise NotFound(f"attachment {attachment_id!r}", code="no_attachment", attachment=attachment_id)
        return Response(bytes(stored["data"]), media_type=stored["content_type"],
                        headers={"Content-Disposition": f'inline; filename="{stored["name"]}"'})

    @api.post("/org/units/import", status_code=201, tags=["org tree"],
              summary="Import units from CSV or .xlsx (all rows or none)", responses=IMPORT)
    async def import_unit_table(actor: CurrentActor, file: UploadFile = File()) -> dict[str, Any]:
        rows = read_table(await read_upload(file, settings.max_upload_bytes), file.filename or "", archive)
        return await import_units(new_uow, actor, rows, clock())

    @api.post("/org/people/import", status_code=201, tags=["people"],
              summary="Import people from CSV or .xlsx (all rows or none)", responses=IMPORT)
    async def import_people_table(actor: CurrentActor, file: UploadFile = File()) -> dict[str, Any]:
        rows = read_table(await read_upload(file, settings.max_upload_bytes), file.filename or "", archive)
        return await import_people(new_uow, policy, actor, rows, clock())

    @api.get("/org/units/export", tags=["org tree"], summary="The units an admin keeps, as a table",
             response_class=Response, responses=TABLE)
    async def export_units(
        user: CurrentUser, format: Literal["csv", "xlsx"] = Query("xlsx")
    ) -> Response:
        units, _ = await export_org(new_uow, user)
        rows = [{**asdict(u), "level": u.level.value, "kind": u.kind.value} for u in units]
        return table_response(UNIT_COLUMNS, rows, "units", format)

    @api.get("/org/people/export", tags=["people"], summary="The people an admin keeps, as a table",
             response_class=Response, responses=TABLE)
    async def export_people(
        user: CurrentUser, format: Literal["csv", "xlsx"] = Query("xlsx")
    ) -> Response:
        _, people = await export_org(new_uow, user)
        rows = [{**asdict(p), "roles": " ".join(p.roles)} for p in people]
        return table_response(PERSON_COLUMNS[:-1], rows, "people", format)

    return api

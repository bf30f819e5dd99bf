"""Writing a new item: the form, its quality feedback before submission, and Word import."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from services.intake import usecases
from services.intake.adapters.archive import ArchiveLimits
from services.intake.adapters.docx_reader import ImageLimits, read_docx
from services.intake.domain import Draft, IntakeError, InvalidInput, ItemState, TooLarge
from services.intake.domain.submission import MAX_BODY, MAX_TITLE
from services.intake.usecases.commissions import list_commissions
from services.intake.web import readmodels
from services.intake.web.context import Viewer, Web, explain
from services.intake.web.i18n import CATEGORIES
from services.intake.web.rendering import PREFIX, redirect

EMPTY = {"title": "", "body": "", "category": CATEGORIES[0], "urgent": False, "commission_id": ""}


def routes(api: APIRouter, web: Web) -> None:
    """Attach the new-item form, the draft preview and the Word import to ``api``."""

    @api.get("/items/new", response_class=HTMLResponse)
    async def new_item_form(request: Request) -> Response:
        viewer = await web.viewer(request)
        wanted = request.query_params.get("commission", "")
        return await _form(web, request, viewer, {**EMPTY, "commission_id": wanted})

    @api.post("/items/new", response_class=HTMLResponse)
    async def new_item(request: Request) -> Response:
        viewer = await web.viewer(request)
        form = await request.form()
        values = draft_values(form)
        action = str(form.get("action") or "check")
        if action == "check":
            card = await preview(web, request, values)
            return await _form(web, request, viewer, values, card=card, checked=True)
        draft = Draft(
            values["title"],
            values["body"],
            values["category"],
            urgent=values["urgent"],
            commission_id=values["commission_id"] or None,
        )
        try:
            item = await usecases.start_item(
                web.new_uow, web.rules, await web.actor(request), draft, web.clock(),
                submit=action == "submit",
            )
        except IntakeError as error:
            return await _form(web, request, viewer, values, errors=[explain(web.t(request), error)])
        done = "new.submitted" if item.state == ItemState.SUBMITTED else "new.drafted"
        return redirect(f"{PREFIX}/items/{item.submission_id}", message=web.t(request)(done))

    @api.post("/items/import", response_class=HTMLResponse)
    async def import_word(request: Request) -> Response:
        """A .docx becomes a draft: its first heading the title, its paragraphs and images the body."""
        viewer = await web.viewer(request)
        form = await request.form()
        t = web.t(request)
        try:
            imported = await _read_word(request, form.get("file"))
            draft = Draft(
                imported.title,
                "\n\n".join(imported.paragraphs),
                draft_values(form)["category"],
                urgent=bool(form.get("urgent")),
            )
            item = await usecases.start_item(
                web.new_uow,
                web.rules,
                await web.actor(request),
                draft,
                web.clock(),
                submit=False,
                attachments=imported.images,
            )
        except IntakeError as error:
            refused = 413 if isinstance(error, TooLarge) else 422
            return await _form(web, request, viewer, dict(EMPTY), errors=[explain(t, error)], refused=refused)
        message = t("new.imported", n=len(imported.images))
        if imported.skipped:
            message += " " + t("new.images_skipped", names="、".join(imported.skipped))
        return redirect(f"{PREFIX}/items/{item.submission_id}", message=message)

    @api.post("/drafts/preview", response_class=HTMLResponse)
    async def draft_preview(request: Request) -> Response:
        """The quality card for a form's current text (the form's script asks as you type)."""
        await web.viewer(request)
        values = draft_values(await request.form())
        card = await preview(web, request, values)
        status = quality_status(values, card, asked=True)
        return web.pages.fragment(request, "_quality.html", card=card, quality_status=status, before=True)


def draft_values(form: FormData) -> dict[str, Any]:
    """What the author typed, whole: a title or text over its limit is refused with the limit
    named and shown again in the form, never cut (choices and ids are trimmed to their sizes)."""
    return {
        "title": str(form.get("title") or "").strip(),
        "body": str(form.get("body") or "").strip(),
        "category": str(form.get("category") or CATEGORIES[0]).strip()[:20],
        "urgent": bool(form.get("urgent")),
        "commission_id": str(form.get("commission_id") or "").strip()[:64],
    }


def quality_status(values: dict[str, Any], card: dict[str, Any] | None, *, asked: bool) -> str:
    """What the quality panel says when it has no card: fill in, too long to check, or no answer."""
    if not values["title"] or not values["body"]:
        return "need_text"
    if _over_limit(values):
        return "too_long"
    return "unavailable" if asked and card is None else "need_text"


def _over_limit(values: dict[str, Any]) -> bool:
    """Whether the title or text is longer than intake keeps (no preview of what will be refused)."""
    return len(values["title"]) > MAX_TITLE or len(values["body"]) > MAX_BODY


async def preview(web: Web, request: Request, values: dict[str, Any]) -> dict[str, Any] | None:
    """The scoring preview of a draft's text, or None (no text yet, or no answer in time)."""
    if not values["title"] or not values["body"]:
        return None
    if _over_limit(values):
        return None
    bearer = await web.bearer_for(request, "scoring")
    return await web.previewer.preview(values["title"], values["body"], values["category"], bearer)


async def _form(
    web: Web,
    request: Request,
    viewer: Viewer,
    values: dict[str, Any],
    *,
    card: dict[str, Any] | None = None,
    checked: bool = False,
    errors: list[str] | None = None,
    refused: int = 422,
) -> Response:
    office_name = ""
    if viewer.unit and viewer.unit.parent_id:
        async with web.new_uow() as uow:
            office_name = (await readmodels.names_for(uow, [viewer.unit.parent_id], [])).unit(
                viewer.unit.parent_id
            )
    asked = await list_commissions(web.new_uow, viewer.user) if viewer.writes else []
    status = quality_status(values, card, asked=checked)
    return web.pages.render(
        request,
        "item_new.html",
        status=refused if errors else 200,
        viewer=viewer,
        form=values,
        categories=CATEGORIES,
        card=card,
        quality_status=status,
        before=True,
        errors=errors or [],
        office_name=office_name,
        can_submit=viewer.user.has({"unit_head"}),
        commissions=[c for c in asked if c.get("kind") == "commission"],
        priorities=[c for c in asked if c.get("kind") == "priority"],
    )


async def _read_word(request: Request, upload: Any) -> Any:
    settings = request.app.state.settings
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput("file", "choose a .docx file", code="choose_docx")
    data = await upload.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise TooLarge(
            f"the file is larger than {settings.max_upload_bytes // 1_000_000} MB",
            code="upload_too_large", mb=settings.max_upload_bytes // 1_000_000,
        )
    limits = ImageLimits(settings.max_attachment_bytes, settings.max_attachments)
    archive = ArchiveLimits(settings.max_archive_entries, settings.max_unpacked_bytes)
    return await asyncio.to_thread(read_docx, data, limits, archive)

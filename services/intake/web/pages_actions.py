"""Form posts that change an item: each calls one use case, then goes back with a message."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from services.intake import usecases
from services.intake.domain import InvalidInput
from services.intake.web.context import Web
from services.intake.web.rendering import PREFIX, redirect, safe_next
from shared.contracts import AdoptionForm, OrgLevel, ScreeningOutcome

E = TypeVar("E", bound=StrEnum)


def routes(api: APIRouter, web: Web) -> None:
    """Attach the item actions to ``api``."""

    @api.post("/items/{sid}/sign-off")
    async def sign_off(sid: str, request: Request) -> Response:
        await usecases.sign_off_item(web.new_uow, web.rules, await web.actor(request), sid, web.clock())
        return await _back(web, request, sid, "detail.signed_off")

    @api.post("/items/{sid}/edit-draft")
    async def edit_draft(sid: str, request: Request) -> Response:
        form = await request.form()
        await usecases.edit_item_draft(
            web.new_uow, await web.actor(request), sid, _text(form, "title"), _text(form, "body"), web.clock()
        )
        return await _back(web, request, sid, "detail.revised")

    @api.post("/items/{sid}/revise")
    async def revise(sid: str, request: Request) -> Response:
        form = await request.form()
        item = await usecases.revise_item(
            web.new_uow, web.rules, sid, await web.actor(request), _text(form, "title"), _text(form, "body"),
            web.clock(),
        )
        done = "detail.resubmitted" if item.state.value == "submitted" else "detail.revised"
        if item.pending_revision is not None:
            done = "detail.awaiting_sign_off"
        return await _back(web, request, sid, done)

    @api.post("/items/{sid}/withdraw")
    async def withdraw(sid: str, request: Request) -> Response:
        form = await request.form()
        await usecases.withdraw_item(
            web.new_uow, sid, await web.actor(request), _text(form, "reason"), web.clock()
        )
        return await _back(web, request, sid, "detail.withdrawn")

    @api.post("/items/{sid}/screen")
    async def screen(sid: str, request: Request) -> Response:
        form = await request.form()
        outcome = _choice(ScreeningOutcome, _text(form, "outcome"), "outcome")
        reasons = [str(r).strip() for r in form.getlist("reasons") if str(r).strip()]
        await usecases.screen_item(
            web.new_uow,
            sid,
            await web.actor(request),
            outcome,
            reasons,
            bool(form.get("inaccurate")),
            web.clock(),
        )
        return await _back(web, request, sid, f"action.done.{outcome.value}")

    @api.post("/items/{sid}/adopt")
    async def adopt(sid: str, request: Request) -> Response:
        form = await request.form()
        publication = _text(form, "publication_other") or _text(form, "publication")
        if not publication:
            raise InvalidInput("publication", "choose a publication")
        await usecases.adopt_item(
            web.new_uow,
            sid,
            await web.actor(request),
            publication,
            _choice(AdoptionForm, _text(form, "form") or "full_text", "form"),
            _text(form, "issue_no") or None,
            web.clock(),
        )
        return await _back(web, request, sid, "action.done.adopted")

    @api.post("/items/{sid}/forward")
    async def forward(sid: str, request: Request) -> Response:
        await usecases.forward_item(web.new_uow, sid, await web.actor(request), web.clock())
        return await _back(web, request, sid, "action.done.forwarded")

    @api.post("/items/{sid}/instructions")
    async def instruct(sid: str, request: Request) -> Response:
        form = await request.form()
        note = usecases.InstructionNote(
            leader_name=_text(form, "leader_name") or None,
            leader_rank=_choice(OrgLevel, _text(form, "leader_rank"), "leader_rank"),
            text=_text(form, "text"),
            feedback_due=_day(_text(form, "feedback_due")),
        )
        if not note.text:
            raise InvalidInput("text", "write the instruction")
        await usecases.record_instruction(
            web.new_uow, web.rules, sid, await web.actor(request), note, web.clock()
        )
        return await _back(web, request, sid, "action.done.instruction")

    @api.post("/items/{sid}/instructions/{instruction_id}/feedback")
    async def feedback(sid: str, instruction_id: str, request: Request) -> Response:
        form = await request.form()
        await usecases.give_instruction_feedback(
            web.new_uow, sid, instruction_id, await web.actor(request), _text(form, "text"), web.clock()
        )
        return await _back(web, request, sid, "detail.feedback_given")


async def _back(web: Web, request: Request, sid: str, done: str) -> Response:
    form = await request.form()
    target = safe_next(str(form.get("next") or ""), f"{PREFIX}/items/{sid}")
    return redirect(target, message=web.t(request)(done))


def _text(form: FormData, name: str) -> str:
    return str(form.get(name) or "").strip()


def _choice(kind: type[E], text: str, field: str) -> E:
    try:
        return kind(text)
    except ValueError as error:
        raise InvalidInput(field, f"one of {', '.join(kind)}") from error


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as error:
        raise InvalidInput("feedback_due", "a date like 2026-12-31") from error

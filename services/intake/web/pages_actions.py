"""Form posts that change an item: each calls one use case, then goes back with a message.

A refused adoption or instruction whose choice or input was wrong comes back as the form,
with what was entered and the reason; any other refusal goes back with the reason."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from services.intake import usecases
from services.intake.domain import Forbidden, InvalidInput
from services.intake.web.choices import adoption_choices
from services.intake.web.context import Web, as_item, explain
from services.intake.web.pages_items import instruction_defaults
from services.intake.web.rendering import PREFIX, redirect, safe_next
from shared.contracts import AdoptionForm, OrgLevel, ScreeningOutcome

E = TypeVar("E", bound=StrEnum)
CHOICES_REFUSED = frozenset({"publication_not_own", "rank_above_office"})
"""Refusals of a choice the forms no longer offer (another office's publication, a rank above
the office's): the form comes back with the rest of what was entered, as for invalid input."""
ADOPT_FIELDS = ("publication", "form")
INSTRUCTION_FIELDS = ("leader_name", "leader_rank", "text", "feedback_due")


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
        """Into one of the office's own publications; the issue comes from its sequence."""
        form = await request.form()
        publication = _text(form, "publication")
        try:
            if not publication:
                raise InvalidInput("publication", "choose a publication", code="choose_publication")
            item = await usecases.adopt_item(
                web.new_uow,
                sid,
                await web.actor(request),
                publication,
                _choice(AdoptionForm, _text(form, "form") or "full_text", "form"),
                None,
                web.clock(),
                zone=web.rules.timezone,
            )
        except (InvalidInput, Forbidden) as error:
            if not _a_choice(error):
                raise
            return await _refused(web, request, sid, "adopt", error, _kept(form, ADOPT_FIELDS))
        adoption = item.adoptions[-1]
        name = web.publications.name(adoption["publication"], web.t(request).lang)
        issue = adoption["issue_no"]
        return await _back(web, request, sid, "action.done.adopted_into", name=name, issue=issue)

    @api.post("/items/{sid}/forward")
    async def forward(sid: str, request: Request) -> Response:
        await usecases.forward_item(web.new_uow, sid, await web.actor(request), web.clock())
        return await _back(web, request, sid, "action.done.forwarded")

    @api.post("/items/{sid}/instructions")
    async def instruct(sid: str, request: Request) -> Response:
        """A leader's instruction, of a rank at or below the recording office's level."""
        form = await request.form()
        try:
            note = usecases.InstructionNote(
                leader_name=_text(form, "leader_name") or None,
                leader_rank=_choice(OrgLevel, _text(form, "leader_rank"), "leader_rank"),
                text=_text(form, "text"),
                feedback_due=_day(_text(form, "feedback_due")),
            )
            if not note.text:
                raise InvalidInput("text", "write the instruction", code="instruction_text")
            await usecases.record_instruction(
                web.new_uow, web.rules, sid, await web.actor(request), note, web.clock()
            )
        except (InvalidInput, Forbidden) as error:
            if not _a_choice(error):
                raise
            return await _refused(web, request, sid, "instruct", error, _kept(form, INSTRUCTION_FIELDS))
        return await _back(web, request, sid, "action.done.instruction")

    @api.post("/items/{sid}/instructions/{instruction_id}/feedback")
    async def feedback(sid: str, instruction_id: str, request: Request) -> Response:
        form = await request.form()
        await usecases.give_instruction_feedback(
            web.new_uow, sid, instruction_id, await web.actor(request), _text(form, "text"), web.clock()
        )
        return await _back(web, request, sid, "detail.feedback_given")


async def _back(web: Web, request: Request, sid: str, done: str, **values: object) -> Response:
    form = await request.form()
    target = safe_next(str(form.get("next") or ""), f"{PREFIX}/items/{sid}")
    return redirect(target, message=web.t(request)(done, **values))


def _a_choice(error: InvalidInput | Forbidden) -> bool:
    """A refusal of what was chosen or typed (not of acting on the item at all)."""
    return isinstance(error, InvalidInput) or error.code in CHOICES_REFUSED


def _kept(form: FormData, names: tuple[str, ...]) -> dict[str, str]:
    return {name: _text(form, name) for name in names}


async def _refused(
    web: Web, request: Request, sid: str, which: str, error: InvalidInput | Forbidden, kept: dict[str, str]
) -> Response:
    """The form again, with what was entered and why it was refused (the choices it offers
    are the ones the viewer may make)."""
    viewer = await web.viewer(request)
    item = as_item(await usecases.read_item(web.new_uow, viewer.user, sid))
    t = web.t(request)
    form = await request.form()
    return web.pages.render(
        request,
        "action_refused.html",
        status=403 if isinstance(error, Forbidden) else 422,
        viewer=viewer,
        item=item,
        which=which,
        heading=t("refused.adopt" if which == "adopt" else "refused.instruct"),
        reason=explain(t, error),
        acts={which},
        here=safe_next(str(form.get("next") or ""), f"{PREFIX}/items/{sid}"),
        item_url=f"{PREFIX}/items/{sid}",
        publications=await adoption_choices(web, viewer, t.lang) if which == "adopt" else [],
        adopt_input=kept,
        instruction_input=kept,
        instruction_defaults=instruction_defaults(viewer),
    )


def _text(form: FormData, name: str) -> str:
    return str(form.get(name) or "").strip()


def _choice(kind: type[E], text: str, field: str) -> E:
    try:
        return kind(text)
    except ValueError as error:
        raise InvalidInput(
            field, f"one of {', '.join(kind)}", code="one_of", choices=[choice.value for choice in kind]
        ) from error


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as error:
        raise InvalidInput("feedback_due", "a date like 2026-12-31", code="date") from error

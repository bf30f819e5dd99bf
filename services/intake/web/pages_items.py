"""The unit's list of its items, and one item's page (text, score, changes, history, actions)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake import usecases
from services.intake.domain import Item, ItemState, View
from services.intake.domain.standing import AWAITING_SIGN_OFF, RETURNED_TO_AUTHOR
from services.intake.repositories import standing_filter
from services.intake.web import readmodels
from services.intake.web.choices import adoption_choices, rank_choices
from services.intake.web.context import Viewer, Web, as_item
from services.intake.web.diff import changes
from services.intake.web.i18n import RETURN_REASONS, Translator
from services.intake.web.rendering import PREFIX

UNIT_STATES = (
    AWAITING_SIGN_OFF, RETURNED_TO_AUTHOR, "submitted", "accepted", "returned", "filed_for_reference",
    "adopted", "forwarded", "withdrawn",
)
"""The states a unit sees its items in: before they leave, and at the office they report to."""


def routes(api: APIRouter, web: Web) -> None:
    """Attach the unit's pages and the item page to ``api``."""
    _quality_routes(api, web)

    @api.get("/items", response_class=HTMLResponse)
    async def unit_items(request: Request) -> Response:
        viewer = await web.viewer(request)
        q = request.query_params
        state = q.get("state") if q.get("state") in UNIT_STATES else None
        filters = {
            **(standing_filter(viewer.unit_id, state) if state else {}),
            "period": q.get("period") or None,
            "author_id": viewer.person_id if q.get("mine") else None,
        }
        page = await usecases.list_items(
            web.new_uow, viewer.user, View.UNIT, filters, 0, web.settings.web_page_size
        )
        rows, names = await _with_scores(web, [as_item(i) for i in page["items"]])
        t = web.t(request)
        return web.pages.render(
            request,
            "items.html",
            viewer=viewer,
            rows=rows,
            names=names,
            total=page["total"],
            caption=t("items.caption"),
            show_unit=False,
            with_actions=False,
            states=[(s, t.value("state", s)) for s in UNIT_STATES],
            filters={"state": q.get("state", ""), "period": q.get("period", ""), "mine": bool(q.get("mine"))},
        )

    @api.get("/items/{submission_id}", response_class=HTMLResponse)
    async def item_page(submission_id: str, request: Request) -> Response:
        viewer = await web.viewer(request)
        record = await usecases.read_item(web.new_uow, viewer.user, submission_id)
        item = as_item(record)
        audit = await usecases.item_audit(web.new_uow, viewer.user, submission_id)
        forwarded_to = {e["action"].partition(":")[2] for e in audit if e["action"].startswith("forward:")}
        async with web.new_uow() as uow:
            names = await readmodels.names_for(
                uow, _units_of(item) | forwarded_to, {e["actor"] for e in audit} | _people_of(item)
            )
        score = record["downstream"].get("score")
        if item.state == ItemState.DRAFT:
            bearer = await web.bearer_for(request, "scoring")
            score = await web.previewer.preview(item.title, item.body, item.category, bearer)
        view = readmodels.ItemView(item, score, record["downstream"].get("ledger", []), audit, names)
        t = web.t(request)
        return web.pages.render(
            request,
            "item.html",
            viewer=viewer,
            view=view,
            acts=allowed_actions(viewer, item),
            changes=changes(item.revisions, item.title, item.body),
            here=request.url.path,
            history=[
                (e["at"], names.person(e["actor"]), _describe(web, t, names, e["action"])) for e in audit
            ],
            back_url=viewer.home,
            return_reasons=RETURN_REASONS,
            publications=await adoption_choices(web, viewer, t.lang),
            publication_name=lambda code: web.publications.name(code, t.lang),
            instruction_defaults=instruction_defaults(viewer),
            quality_status="unavailable" if item.state == ItemState.DRAFT else "pending",
            quality_poll=(
                PREFIX + QUALITY_POLL.format(sid=item.submission_id)
                if score is None and item.state not in (ItemState.DRAFT, ItemState.WITHDRAWN) else ""
            ),
            images=_images_by_paragraph(item),
        )


QUALITY_POLL = "/items/{sid}/quality"


def _quality_routes(api: APIRouter, web: Web) -> None:
    @api.get(QUALITY_POLL, response_class=HTMLResponse)
    async def quality_card(sid: str, request: Request) -> Response:
        """The item's stored quality card; the item page asks for it until scoring has answered."""
        viewer = await web.viewer(request)
        record = await usecases.read_item(web.new_uow, viewer.user, sid)
        card = record["downstream"].get("score")
        response = web.pages.fragment(
            request, "_quality.html", card=card, quality_status="pending", before=False,
            current_revision=record["revision"],
        )
        response.headers["X-Xinbao-Pending"] = "1" if card is None else "0"
        return response


def allowed_actions(viewer: Viewer, item: Item) -> set[str]:
    """Which forms to show; a hint only, since the use cases decide."""
    acts: set[str] = set()
    state = item.state
    if viewer.writes and item.unit_id == viewer.unit_id:
        acts |= {
            ItemState.DRAFT: {"edit_draft", "withdraw"},
            ItemState.RETURNED: {"resubmit", "withdraw"},
            ItemState.SUBMITTED: {"withdraw"},
            ItemState.ACCEPTED: {"withdraw"},
        }.get(state, set())
        waiting = state == ItemState.RETURNED and item.pending_revision is not None
        if (state == ItemState.DRAFT or waiting) and viewer.user.has({"unit_head"}):
            acts.add("sign_off")
        if state == ItemState.DRAFT and viewer.user.has({"unit_head"}) and not item.author_return:
            acts.add("return_to_author")
        if item.adoptions:
            acts.discard("withdraw")
        if item.instructions:
            acts.add("feedback")
    if viewer.user.has({"editor"}) and item.office_id == viewer.unit_id:
        acts |= {
            ItemState.SUBMITTED: {"screen"},
            ItemState.ACCEPTED: {"edit", "adopt", "forward"},
            ItemState.ADOPTED: {"forward"},
        }.get(state, set())
        if viewer.unit is None or viewer.unit.parent_id is None:
            acts.discard("forward")
    if viewer.user.has({"leader", "editor"}) and viewer.unit_id in item.adopted_under:
        acts.add("instruct")
    return acts


def instruction_defaults(viewer: Viewer) -> dict[str, Any]:
    """A leader records their own instruction; an editor types the leader's name. Ranks: the
    office's own level and below, the ones it may record."""
    level = viewer.unit.level.value if viewer.unit else "county"
    return {"name": viewer.name if viewer.leads else "", "rank": level, "ranks": rank_choices(viewer)}


def _describe(web: Web, t: Translator, names: readmodels.Names, action: str) -> str:
    """An audit action for people: publication and unit names instead of their codes."""
    verb, _, detail = action.partition(":")
    if verb == "adopt":
        detail = web.publications.name(detail, t.lang)
    elif verb == "forward":
        detail = names.unit(detail)
    elif verb == "feedback":
        detail = ""
    return t.audit_action(f"{verb}:{detail}" if detail else verb)


def _images_by_paragraph(item: Item) -> dict[int, list[dict[str, Any]]]:
    """The item's images (from an imported .docx) keyed by the paragraph they follow."""
    found: dict[int, list[dict[str, Any]]] = {}
    for image in item.attachments:
        url = f"/submissions/{item.submission_id}/attachments/{image['attachment_id']}"
        found.setdefault(int(image.get("after_paragraph", -1)), []).append({**image, "url": url})
    return found


async def _with_scores(web: Web, items: list[Item]) -> tuple[list[readmodels.Row], readmodels.Names]:
    async with web.new_uow() as uow:
        return await readmodels.scored(uow, items)


def _units_of(item: Item) -> set[str | None]:
    return {item.unit_id, item.office_id, *item.forwarded_by, *(a.get("office_id") for a in item.adoptions)}


def _people_of(item: Item) -> set[str | None]:
    people: set[str | None] = {item.author_id, item.signed_off_by}
    people |= {r.get("replaced_by") for r in item.revisions}
    people |= {i.get("recorded_by") for i in item.instructions}
    people |= {f.get("by") for i in item.instructions for f in i.get("feedback", [])}
    return people

"""The briefing composer: open a numbered issue, pick adopted items into it, sign it off,
print a proof or take the .docx (intake's briefing use cases do the work)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain import Forbidden, Item, View
from services.intake.domain.access import OFFICE_ROLES
from services.intake.repositories import adopted_under_filter
from services.intake.usecases import briefings as issues
from services.intake.usecases import list_items
from services.intake.web import readmodels
from services.intake.web.context import Viewer, Web, as_item
from services.intake.web.rendering import PREFIX, redirect

_MASTHEAD = re.compile(r"《(.+?)》")


def routes(api: APIRouter, web: Web) -> None:
    """Attach the briefing pages to ``api``."""

    @api.get("/briefing", response_class=HTMLResponse)
    async def briefing(request: Request) -> Response:
        viewer = await web.viewer(request)
        found = await issues.list_briefings(web.new_uow, viewer.user, viewer.unit_id)
        t = web.t(request)
        return web.pages.render(
            request,
            "briefing.html",
            viewer=viewer,
            issues=found,
            publications=web.publications.choices(viewer.unit.level if viewer.unit else None, t.lang),
            mastheads={code: masthead(web, code) for code, _ in web.publications.choices(None, "zh")},
            publication_name=lambda code: web.publications.name(code, t.lang),
        )

    @api.post("/briefing/open")
    async def open_issue(request: Request) -> Response:
        form = await request.form()
        publication = str(form.get("publication") or "").strip()[:40]
        name = str(form.get("name") or "").strip()[:60] or masthead(web, publication)
        opened = await issues.open_briefing(
            web.new_uow, await web.actor(request), publication, name, web.clock(), zone=web.rules.timezone
        )
        return redirect(issue_url(opened["briefing_id"]), message=web.t(request)("briefing.opened"))

    @api.get("/briefing/{briefing_id}", response_class=HTMLResponse)
    async def issue(briefing_id: str, request: Request) -> Response:
        viewer = await web.viewer(request)
        found = await issues.read_briefing(web.new_uow, viewer.user, briefing_id)
        inside = {entry["submission_id"] for entry in found["items"]}
        adopted, names = await _adopted_here(web, viewer)
        candidates = [
            r for r in adopted
            if r.item.submission_id not in inside
            and _adopted_into(r.item, viewer.unit_id, found["publication"])
        ]
        t = web.t(request)
        return web.pages.render(
            request,
            "briefing_issue.html",
            viewer=viewer,
            issue=found,
            candidates=candidates,
            names=names,
            here=issue_url(briefing_id),
            publication_name=lambda code: web.publications.name(code, t.lang),
            can_edit=found["state"] == issues.DRAFT and viewer.user.has({"editor"}),
            can_sign=found["state"] == issues.DRAFT and viewer.user.has({"office_head"}),
        )

    @api.get("/briefing/{briefing_id}/proof", response_class=HTMLResponse)
    async def proof(briefing_id: str, request: Request) -> Response:
        viewer = await web.viewer(request)
        found = await issues.read_briefing(web.new_uow, viewer.user, briefing_id)
        return web.pages.render(request, "briefing_proof.html", viewer=viewer, issue=found)

    @api.post("/briefing/{briefing_id}/add")
    async def add(briefing_id: str, request: Request) -> Response:
        form = await request.form()
        actor = await web.actor(request)
        for submission_id in [str(i) for i in form.getlist("id")][:50]:
            await issues.add_to_briefing(web.new_uow, actor, briefing_id, submission_id, web.clock())
        return redirect(issue_url(briefing_id), message=web.t(request)("briefing.added"))

    @api.post("/briefing/{briefing_id}/remove/{submission_id}")
    async def remove(briefing_id: str, submission_id: str, request: Request) -> Response:
        actor = await web.actor(request)
        await issues.remove_from_briefing(web.new_uow, actor, briefing_id, submission_id, web.clock())
        return redirect(issue_url(briefing_id), message=web.t(request)("briefing.removed"))

    @api.post("/briefing/{briefing_id}/sign-off")
    async def sign_off(briefing_id: str, request: Request) -> Response:
        await issues.sign_off_briefing(web.new_uow, await web.actor(request), briefing_id, web.clock())
        return redirect(issue_url(briefing_id), message=web.t(request)("briefing.signed_off"))


def issue_url(briefing_id: str) -> str:
    return f"{PREFIX}/briefing/{briefing_id}"


def masthead(web: Web, publication: str) -> str:
    """The name printed on the issue: 县《政务信息》 → 政务信息."""
    found = _MASTHEAD.search(web.publications.name(publication, "zh"))
    return found.group(1) if found else publication


def _adopted_into(item: Item, office_id: str, publication: str) -> bool:
    """An issue takes the items its office adopted into its own publication."""
    return any(a["office_id"] == office_id and a["publication"] == publication for a in item.adoptions)


async def _adopted_here(web: Web, viewer: Viewer) -> tuple[list[readmodels.Row], readmodels.Names]:
    """Items this office adopted (the ones an issue may take), best scored first."""
    if not viewer.edits:
        raise Forbidden(
            f"{viewer.user.describe()} is not an editor of an office",
            code="office_staff_only", roles=sorted(OFFICE_ROLES),
        )
    page = await list_items(
        web.new_uow,
        viewer.user,
        View.OFFICE,
        adopted_under_filter(viewer.unit_id),
        0,
        web.settings.web_page_size,
    )
    items = [as_item(i) for i in page["items"]]
    items = [i for i in items if readmodels.adopted_by(i, viewer.unit_id)]
    async with web.new_uow() as uow:
        rows, names = await readmodels.scored(uow, items)
    return readmodels.sort_rows(rows, "score"), names

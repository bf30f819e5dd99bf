"""The office's pages: the editors' inbox and the quota board."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake import usecases
from services.intake.domain import Forbidden, InvalidInput, View
from services.intake.domain.access import OFFICE_ROLES
from services.intake.repositories import standing_filter
from services.intake.usecases.quotas import quota_board, set_quota
from services.intake.web import readmodels
from services.intake.web.choices import AdoptionChoice, adoption_choices
from services.intake.web.context import Viewer, Web, as_item
from services.intake.web.i18n import CATEGORIES, RETURN_REASONS
from services.intake.web.pages_items import allowed_actions
from services.intake.web.rendering import PREFIX, redirect
from shared.clock import month_of

TABS = (
    ("submitted", "inbox.tab.submitted"),
    ("accepted", "inbox.tab.accepted"),
    ("adopted", "inbox.tab.adopted"),
    ("all", "common.all"),
)


def routes(api: APIRouter, web: Web) -> None:
    """Attach the office's pages to ``api``."""

    @api.get("/inbox", response_class=HTMLResponse)
    async def inbox(request: Request) -> Response:
        viewer = await web.viewer(request)
        q = request.query_params
        tab = q.get("tab") if q.get("tab") in dict(TABS) else "submitted"
        where: dict[str, Any] = {"category": q.get("category") or None, "unit_id": q.get("unit") or None}
        if tab != "all":
            where |= standing_filter(viewer.unit_id, tab)
        rows, names = await _office_rows(web, viewer, where)
        counts = await _tab_counts(web, viewer)
        minimum = _number(q.get("min_score"))
        if minimum is not None:
            rows = [r for r in rows if r.score is not None and r.score >= minimum]
        sort = "time" if q.get("sort") == "time" else "score"
        t = web.t(request)
        units = await _unit_choices(web, viewer)
        return web.pages.render(
            request,
            "inbox.html",
            viewer=viewer,
            rows=readmodels.sort_rows(rows, sort),
            names=names,
            total=len(rows),
            tabs=TABS,
            counts=counts,
            tab_url=lambda key: f"{PREFIX}/inbox?tab={key}",
            categories=[(c, t.value("category", c)) for c in CATEGORIES],
            units=units,
            sorts=[("score", t("inbox.sort.score")), ("time", t("inbox.sort.time"))],
            filters={
                "tab": tab,
                "category": q.get("category", ""),
                "unit": q.get("unit", ""),
                "min_score": q.get("min_score", ""),
                "sort": sort,
            },
            row_actions=lambda item: allowed_actions(viewer, item) & {"screen", "adopt", "forward"},
            here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            return_reasons=RETURN_REASONS,
            publications=await _choices(web, viewer, t.lang),
        )

    @api.get("/quota", response_class=HTMLResponse)
    async def quota(request: Request) -> Response:
        viewer = await web.viewer(request)
        period = _month(request.query_params.get("period")) or month_of(web.clock(), web.rules.timezone)
        rows, _ = await _office_rows(web, viewer, {"period": period})
        async with web.new_uow() as uow:
            units = await uow.units.list(parent_id=viewer.unit_id, limit=1000)
        board = await quota_board(web.new_uow, viewer.user, viewer.unit_id, period)
        return web.pages.render(
            request,
            "quota.html",
            viewer=viewer,
            period=period,
            tallies=readmodels.tally(units, [r.item for r in rows], viewer.unit_id),
            quotas={r["unit_id"]: r for r in board["units"]},
        )

    @api.post("/quota")
    async def set_unit_quota(request: Request) -> Response:
        form = await request.form()
        period = _month(str(form.get("period") or ""))
        required = _number(str(form.get("items_required") or ""))
        if period is None or required is None:
            raise InvalidInput(
                "items_required", "a month like 2026-11 and a number of items", code="quota_form"
            )
        await set_quota(
            web.new_uow,
            web.rules,
            await web.actor(request),
            str(form.get("unit_id") or ""),
            period,
            int(required),
            None,
            web.clock(),
        )
        return redirect(f"{PREFIX}/quota?period={period}", message=web.t(request)("quota.set"))


async def _office_rows(
    web: Web, viewer: Viewer, where: dict[str, Any]
) -> tuple[list[readmodels.Row], readmodels.Names]:
    if not viewer.edits:
        raise Forbidden(
            f"{viewer.user.describe()} is not an editor of an office",
            code="office_staff_only", roles=sorted(OFFICE_ROLES),
        )
    page = await usecases.list_items(
        web.new_uow, viewer.user, View.OFFICE, where, 0, web.settings.web_page_size
    )
    async with web.new_uow() as uow:
        rows, names = await readmodels.scored(uow, [as_item(i) for i in page["items"]])
    return rows, names


async def _tab_counts(web: Web, viewer: Viewer) -> dict[str, int]:
    counts = {}
    for tab, _ in TABS[:3]:
        page = await usecases.list_items(
            web.new_uow, viewer.user, View.OFFICE, standing_filter(viewer.unit_id, tab), 0, 1
        )
        counts[tab] = page["total"]
    return counts


async def _unit_choices(web: Web, viewer: Viewer) -> list[tuple[str, str]]:
    async with web.new_uow() as uow:
        units = await uow.units.list(parent_id=viewer.unit_id, limit=1000)
    return [(u.unit_id, u.name) for u in units]


async def _choices(web: Web, viewer: Viewer, lang: str) -> list[AdoptionChoice]:
    return await adoption_choices(web, viewer, lang)


def _month(text: str | None) -> str | None:
    return text if text and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text) else None


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None

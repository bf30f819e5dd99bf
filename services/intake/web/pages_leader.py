"""The leader's page: items adopted by their office or below, with instructions to record."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake import usecases
from services.intake.domain import View
from services.intake.web import readmodels
from services.intake.web.context import Web, as_item
from services.intake.web.pages_items import instruction_defaults


def routes(api: APIRouter, web: Web) -> None:
    """Attach the leader's page to ``api``."""

    @api.get("/leader", response_class=HTMLResponse)
    async def leader(request: Request) -> Response:
        viewer = await web.viewer(request)
        period = request.query_params.get("period") or None
        page = await usecases.list_items(
            web.new_uow, viewer.user, View.ADOPTED, {"period": period}, 0, web.settings.web_page_size
        )
        items = [as_item(i) for i in page["items"]]
        async with web.new_uow() as uow:
            rows, names = await readmodels.scored(uow, items)
            names = await readmodels.names_for(
                uow, {*names.units, *(a.get("office_id") for i in items for a in i.adoptions)}, []
            )
        t = web.t(request)
        return web.pages.render(
            request,
            "leader.html",
            viewer=viewer,
            rows=rows,
            names=names,
            filters={"period": period or ""},
            here=request.url.path,
            publication_name=lambda code: web.publications.name(code, t.lang),
            instruction_defaults=instruction_defaults(viewer),
        )

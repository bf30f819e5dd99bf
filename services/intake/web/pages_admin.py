"""The administrator's page: the units and people they keep, and who is missing where."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain import Forbidden
from services.intake.domain.responsibility import overview
from services.intake.usecases.org_import import export_org
from services.intake.web.context import Web

SHOWN = 200
"""Units listed as missing people at most; the rest are counted (the export has them all)."""


def routes(api: APIRouter, web: Web) -> None:
    """Attach the administrator's page to ``api``."""

    @api.get("/admin", response_class=HTMLResponse)
    async def admin(request: Request) -> Response:
        viewer = await web.viewer(request)
        if not viewer.administers:
            raise Forbidden(f"{viewer.user.describe()} is not an admin", code="not_admin")
        units, people = await export_org(web.new_uow, viewer.user)
        org = overview(units, people)
        return web.pages.render(
            request,
            "admin.html",
            viewer=viewer,
            org=org,
            shown=org.unanswered[:SHOWN],
            levels=["national", "province", "city", "county", "township"],
        )

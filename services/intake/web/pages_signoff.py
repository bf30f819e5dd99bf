"""The unit head's sign-off (审签): the queue of drafts waiting (待审签), and sending one
back to its author with the reason, before it leaves the unit."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake import usecases
from services.intake.web.context import Web
from services.intake.web.rendering import PREFIX, redirect, safe_next


def routes(api: APIRouter, web: Web) -> None:
    """Attach the sign-off routes to ``api``."""

    @api.get("/signoff", response_class=HTMLResponse)
    async def queue(request: Request) -> Response:
        """The head's queue is the unit's list filtered to 待审签."""
        await web.viewer(request)
        return redirect(f"{PREFIX}/items?state=awaiting_sign_off")

    @api.post("/items/{sid}/return-to-author")
    async def return_to_author(sid: str, request: Request) -> Response:
        form = await request.form()
        reason = str(form.get("reason") or "")
        await usecases.return_item_to_author(web.new_uow, await web.actor(request), sid, reason, web.clock())
        target = safe_next(str(form.get("next") or ""), f"{PREFIX}/items/{sid}")
        return redirect(target, message=web.t(request)("signoff.returned"))

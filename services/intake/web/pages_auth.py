"""Logging in and out, the start page, and the pages' static files."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from services.intake.auth import clear_session_cookie, origin_of, set_session_cookie
from services.intake.domain import LoginRefused, NotFound
from services.intake.login_throttle import LoginThrottled
from services.intake.usecases import sessions
from services.intake.web.context import LoginNeeded, Web
from services.intake.web.rendering import PREFIX, STATIC_DIR, redirect, safe_next

STATIC_FILES = {path.name: path for path in STATIC_DIR.iterdir() if path.is_file()}
MEDIA_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def routes(api: APIRouter, web: Web) -> None:
    """Attach log-in, log-out, the start page and static files to ``api``."""

    @api.get("/", response_class=HTMLResponse)
    async def start(request: Request) -> Response:
        return redirect((await web.viewer(request)).home)

    @api.get("/login", response_class=HTMLResponse)
    async def login_form(request: Request) -> Response:
        target = safe_next(request.query_params.get("next"), PREFIX + "/")
        return web.pages.render(request, "login.html", next=target, username="", error="")

    @api.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        form = await request.form()
        username = str(form.get("username") or "").strip()[:64]
        target = safe_next(str(form.get("next") or ""), PREFIX + "/")
        authenticator = request.app.state.authenticator
        t = web.t(request)
        try:
            token, session = await authenticator.log_in(
                username, str(form.get("password") or "")[:256], origin_of(request)
            )
        except LoginRefused:
            return _form_again(web, request, 401, target, username, t("login.failed"))
        except LoginThrottled as throttled:
            minutes = math.ceil(throttled.retry_after / 60)
            page = _form_again(web, request, 429, target, username, t("login.throttled", minutes=minutes))
            page.headers["Retry-After"] = str(throttled.retry_after)
            return page
        response = redirect(target)
        set_session_cookie(response, token, session.expires_at, authenticator.cookie_secure)
        return response

    @api.post("/logout")
    async def logout(request: Request) -> Response:
        try:
            actor = await web.actor(request)
        except LoginNeeded:
            actor = None
        if actor is not None:
            _, session_id = request.state.auth
            await sessions.log_out(web.new_uow, actor, session_id, web.clock())
        response = redirect(PREFIX + "/login", message=web.t(request)("login.logged_out"))
        clear_session_cookie(response)
        return response

    @api.get("/static/{name}")
    async def static(name: str) -> Response:
        path = STATIC_FILES.get(name)
        if path is None:
            raise NotFound(f"static file {name!r}", code="no_file", file=name)
        return FileResponse(
            path,
            media_type=MEDIA_TYPES.get(path.suffix),
            headers={"Cache-Control": "public, max-age=31536000, immutable"},
        )


def _form_again(web: Web, request: Request, status: int, target: str, username: str, error: str) -> Response:
    return web.pages.render(
        request, "login.html", status=status, next=target, username=username, error=error
    )

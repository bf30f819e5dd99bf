"""Turning a template and a context into a page: language, flash messages, times, links."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from services.intake.domain.submission import MAX_BODY, MAX_TITLE
from services.intake.web.csrf import FIELD, token_of_request
from services.intake.web.i18n import LANG_COOKIE, Translator, pick_language

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
PREFIX = "/web"
FLASH_COOKIE = "xinbao_flash"
YEAR = 365 * 24 * 3600


class Pages:
    """The template environment and the helpers every page route uses."""

    def __init__(self, timezone: str) -> None:
        self.zone = ZoneInfo(timezone)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["when"] = self.when
        self.env.filters["day"] = lambda moment: self.when(moment)[:10]
        self.env.globals["prefix"] = PREFIX
        self.env.globals["static_version"] = _static_version()
        self.env.globals["csrf_field"] = _csrf_field
        self.env.globals["limits"] = {"title": MAX_TITLE, "body": MAX_BODY}

    def language(self, request: Request) -> str:
        return pick_language(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))

    def translator(self, request: Request) -> Translator:
        return Translator(self.language(request))

    def render(self, request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        """The page, in the request's language, showing and clearing any flash message."""
        t = self.translator(request)
        page = self.env.get_template(template).render(
            request=request,
            t=t,
            lang=t.lang,
            flash=_read_flash(request),
            other_lang_url=str(request.url.include_query_params(lang="en" if t.lang == "zh" else "zh")),
            csrf_token=token_of_request(request),
            **{"viewer": None, **context},
        )
        response = HTMLResponse(page, status_code=status)
        if request.query_params.get("lang") == t.lang:
            response.set_cookie(LANG_COOKIE, t.lang, max_age=YEAR, samesite="lax", httponly=True)
        if request.cookies.get(FLASH_COOKIE):
            response.delete_cookie(FLASH_COOKIE, path="/")
        return response

    def fragment(self, request: Request, template: str, **context: Any) -> HTMLResponse:
        """A piece of a page (for scripts that update part of it), in the request's language."""
        t = self.translator(request)
        return HTMLResponse(self.env.get_template(template).render(t=t, lang=t.lang, **context))

    def when(self, moment: datetime | str | None) -> str:
        """A stored moment as local wall time, e.g. '2026-11-20 14:05'."""
        if moment is None or moment == "":
            return ""
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")


def redirect(url: str, *, message: str = "", kind: str = "ok") -> RedirectResponse:
    """303 to ``url`` (after a form post), carrying a one-time message to the next page."""
    response = RedirectResponse(url, status_code=303)
    if message:
        payload = quote(json.dumps({"kind": kind, "text": message}, ensure_ascii=False))
        response.set_cookie(FLASH_COOKIE, payload, max_age=60, samesite="lax", httponly=True, path="/")
    return response


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path inside the pages may be a redirect target (no open redirects)."""
    if target and target.startswith(PREFIX + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


@pass_context
def _csrf_field(context: Context) -> Markup:
    """The hidden field every form that posts carries (see services.intake.web.csrf)."""
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(context.get("csrf_token", ""))}">')


def _read_flash(request: Request) -> dict[str, str] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        value = json.loads(unquote(raw))
    except ValueError:
        return None
    if isinstance(value, dict) and {"kind", "text"} <= value.keys():
        return {"kind": str(value["kind"]), "text": str(value["text"])}
    return None


def _static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.glob("*")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]

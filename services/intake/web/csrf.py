"""Cross-site request forgery: a state change made with the session cookie proves it came from
intake's own pages.

* The **token** is an HMAC of the session id under the service's secret key: the same on every
  page of one session, unknown to other sites (they cannot read intake's pages), dead after
  log-out. The pages put it in every form (hidden field ``csrf_token``) and in
  ``<meta name="csrf-token">``, from which their script sends it as ``X-CSRF-Token``.
* A POST (PUT, PATCH, DELETE) that authenticates with the cookie must carry it: the pages
  check the field or the header (:func:`check_page_post`), :class:`CsrfMiddleware` checks the
  header on every other route. It also refuses such a request when its ``Origin`` names another
  host or its ``Sec-Fetch-Site`` says it came from another site.
* ``Authorization: Bearer`` requests need no token: browsers never add that header by
  themselves. Neither do the log-in routes, which have no session yet (their origin is checked).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from services.intake.auth import SESSION_COOKIE, optional_user

__all__ = [
    "FIELD",
    "HEADER",
    "BadToken",
    "CrossSiteRequest",
    "CsrfMiddleware",
    "WrongOrigin",
    "check_origin",
    "check_page_post",
    "token_for",
    "token_of_request",
]

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_FOREIGN_SITES = frozenset({"cross-site", "same-site"})


class CrossSiteRequest(Exception):
    """A cookie-authenticated change that did not come from intake's pages."""


class WrongOrigin(CrossSiteRequest):
    """Its Origin or Sec-Fetch-Site names another site."""


class BadToken(CrossSiteRequest):
    """It carries no CSRF token, or the token of another session."""


def token_for(secret: bytes, session_id: str) -> str:
    """The CSRF token of a session."""
    digest = hmac.new(secret, b"xinbao-csrf:" + session_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_of_request(request: Request) -> str:
    """The token of the session the request was authenticated with ('' when none)."""
    auth = getattr(request.state, "auth", None)
    session_id = auth[1] if auth else None
    return token_for(_secret(request), session_id) if session_id else ""


async def check_page_post(request: Request) -> None:
    """CrossSiteRequest unless a page's form post came from intake's pages (see module)."""
    if await _session_id_to_protect(request) is None:
        return
    supplied = request.headers.get(HEADER)
    if supplied is None:
        supplied = str((await request.form()).get(FIELD) or "")
    _compare(request, supplied)


class CsrfMiddleware:
    """Checks cookie-authenticated changes on the routes outside ``pages`` (the header only)."""

    def __init__(self, app: ASGIApp, *, pages: str = "/web", exempt: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.pages = pages
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._applies(scope):
            request = Request(scope, receive)
            try:
                if await _session_id_to_protect(request) is not None:
                    _compare(request, request.headers.get(HEADER, ""))
            except CrossSiteRequest as refused:
                detail = (
                    "cross-site request refused" if isinstance(refused, WrongOrigin)
                    else f"send the {HEADER} header of your session with a request made with the "
                    "session cookie (or authenticate with 'Authorization: Bearer')"
                )
                await JSONResponse({"detail": detail}, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _applies(self, scope: Scope) -> bool:
        path: str = scope["path"]
        in_pages = path == self.pages or path.startswith(self.pages + "/")
        return scope["method"] not in SAFE_METHODS and not in_pages and path not in self.exempt


async def _session_id_to_protect(request: Request) -> str | None:
    """The session a cookie-authenticated change acts with; WrongOrigin from another site."""
    if request.method in SAFE_METHODS or _bearer(request) or SESSION_COOKIE not in request.cookies:
        return None
    check_origin(request)
    if await optional_user(request) is None:
        return None  # not logged in: the route itself refuses
    session_id: str = request.state.auth[1]
    return session_id


def _compare(request: Request, supplied: str) -> None:
    expected = token_of_request(request)
    if not supplied or not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise BadToken


def check_origin(request: Request) -> None:
    """WrongOrigin when the request says it comes from another site."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise WrongOrigin
    if request.headers.get("sec-fetch-site") in _FOREIGN_SITES:
        raise WrongOrigin


def _bearer(request: Request) -> bool:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(value.strip())


def _secret(request: Request) -> bytes:
    key: bytes = request.app.state.settings.secret_key.get_secret_value().encode()
    return key

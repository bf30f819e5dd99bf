"""Security headers on every answer of intake, and a Content-Security-Policy per kind of answer.

* the pages (``/web``): scripts, styles, images and fetches from intake itself only; no inline
  script or style, no plugins, no ``<base>``, forms post to intake only, never framed; not kept
  in shared caches (``Cache-Control: no-store``) unless the route says otherwise (static files);
* the API documentation (``/docs``, ``/redoc``, served offline by ``shared.runtime.docs``): its
  own files from intake only, never framed (``DOCS_POLICY``); the two pages send that policy
  themselves with the hash of their inline script added, and keep it;
* everything else (JSON, files): nothing may load at all.

Always ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``,
``X-Frame-Options: DENY``; ``Strict-Transport-Security`` when cookies are HTTPS-only.
A route that sets one of these headers itself keeps its own value.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.runtime.docs import DOCS_POLICY

__all__ = ["API_POLICY", "DOCS_POLICY", "PAGE_POLICY", "SecurityHeaders"]

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
HSTS = "max-age=31536000"
_DOCS = ("/docs", "/redoc")


class SecurityHeaders:
    """ASGI middleware adding the headers; ``hsts`` when the site is served over HTTPS only."""

    def __init__(self, app: ASGIApp, *, hsts: bool, page_prefix: str = "/web") -> None:
        self.app = app
        self.page_prefix = page_prefix
        self.common = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "X-Frame-Options": "DENY",
            **({"Strict-Transport-Security": HSTS} if hsts else {}),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = {**self.common, **self.for_path(scope["path"])}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def for_path(self, path: str) -> dict[str, str]:
        """The policy (and caching) that fits the answers under ``path``."""
        if path == self.page_prefix or path.startswith(self.page_prefix + "/"):
            return {"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-store",
                    "Cross-Origin-Opener-Policy": "same-origin"}
        if path.startswith(_DOCS):
            return {"Content-Security-Policy": DOCS_POLICY}
        return {"Content-Security-Policy": API_POLICY}

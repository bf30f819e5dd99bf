"""FastAPI's API documentation, Swagger UI at ``/docs`` and ReDoc at ``/redoc``, with no CDN (issue 18).

FastAPI's own pages load their scripts and stylesheet from a public CDN, so on a network without
internet they stay blank. Here the same pages (FastAPI's ``get_swagger_ui_html`` /
``get_redoc_html``) load them from ``/docs/static/``, which serves the files that the
``fastapi-offline`` package ships (its folder only; its FastAPI subclass is not used).

Each page carries its own Content-Security-Policy, :data:`DOCS_POLICY` plus the hash of the page's
one inline script: nothing may load from another host (ReDoc's side menu would otherwise fetch its
vendor's logo), nor run inline but that script.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, HTTPException
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse
from starlette.requests import Request

__all__ = [
    "ASSETS",
    "DOCS_POLICY",
    "DOCS_URL",
    "OAUTH2_REDIRECT_URL",
    "REDOC_URL",
    "STATIC_URL",
    "install_docs",
]

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
STATIC_URL = "/docs/static"
_FOLDER = Path(fastapi_offline.__file__).parent / "static"
ASSETS: dict[str, tuple[Path, str]] = {
    "swagger-ui-bundle.js": (_FOLDER / "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
    "swagger-ui.css": (_FOLDER / "swagger-ui.css", "text/css; charset=utf-8"),
    "redoc.standalone.js": (_FOLDER / "redoc.standalone.js", "text/javascript; charset=utf-8"),
    "favicon.png": (_FOLDER / "favicon.png", "image/png"),
}
"""The files under :data:`STATIC_URL`: name -> (file, media type)."""

DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; worker-src blob:; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
"""What the documentation may load: its own files and the service's OpenAPI document. Both UIs
set styles at run time (hence inline styles); ReDoc runs its search in a worker made from a blob."""

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def install_docs(app: FastAPI) -> None:
    """Serve Swagger UI, its OAuth2 redirect page, ReDoc and their files on ``app``, which must be
    built with ``docs_url=None, redoc_url=None`` (FastAPI's CDN-bound pages)."""
    openapi_url = app.openapi_url or "/openapi.json"
    # Swagger UI's default validator is a public service; the layout used never calls it, and
    # with it unset no page can
    parameters = {"validatorUrl": None, **(app.swagger_ui_parameters or {})}

    async def swagger_ui(request: Request) -> HTMLResponse:
        root = _root(request)
        return _with_policy(
            get_swagger_ui_html(
                openapi_url=root + openapi_url,
                title=f"{app.title} - Swagger UI",
                swagger_js_url=f"{root}{STATIC_URL}/swagger-ui-bundle.js",
                swagger_css_url=f"{root}{STATIC_URL}/swagger-ui.css",
                swagger_favicon_url=f"{root}{STATIC_URL}/favicon.png",
                oauth2_redirect_url=root + OAUTH2_REDIRECT_URL,
                init_oauth=app.swagger_ui_init_oauth,
                swagger_ui_parameters=parameters,
            )
        )

    async def oauth2_redirect(_: Request) -> HTMLResponse:
        return _with_policy(get_swagger_ui_oauth2_redirect_html())

    async def redoc(request: Request) -> HTMLResponse:
        root = _root(request)
        return _with_policy(
            get_redoc_html(
                openapi_url=root + openapi_url,
                title=f"{app.title} - ReDoc",
                redoc_js_url=f"{root}{STATIC_URL}/redoc.standalone.js",
                redoc_favicon_url=f"{root}{STATIC_URL}/favicon.png",
                with_google_fonts=False,
            )
        )

    async def asset(request: Request) -> FileResponse:
        found = ASSETS.get(request.path_params["name"])
        if found is None:
            raise HTTPException(404, "no such documentation file")
        path, media_type = found
        return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=86400"})

    app.add_route(DOCS_URL, swagger_ui, include_in_schema=False)
    app.add_route(OAUTH2_REDIRECT_URL, oauth2_redirect, include_in_schema=False)
    app.add_route(REDOC_URL, redoc, include_in_schema=False)
    app.add_route(STATIC_URL + "/{name}", asset, include_in_schema=False)


def _root(request: Request) -> str:
    """The prefix a proxy serves the app under (``--root-path``), as FastAPI's own pages use it."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def _with_policy(page: HTMLResponse) -> HTMLResponse:
    """``page`` with :data:`DOCS_POLICY`, allowing exactly the inline scripts the page holds."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(bytes(page.body).decode())
    ]
    policy = DOCS_POLICY.replace("script-src 'self'", " ".join(["script-src 'self'", *hashes]), 1)
    page.headers["Content-Security-Policy"] = policy
    return page

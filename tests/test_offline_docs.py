"""The API documentation of every service works with no internet (issue 18): /docs and /redoc
reference only the service's own files, which it serves, and forbid loading anything else."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator, Callable
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.incentives.app import create_app as create_incentives
from services.intake.app import create_app as create_intake
from services.notify.app import create_app as create_notify
from services.scoring.app import create_app as create_scoring
from shared.persistence import MemoryDatabase
from shared.runtime.docs import ASSETS, DOCS_POLICY

SERVICES: dict[str, Callable[..., FastAPI]] = {
    "intake": lambda: create_intake(memory=MemoryDatabase(), bcrypt_rounds=4),
    "scoring": lambda: create_scoring(memory=MemoryDatabase()),
    "incentives": lambda: create_incentives(memory=MemoryDatabase()),
    "notify": lambda: create_notify(memory=MemoryDatabase()),
}
MEDIA = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
AT_LEAST = {".js": 500_000, ".css": 100_000, ".png": 1_000}
"""Bytes a real bundle has at least (Swagger UI's and ReDoc's are over a megabyte each)."""


class References(HTMLParser):
    """Every URL a page loads: script and icon sources, stylesheets, ReDoc's spec-url."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "spec-url") and value:
                self.urls.append(value)


def references(page: str) -> list[str]:
    parser = References()
    parser.feed(page)
    return parser.urls


@pytest.fixture(params=sorted(SERVICES))
async def client(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=SERVICES[request.param]())
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        yield client


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_documentation_loads_only_files_the_service_serves(
    client: httpx.AsyncClient, page: str
) -> None:
    answer = await client.get(page)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert "http" not in answer.text, "no absolute URL, so no other host"
    urls = references(answer.text)
    assert urls, answer.text
    assert [u for u in urls if not u.startswith("/") or u.startswith("//")] == []
    assets = [u for u in urls if u.startswith("/docs/static/")]
    assert len(assets) == (3 if page == "/docs" else 2), urls  # bundle (+ stylesheet) + icon
    for url in urls:
        served = await client.get(url)
        assert served.status_code == 200, url
        if url in assets:
            suffix = url[url.rindex(".") :]
            assert served.headers["content-type"].split(";")[0] == MEDIA[suffix], url
            assert len(served.content) >= AT_LEAST[suffix], url
        else:
            assert served.headers["content-type"] == "application/json", url


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/docs/oauth2-redirect"])
async def test_a_documentation_page_may_run_only_its_own_files_and_inline_script(
    client: httpx.AsyncClient, page: str
) -> None:
    answer = await client.get(page)
    policy = dict(d.strip().split(" ", 1) for d in answer.headers["content-security-policy"].split(";"))
    inline = re.findall(r"<script>(.*?)</script>", answer.text, re.DOTALL)
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline]
    assert policy["script-src"].split() == ["'self'", *hashes]
    assert len(hashes) == (0 if page == "/redoc" else 1)
    assert policy["default-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert "http" not in answer.headers["content-security-policy"]


async def test_an_unknown_or_sneaked_file_name_is_not_found(client: httpx.AsyncClient) -> None:
    for name in ("swagger-ui.js", "..%2Fcore.py", "%2E%2E%2F__init__.py", "static"):
        assert (await client.get(f"/docs/static/{name}")).status_code == 404, name


async def test_the_pages_follow_the_prefix_a_proxy_serves_them_under() -> None:
    app = SERVICES["scoring"]()
    transport = httpx.ASGITransport(app=app, root_path="/scoring")
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        swagger, redoc = (await client.get("/scoring/docs")).text, (await client.get("/scoring/redoc")).text
    assert {u for u in references(swagger) + references(redoc) if not u.startswith("/scoring/")} == set()
    assert "url: '/scoring/openapi.json'" in swagger


async def test_intake_keeps_the_pages_own_policy_and_gives_their_files_the_documentation_policy() -> None:
    transport = httpx.ASGITransport(app=SERVICES["intake"]())
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
        page = await client.get("/docs")
        script = await client.get("/docs/static/swagger-ui-bundle.js")
    assert "'sha256-" in page.headers["content-security-policy"]
    assert script.headers["content-security-policy"] == DOCS_POLICY
    assert script.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"


def test_the_package_ships_every_file_the_pages_name() -> None:
    sizes: dict[str, Any] = {name: path.stat().st_size for name, (path, _) in ASSETS.items()}
    assert sorted(sizes) == ["favicon.png", "redoc.standalone.js", "swagger-ui-bundle.js", "swagger-ui.css"]
    assert all(size >= AT_LEAST[name[name.rindex(".") :]] for name, size in sizes.items()), sizes

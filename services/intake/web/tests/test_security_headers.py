"""Security headers and the Content-Security-Policy: the pages run only intake's own files."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from services.intake.app import create_app
from services.intake.security_headers import API_POLICY, PAGE_POLICY
from services.intake.web.tests.conftest import Pages
from shared.persistence import MemoryDatabase

TEMPLATES = Path(__file__).parent.parent / "templates"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def test_the_templates_hold_no_inline_script_or_style() -> None:
    found = [
        f"{template.name}: {match.group()}"
        for template in TEMPLATES.glob("*.html")
        for match in INLINE.finditer(template.read_text())
    ]
    assert found == []


async def test_a_page_forbids_foreign_and_inline_code_framing_and_caching(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        page = await officer.get("/web/items")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == PAGE_POLICY
    assert "script-src 'self';" in PAGE_POLICY and "frame-ancestors 'none'" in PAGE_POLICY
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in page.headers


async def test_the_log_in_form_and_static_files_have_them_too(pages: Pages) -> None:
    async with pages.browser() as browser:
        form = await browser.get("/web/login")
        script = await browser.get("/web/static/xinbao.js")
    assert form.headers["content-security-policy"] == PAGE_POLICY
    assert script.headers["x-content-type-options"] == "nosniff"
    assert script.headers["cache-control"].startswith("public"), "a route's own value stays"


async def test_api_answers_and_refusals_may_load_nothing(pages: Pages) -> None:
    async with pages.browser() as browser:
        refused = await browser.get("/submissions")
        live = await browser.get("/live")
    for answer in (refused, live):
        assert answer.headers["content-security-policy"] == API_POLICY
        assert answer.headers["x-frame-options"] == "DENY"


async def test_https_only_sites_ask_browsers_to_stay_on_https() -> None:
    app = create_app(memory=MemoryDatabase(), bcrypt_rounds=4, cookie_secure=True)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://intake") as client:
        page = await client.get("/web/login")
    assert page.headers["strict-transport-security"] == "max-age=31536000"

"""CSRF: what the session cookie changes, it changes only from intake's own pages."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from services.intake.web.csrf import FIELD, HEADER
from services.intake.web.tests.conftest import PASSWORD, Pages, csrf_token

TEMPLATES = Path(__file__).parent.parent / "templates"
DRAFT = {"title": "河山镇秋粮收购进度过半", "body": "截至11月20日，已收购秋粮1.2万吨。", "action": "draft"}


async def drafts_of(officer: httpx.AsyncClient) -> int:
    return len(re.findall(r'href="/web/items/[0-9a-f-]+"', (await officer.get("/web/items")).text))


def test_every_form_that_posts_carries_the_token() -> None:
    for template in TEMPLATES.glob("*.html"):
        for form in re.findall(r'<form method="post"[^>]*>.{0,20}', template.read_text()):
            if 'action="{{ prefix }}/login"' not in form:
                assert "{{ csrf_field() }}" in form, f"{template.name}: {form}"


async def test_a_form_post_without_the_token_is_refused_and_changes_nothing(pages: Pages) -> None:
    async with pages.as_("officer", csrf=False) as officer:
        refused = await officer.post("/web/items/new", data=DRAFT)
        assert refused.status_code == 403 and "页面已过期" in refused.text
        assert await drafts_of(officer) == 0


async def test_the_hidden_field_of_the_form_is_what_a_browser_without_scripts_sends(pages: Pages) -> None:
    async with pages.as_("officer", csrf=False) as officer:
        form = (await officer.get("/web/items/new")).text
        field = re.search(rf'name="{FIELD}" value="([^"]+)"', form)
        assert field
        done = await officer.post("/web/items/new", data={**DRAFT, FIELD: field.group(1)})
        assert done.status_code == 303 and await drafts_of(officer) == 1


async def test_a_token_of_another_session_is_refused(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("officer", csrf=False) as other:
        other.headers[HEADER] = officer.headers[HEADER]
        assert (await other.post("/web/items/new", data=DRAFT)).status_code == 403
        assert await drafts_of(other) == 0


async def test_a_new_session_has_a_new_token(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        old = officer.headers[HEADER]
        await officer.post("/web/logout")
        await officer.post("/web/login", data={"username": "officer", "password": PASSWORD})
        assert await csrf_token(officer) != old
        assert (await officer.post("/web/items/new", data=DRAFT)).status_code == 403


async def test_a_post_from_a_sibling_site_is_refused_even_with_the_token(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        response = await officer.post(
            "/web/items/new", data=DRAFT, headers={"Sec-Fetch-Site": "same-site"}
        )
        assert response.status_code == 403 and "请求来源不正确" in response.text


async def test_a_log_in_form_posted_from_another_site_is_refused(pages: Pages) -> None:
    async with pages.browser() as browser:
        response = await browser.post(
            "/web/login", data={"username": "officer", "password": PASSWORD},
            headers={"Origin": "https://evil.example"},
        )
        assert response.status_code == 403 and "xinbao_session" not in response.cookies


async def test_api_changes_with_the_cookie_need_the_header_bearer_ones_do_not(pages: Pages) -> None:
    item = {"title": DRAFT["title"], "body": DRAFT["body"]}
    async with pages.as_("officer", csrf=False) as officer:
        refused = await officer.post("/submissions", json=item)
        assert refused.status_code == 403 and HEADER in refused.json()["detail"]
        token = await csrf_token(officer)
        assert (await officer.post("/submissions", json=item, headers={HEADER: token})).status_code == 201
        cross = await officer.post(
            "/submissions", json=item, headers={HEADER: token, "Origin": "https://evil.example"}
        )
        assert cross.status_code == 403
        assert (await officer.get("/auth/me")).status_code == 200, "reading needs no token"
    async with pages.browser() as api_client:
        login = await api_client.post("/auth/login", json={"person_id": "officer", "password": PASSWORD})
        api_client.cookies.clear()
        bearer = {"Authorization": f"Bearer {login.json()['token']}"}
        assert (await api_client.post("/submissions", json=item, headers=bearer)).status_code == 201


async def test_a_stale_cookie_is_answered_as_not_logged_in(pages: Pages) -> None:
    async with pages.browser() as browser:
        browser.cookies.set("xinbao_session", "not-a-session")
        assert (await browser.post("/submissions", json={})).status_code == 401
        page = await browser.post("/web/items/new", data=DRAFT)
        assert page.status_code == 303 and page.headers["location"].startswith("/web/login")

"""The pages as a browser without scripts uses them: forms post, pages answer."""

from __future__ import annotations

import re

import httpx
import pytest

from services.intake.tests.docs import repacked, word_file
from services.intake.web.tests.conftest import Pages
from shared.auth import InvalidToken, StaticKeys, TokenVerifier

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TITLE = "河山镇秋粮收购进度过半"
BODY = "截至11月20日，河山镇已收购秋粮1.2万吨，占计划的56%。\n\n一是设立收购点8个。"


async def new_draft(officer: httpx.AsyncClient, **changes: str) -> str:
    form = {"title": TITLE, "body": BODY, "category": "动态", "action": "draft", **changes}
    response = await officer.post("/web/items/new", data=form)
    assert response.status_code == 303, response.text
    return response.headers["location"]


async def test_a_page_sends_a_stranger_to_the_login_form_and_back(pages: Pages) -> None:
    async with pages.browser() as browser:
        response = await browser.get("/web/items?state=draft")
        assert response.status_code == 303
        assert response.headers["location"] == "/web/login?next=/web/items%3Fstate%3Ddraft"
        form = await browser.get(response.headers["location"])
        assert 'name="next" value="/web/items?state=draft"' in form.text


async def test_a_wrong_password_shows_the_form_again_with_a_reason(pages: Pages) -> None:
    async with pages.browser() as browser:
        response = await browser.post("/web/login", data={"username": "officer", "password": "nope"})
        assert response.status_code == 401
        assert "账号或密码不正确" in response.text
        assert "xinbao_session" not in response.cookies


async def test_the_quality_check_works_without_scripts(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        response = await officer.post(
            "/web/items/new", data={"title": TITLE, "body": BODY, "category": "经验", "action": "check"}
        )
        assert response.status_code == 200
        assert "补充具体数字。" in response.text and "第1段" in response.text
        assert TITLE in response.text, "the typed text stays in the form"
        assert pages.preview.asked == [(TITLE, BODY, "经验")]


async def test_the_preview_asks_scoring_as_the_author_with_a_token_for_scoring_only(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        await officer.post(
            "/web/items/new", data={"title": TITLE, "body": BODY, "category": "经验", "action": "check"}
        )
    (bearer,) = pages.preview.bearers
    assert bearer is not None
    keys = StaticKeys(pages.app.state.authenticator.access.keys.jwks())
    caller = await TokenVerifier(keys, "scoring", pages.app.state.clock).verify(bearer)
    assert (caller.subject, caller.roles) == ("officer", ("officer",))
    with pytest.raises(InvalidToken, match="not meant for xinbao-incentives"):
        await TokenVerifier(keys, "incentives", pages.app.state.clock).verify(bearer)


async def test_an_unanswered_preview_says_so_and_the_item_can_still_go(pages: Pages) -> None:
    pages.preview.card = None
    async with pages.as_("officer") as officer:
        fragment = await officer.post("/web/drafts/preview", data={"title": TITLE, "body": BODY})
        assert "质量评估暂不可用" in fragment.text
        assert (await new_draft(officer)).startswith("/web/items/")


async def test_an_officer_drafts_and_the_unit_head_signs_off(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("head") as head:
        item_url = await new_draft(officer)
        listing = await officer.get("/web/items")
        assert TITLE in listing.text and 'class="badge state-awaiting_sign_off">待审签' in listing.text
        signed = await head.post(f"{item_url}/sign-off", data={"next": item_url})
        assert signed.status_code == 303
        page = await head.get(item_url)
        assert "已审签报送。" in page.text
        assert re.search(r'class="badge state-submitted">已报送', page.text)


async def test_a_returned_item_shows_its_reasons_to_the_author(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("head") as head, pages.as_("editor") as editor:
        item_url = await new_draft(officer)
        await head.post(f"{item_url}/sign-off", data={"next": item_url})
        inbox = await editor.get("/web/inbox")
        assert TITLE in inbox.text
        returned = await editor.post(
            f"{item_url}/screen",
            data={
                "outcome": "returned",
                "reasons": ["缺少具体数据和事例", "请补充整改情况"],
                "next": "/web/inbox",
            },
        )
        assert returned.headers["location"] == "/web/inbox"
        page = await officer.get(item_url)
        assert "退回理由" in page.text and "请补充整改情况" in page.text
        assert "修改后重新报送" in page.text


async def test_a_refused_action_goes_back_with_the_reason(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("editor") as editor:
        item_url = await new_draft(officer)
        response = await editor.post(
            f"{item_url}/adopt", data={"publication": "county-xinxi", "next": "/web/inbox"}
        )
        assert response.status_code == 303 and response.headers["location"] == "/web/inbox"
        shown = await editor.get("/web/inbox")
        assert 'class="flash flash-error"' in shown.text


async def test_an_officer_may_not_open_the_editors_inbox(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        response = await officer.get("/web/inbox")
        assert response.status_code == 403
        assert "<html" in response.text and "没有权限" in response.text


async def test_a_post_from_another_site_is_refused(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        response = await officer.post(
            "/web/items/new",
            data={"title": TITLE, "body": BODY, "action": "draft"},
            headers={"Origin": "https://evil.example"},
        )
        assert response.status_code == 403
        assert "没有符合条件的信息" in (await officer.get("/web/items")).text


async def test_english_is_chosen_once_and_remembered(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        first = await officer.get("/web/items?lang=en")
        assert '<html lang="en">' in first.text and "Our unit&#39;s items" in first.text
        again = await officer.get("/web/items")
        assert "Write an item" in again.text


async def test_redirects_stay_inside_the_pages(pages: Pages) -> None:
    async with pages.browser() as browser:
        response = await browser.post(
            "/web/login",
            data={"username": "officer", "password": "web-pass-123", "next": "https://evil.example/"},
        )
        assert response.headers["location"] == "/web/"


async def test_a_word_file_becomes_a_draft_with_its_pictures(pages: Pages) -> None:
    word = word_file(
        "河山镇秋粮收购进度过半", ["截至11月20日，已收购秋粮1.2万吨。", "一是设立收购点8个。"], image_after=0
    )
    async with pages.as_("officer") as officer:
        response = await officer.post(
            "/web/items/import", data={"category": "动态"}, files={"file": ("秋粮.docx", word, DOCX)}
        )
        assert response.status_code == 303, response.text
        page = await officer.get(response.headers["location"])
        assert "已从Word导入为草稿（图片 1 张）" in page.text
        assert "<p>截至11月20日，已收购秋粮1.2万吨。</p>" in page.text
        picture = re.search(r'<img src="(/submissions/[^"]+/attachments/[^"]+)"', page.text)
        assert picture and (await officer.get(picture.group(1))).content.startswith(b"\x89PNG")
        assert "补充具体数字。" in page.text, "a draft shows the quality feedback before it goes"


async def test_a_file_that_is_not_word_is_refused_with_a_reason(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        response = await officer.post(
            "/web/items/import", data={"category": "动态"}, files={"file": ("a.docx", b"not a zip", DOCX)}
        )
        assert response.status_code == 422
        assert "flash-error" in response.text


async def test_a_word_file_that_unpacks_too_far_is_refused_with_413(pages: Pages) -> None:
    bomb = repacked(word_file(TITLE, [BODY]), {"word/padding.xml": b"\0" * 5_000_000})
    async with pages.as_("officer") as officer:
        response = await officer.post(
            "/web/items/import", data={"category": "动态"}, files={"file": ("a.docx", bomb, DOCX)}
        )
        assert response.status_code == 413 and "flash-error" in response.text
        assert "没有符合条件的信息" in (await officer.get("/web/items")).text

"""A refused page or form says why in Chinese on a Chinese page (issue 18), in English on an
English one."""

from __future__ import annotations

import re

from services.intake.domain.submission import MAX_TITLE
from services.intake.web.tests.conftest import Pages


def said(html: str) -> str:
    """The page's main text, tags dropped."""
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    assert main, html
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.group(1)))


async def test_an_officer_at_the_inbox_is_told_in_chinese_who_may_use_it(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        response = await officer.get("/web/inbox")
        assert response.status_code == 403
        text = said(response.text)
        assert "没有权限：此页面只有信息编辑、签发人可以使用。" in text
        assert "editor" not in text and "李明" not in text
        english = await officer.get("/web/inbox?lang=en")
        assert "only Editor, Office head of an office may use this page" in said(english.text)


async def test_a_too_long_title_is_refused_with_its_limit_and_kept_in_the_form(pages: Pages) -> None:
    title = "标" * (MAX_TITLE + 3)
    form = {"title": title, "body": "截至11月20日，已收购1.2万吨。", "category": "动态", "action": "draft"}
    async with pages.as_("officer") as officer:
        response = await officer.post("/web/items/new", data=form)
        assert response.status_code != 303
        assert f"标题：不能超过 {MAX_TITLE} 字（现为 {MAX_TITLE + 3} 字）" in response.text
        assert "at most" not in response.text and title in response.text

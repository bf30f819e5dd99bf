"""The pages' parts: strings, diffs, the draft preview transports."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import httpx
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, TestKafkaBroker

from services.intake.web.diff import changes, compare, paragraphs
from services.intake.web.i18n import STRINGS, Translator, pick_language
from services.intake.web.preview import (
    FirstAnswer,
    HttpPreviewer,
    KafkaPreviewer,
)
from shared.contracts import DraftPreviewRequested
from shared.contracts.topics import PREVIEW_REQUESTS

WEB = Path(__file__).parent.parent


def test_every_string_the_pages_use_exists_in_both_languages() -> None:
    used = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*['"]([a-z_]+\.[a-z_.]+)['"]""", path.read_text()))
        used |= set(
            re.findall(
                r"""['"]((?:nav|new|detail|action|quality|login|inbox|briefing|quota|common|leader|items)\.[a-z_.]+)['"]""",
                path.read_text(),
            )
        )
    missing = sorted(k for k in used if k not in STRINGS and not k.endswith((".html", ".py", ".")))
    assert not missing, missing
    assert all(zh and en for zh, en in STRINGS.values())


def test_the_language_is_asked_for_then_remembered_then_chinese() -> None:
    assert pick_language("en", "zh") == "en"
    assert pick_language(None, "en") == "en"
    assert pick_language("fr", None) == "zh"


def test_stored_values_and_suggestion_places_read_as_words() -> None:
    zh, en = Translator("zh"), Translator("en")
    assert zh.value("state", "filed_for_reference") == "备查"
    assert en.location("paragraph 3") == "paragraph 3" and zh.location("paragraph 3") == "第3段"
    assert zh.audit_action("screen:returned") == "初审：已退回"
    assert zh.value("category", "自拟") == "自拟"


def test_an_edited_figure_shows_as_removed_and_added_inside_the_sentence() -> None:
    segments = compare("已收购秋粮1.2万吨，占计划的56%。", "已收购秋粮1.25万吨，占计划的58%。")
    assert [(s.op, s.text) for s in segments] == [
        ("same", "已收购秋粮"),
        ("removed", "1.2"),
        ("added", "1.25"),
        ("same", "万吨，占计划的"),
        ("removed", "56%"),
        ("added", "58%"),
        ("same", "。"),
    ]


def test_a_new_paragraph_starts_a_new_block_and_a_removed_break_shows_as_a_mark() -> None:
    added = paragraphs(compare("第一段。", "第一段。\n\n第二段。"))
    assert [[s.text for s in p] for p in added] == [["第一段。"], ["第二段。"]]
    removed = paragraphs(compare("第一段。\n\n第二段。", "第一段。第二段。"))
    assert len(removed) == 1 and any(s.op == "removed" and "¶" in s.text for s in removed[0])


def test_changes_are_listed_newest_first_with_who_made_them() -> None:
    revisions = [
        {
            "revision": 0,
            "title": "甲",
            "body": "一稿。",
            "replaced_by": "author",
            "by_editor": False,
            "at": None,
        },
        {
            "revision": 1,
            "title": "甲",
            "body": "二稿。",
            "replaced_by": "editor",
            "by_editor": True,
            "at": None,
        },
    ]
    found = changes(revisions, "甲", "三稿。")
    assert [(c.revision, c.by, c.by_editor, c.title_changed) for c in found] == [
        (2, "editor", True, False),
        (1, "author", False, False),
    ]


async def test_a_preview_travels_over_kafka_and_comes_back_by_correlation_id() -> None:
    broker = KafkaBroker()
    previewer = KafkaPreviewer(broker, timeout=2.0)

    @broker.subscriber(PREVIEW_REQUESTS, group_id="scoring-preview", ack_policy=AckPolicy.ACK_FIRST)
    async def scoring(draft: DraftPreviewRequested) -> dict[str, Any]:
        return {"overall": 80.0, "title": draft.title, "category": draft.category}

    async with TestKafkaBroker(broker):
        answer = await previewer.preview("标题", "正文。", "动态")
    assert answer == {"overall": 80.0, "title": "标题", "category": "动态"}


async def test_an_unanswered_kafka_preview_gives_up_after_its_timeout() -> None:
    broker = KafkaBroker()
    previewer = KafkaPreviewer(broker, timeout=0.2)
    async with TestKafkaBroker(broker):
        started = asyncio.get_running_loop().time()
        assert await previewer.preview("标题", "正文。", None) is None
    assert asyncio.get_running_loop().time() - started < 1.0


async def test_the_http_fallback_posts_the_draft_to_scoring() -> None:
    seen: list[httpx.Request] = []

    def scoring(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"overall": 70.0})

    previewer = HttpPreviewer("http://scoring:8002/", 1.0, transport=httpx.MockTransport(scoring))
    assert await previewer.preview("标题", "正文。", "动态") == {"overall": 70.0}
    assert str(seen[0].url) == "http://scoring:8002/preview"
    assert "authorization" not in seen[0].headers
    assert await previewer.preview("标题", "正文。", "动态", bearer="a.b.c") == {"overall": 70.0}
    assert seen[1].headers["authorization"] == "Bearer a.b.c"


async def test_the_first_transport_that_answers_wins() -> None:
    def down(_: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    def up(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"overall": 1.0})

    chain = FirstAnswer(
        [
            HttpPreviewer("http://a", 1.0, transport=httpx.MockTransport(down)),
            HttpPreviewer("http://b", 1.0, transport=httpx.MockTransport(up)),
        ]
    )
    assert await chain.preview("t", "b", None) == {"overall": 1.0}


def test_a_sentence_location_is_said_in_the_page_language() -> None:
    from services.intake.web.i18n import Translator

    assert Translator("zh").location("sentence 2 of paragraph 3") == "第3段第2句"
    assert Translator("en").location("sentence 2 of paragraph 3") == "sentence 2 of paragraph 3"
    assert Translator("zh").location("body") == "正文"

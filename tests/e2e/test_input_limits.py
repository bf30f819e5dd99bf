"""Issue 18 on the real stack: a text over intake's limit is refused with the limit named and
nothing stored; a text exactly at the limit is kept whole through Kafka, scoring and back."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from deploy.localstack import Stack
from tests.e2e.harness import PASSWORD, Api, eventually, url

pytestmark = pytest.mark.e2e

LIMIT = 20_000
PARAGRAPH = (
    "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。一是设立收购点8个，覆盖全镇23个行政村；"
    "二是引入烘干设备3台，日烘干能力达到300吨，因此收购进度比去年同期提前10天。"
)


def body_of(length: int) -> str:
    """A Chinese text of exactly ``length`` characters, paragraphs split by blank lines."""
    parts, size = [], 0
    while size < length:
        piece = PARAGRAPH if not parts else "\n\n" + PARAGRAPH
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)[:length]
    return text.rstrip() + "。" * (length - len(text.rstrip()))


async def mine(intake: Api, title: str) -> list[dict[str, Any]]:
    listing = await intake.call("GET", "/submissions", params={"view": "unit", "limit": 200})
    return [i for i in listing["items"] if i["title"] == title]


async def test_a_text_over_the_limit_is_refused_by_the_api_naming_the_field_and_limit(intake: Api) -> None:
    title = f"超长正文 {uuid.uuid4().hex[:6]}"
    response = await intake.client.post("/submissions", json={"title": title, "body": body_of(LIMIT + 1)})
    assert response.status_code == 422, response.text
    problem = response.json()["detail"][0]
    assert problem["loc"][-1] == "body" and problem["ctx"]["max_length"] == LIMIT
    long_title = await intake.client.post("/submissions", json={"title": "题" * 121, "body": PARAGRAPH})
    assert long_title.status_code == 422
    assert long_title.json()["detail"][0]["ctx"]["max_length"] == 120
    assert await mine(intake, title) == []


async def test_a_text_at_the_limit_is_kept_whole_and_scored(intake: Api) -> None:
    body = body_of(LIMIT)
    assert len(body) == LIMIT
    title = f"满额正文 {uuid.uuid4().hex[:6]}"
    created = await intake.call("POST", "/submissions", 201, json={"title": title, "body": body})
    sid = created["submission_id"]

    async def scored() -> dict[str, Any] | None:
        item = await intake.call("GET", f"/submissions/{sid}")
        return item if item["downstream"]["score"] else None

    item = await eventually(scored, what="the score of a 20,000-character item")
    assert item["body"] == body and len(item["body"]) == LIMIT


async def test_the_form_refuses_a_long_text_and_keeps_every_character(stack: Stack, intake: Api) -> None:
    base = url(stack, "intake")
    title = f"网页超长 {uuid.uuid4().hex[:6]}"
    body = body_of(LIMIT + 5_000)
    async with httpx.AsyncClient(base_url=base, timeout=15.0) as browser:
        logged = await browser.post(
            "/web/login", data={"username": "e2e-officer", "password": PASSWORD, "next": "/web/"},
            headers={"Origin": base},
        )
        assert logged.status_code == 303, logged.text
        start = await browser.get("/web/", follow_redirects=True)
        token = re.search(r'<meta name="csrf-token" content="([^"]+)">', start.text)
        assert token, start.text
        page = await browser.post(
            "/web/items/new", data={"title": title, "body": body, "action": "draft"},
            headers={"Origin": base, "X-CSRF-Token": token.group(1)},
        )
    assert page.status_code == 422
    assert "不能超过 20,000 字" in page.text and "25,000" in page.text
    kept = re.search(r'<textarea id="body"[^>]*>(.*?)</textarea>', page.text, re.S)
    assert kept and kept.group(1).strip() == body
    assert await mine(intake, title) == []

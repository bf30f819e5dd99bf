"""The draft preview asks scoring about the text intake will submit (issue 18): the title and
paragraphs as the draft stores them and the language intake gives the item, over HTTP and
over Kafka alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, TestKafkaBroker

from services.intake.domain import Person, Unit
from services.intake.domain.submission import Draft, start
from services.intake.web.preview import HttpPreviewer, KafkaPreviewer
from shared.contracts import DraftPreviewRequested, OrgLevel, UnitKind
from shared.contracts.topics import PREVIEW_REQUESTS

TITLE = "  东溪县上线 Road Chief 小程序  "
BODY = (
    "东溪县交通运输局上线“东溪路长”小程序。\r\n\r\n\r\n"
    "   Residents report potholes, blocked drains and fallen rocks with a photo; "
    "the road chief on duty answers within 36 hours.   \n"
    "小程序上线8个月，共受理群众反映2140件。"
)
"""Pasted text: stray spaces, Windows line breaks, and as much English as Chinese."""


def _as_stored() -> tuple[str, str, str]:
    """Title, body and language of the draft intake keeps for this text."""
    unit = Unit("dx-jt", "东溪县交通运输局", OrgLevel.COUNTY, UnitKind.DEPARTMENT, parent_id="dx")
    author = Person("p1", "李明", unit.unit_id)
    now = datetime(2026, 12, 20, 2, 0, tzinfo=UTC)
    item = start("s1", unit, author, Draft(TITLE, BODY, "动态"), now, "Asia/Shanghai")
    return item.title, item.body, item.language


async def test_the_http_preview_posts_the_text_and_language_intake_submits() -> None:
    posted: list[dict[str, Any]] = []

    def scoring(request: httpx.Request) -> httpx.Response:
        posted.append(json.loads(request.content))
        return httpx.Response(200, json={"overall": 70.0})

    previewer = HttpPreviewer("http://scoring:8002", 1.0, transport=httpx.MockTransport(scoring))
    assert await previewer.preview(TITLE, BODY, "动态") == {"overall": 70.0}
    (draft,) = posted
    assert (draft["title"], draft["body"], draft["language"]) == _as_stored()
    assert draft["category"] == "动态"


async def test_the_kafka_preview_requests_the_text_and_language_intake_submits() -> None:
    broker = KafkaBroker()
    previewer = KafkaPreviewer(broker, timeout=2.0)

    @broker.subscriber(PREVIEW_REQUESTS, group_id="scoring-preview", ack_policy=AckPolicy.ACK_FIRST)
    async def scoring(draft: DraftPreviewRequested) -> dict[str, Any]:
        return {"title": draft.title, "body": draft.body, "language": draft.language}

    async with TestKafkaBroker(broker):
        answer = await previewer.preview(TITLE, BODY, "动态")
    assert answer is not None
    assert (answer["title"], answer["body"], answer["language"]) == _as_stored()

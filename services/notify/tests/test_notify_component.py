"""The notify service in one process: facts in, inbox messages and events out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.notify.tests.harness import Acting, Clock, build, client_of
from shared.contracts import (
    CriterionResult,
    Event,
    PointsAwarded,
    ScoreSuggestion,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
    topic_for,
    utcnow,
)
from shared.persistence import MemoryDatabase


def received(language: str = "zh") -> SubmissionReceived:
    return SubmissionReceived.originated(
        producer="intake",
        submission_id="s1",
        unit_id="hs",
        unit_name="河山镇",
        unit_level="township",
        office_id="dx",
        author_id="officer",
        author_name="李明",
        title="秋粮收购" if language == "zh" else "Harvest purchase",
        body="b",
        language=language,
        category="动态",
        period="2026-11",
        submitted_at=utcnow(),
    )


def scored(language: str = "zh") -> SubmissionScored:
    tip = ScoreSuggestion(text="补充具体数据", location="第2段")
    return SubmissionScored.originated(
        producer="scoring",
        submission_id="s1",
        unit_id="hs",
        author_id="officer",
        title="秋粮收购",
        period="2026-11",
        revision=0,
        overall=71.4,
        band="good",
        language=language,
        rubric_version="v1",
        criteria=[
            CriterionResult(
                criterion="substance", score=40, weight=0.3, explanation="数据不足", suggestions=[tip]
            )
        ],
    )


@pytest.fixture
async def notify(clock: Clock) -> AsyncIterator[tuple[Any, MemoryDatabase, httpx.AsyncClient]]:
    """The app and a client acting as the officer (the author of every item here)."""
    memory = MemoryDatabase()
    app, tokens = build(clock, memory)
    officer = Acting(tokens, "officer", "hs", ("officer",))
    async with TestKafkaBroker(app.state.runtime.broker), client_of(app, officer) as client:
        yield app, memory, client


async def send(app: Any, event: Event) -> None:
    await app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topic_for(event))


async def inbox(client: httpx.AsyncClient, person: str = "officer") -> list[dict[str, Any]]:
    response = await client.get("/notifications", params={"recipient_id": person})
    return response.json()["items"]


async def test_author_hears_the_score_with_the_suggestions(notify: Any) -> None:
    app, memory, client = notify
    await send(app, scored())
    [message] = await inbox(client)
    assert "71" in message["subject"] and "补充具体数据" in message["body"]
    assert [r.event_type for r in memory.outbox] == ["NotificationDelivered"]


async def test_points_message_names_the_item_and_the_reason(notify: Any) -> None:
    app, _, client = notify
    await send(app, received())
    cause = scored()
    await send(
        app,
        PointsAwarded.caused_by(
            cause,
            producer="incentives",
            entry_id="e1",
            unit_id="hs",
            person_id="officer",
            submission_id="s1",
            period="2026-11",
            points=Decimal("3"),
            rule="quality.good",
            policy_version="v",
            cause_event_id=cause.event_id,
            reason="质量评分良好",
        ),
    )
    [message] = await inbox(client)
    assert "+3" in message["subject"] and "秋粮收购" in message["subject"]
    assert "质量评分良好" in message["body"]


async def test_points_before_their_item_still_name_it(notify: Any) -> None:
    """The ledger and the item come on different topics: PointsAwarded may be first, and the
    author's message must still point at the item (intake attaches it to the item's view)."""
    app, _, client = notify
    cause = scored()
    await send(
        app,
        PointsAwarded.caused_by(
            cause, producer="incentives", entry_id="e1", unit_id="hs", person_id="officer",
            submission_id="s1", period="2026-11", points=Decimal("2"), rule="submission.received",
            policy_version="v", cause_event_id=cause.event_id, reason="报送信息",
        ),
    )
    [message] = await inbox(client)
    assert message["submission_id"] == "s1" and "+2" in message["subject"]


async def test_a_returned_item_tells_the_author_why(notify: Any) -> None:
    app, _, client = notify
    await send(app, received())
    await send(
        app,
        SubmissionScreened.originated(
            producer="intake",
            submission_id="s1",
            unit_id="hs",
            office_id="dx",
            editor_id="e",
            outcome="returned",
            reasons=["缺少具体数据"],
        ),
    )
    [message] = await inbox(client)
    assert message["kind"] == "returned" and "缺少具体数据" in message["body"]


async def test_english_items_get_english_messages(notify: Any) -> None:
    app, _, client = notify
    await send(app, scored(language="en"))
    [message] = await inbox(client)
    assert message["subject"].startswith('"') and "scored" in message["subject"]


async def test_a_duplicated_event_sends_nothing_twice(notify: Any) -> None:
    app, memory, client = notify
    event = scored()
    await send(app, event)
    await send(app, event)
    assert len(await inbox(client)) == 1 and len(memory.outbox) == 1


async def test_messages_can_be_marked_read(notify: Any) -> None:
    app, _, client = notify
    await send(app, scored())
    [message] = await inbox(client)
    response = await client.post(f"/notifications/{message['notification_id']}/read")
    assert response.status_code == 200
    unread = await client.get("/notifications", params={"recipient_id": "officer", "unread": True})
    assert unread.json()["total"] == 0

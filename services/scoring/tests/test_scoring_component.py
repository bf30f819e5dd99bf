"""The scoring service end to end in one process: event in, SubmissionScored out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from faststream.kafka import TestKafkaBroker

from services.scoring.tests.conftest import COUNTY_EDITOR, GOOD_BODY, OFFICER, Scoring, received
from shared.clock import SettableClock
from shared.contracts import SubmissionRevised, topics
from shared.persistence import MemoryDatabase


@pytest.fixture
def scoring(service: Scoring) -> tuple[Any, MemoryDatabase]:
    return service.app, service.memory


async def publish(app: Any, event: Any) -> None:
    await app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topics.SUBMISSIONS)


def scored_events(memory: MemoryDatabase) -> list[dict[str, Any]]:
    return [r.payload for r in memory.outbox if r.event_type == "SubmissionScored"]


async def test_received_item_is_scored_with_an_explanation_per_criterion(scoring: Any) -> None:
    app, memory = scoring
    event = received()
    await publish(app, event)
    [scored] = scored_events(memory)
    assert scored["submission_id"] == "s1" and scored["causation_id"] == event.event_id
    assert scored["correlation_id"] == event.correlation_id
    criteria = {c["criterion"] for c in scored["criteria"]}
    assert {"topic", "substance", "structure", "logic", "theme"} <= criteria
    assert all(c["explanation"] for c in scored["criteria"])
    assert scored["rubric_version"]


async def test_a_score_is_dated_by_the_service_clock(scoring: Any, clock: SettableClock) -> None:
    app, memory = scoring
    clock.set(datetime(2026, 12, 31, 16, 30, tzinfo=UTC))
    await publish(app, received())
    [scored] = scored_events(memory)
    assert scored["occurred_at"].startswith("2026-12-31T16:30:00")


async def test_the_same_event_twice_scores_once(scoring: Any) -> None:
    app, memory = scoring
    event = received()
    await publish(app, event)
    await publish(app, event)
    assert len(scored_events(memory)) == 1


async def test_a_revision_is_rescored(scoring: Any) -> None:
    app, memory = scoring
    await publish(app, received())
    revision = SubmissionRevised.originated(
        producer="intake", submission_id="s1", unit_id="hs", revision=1,
        title="河山镇秋粮收购进度过半", body="高度重视，认真贯彻落实，取得明显成效。",
        revised_by="editor", by_editor=True,
    )
    await publish(app, revision)
    first, second = scored_events(memory)
    assert second["revision"] == 1 and second["overall"] < first["overall"]


async def test_a_copy_from_another_unit_is_flagged_as_near_duplicate(scoring: Any) -> None:
    app, memory = scoring
    await publish(app, received("s1"))
    await publish(app, received("s2", body=GOOD_BODY.replace("3台", "4台")))
    _, second = scored_events(memory)
    duplicate = {c["criterion"]: c for c in second["criteria"]}["duplicate"]
    assert duplicate["score"] < 50 and any("s1" in e for e in duplicate["evidence"])


async def test_revision_of_an_unknown_item_goes_to_the_dlq(scoring: Any) -> None:
    app, memory = scoring
    parked: list[Any] = []
    broker = app.state.runtime.broker

    @broker.subscriber(topics.dead_letter_topic(topics.SUBMISSIONS), group_id="probe")
    async def park(body: Any) -> None:
        parked.append(body)

    async with TestKafkaBroker(broker):
        orphan = SubmissionRevised.originated(
            producer="intake", submission_id="ghost", unit_id="hs", revision=1, title="t",
            body="b", revised_by="x", by_editor=False,
        )
        await publish(app, orphan)
    assert len(parked) == 1 and scored_events(memory) == []


async def test_preview_scores_a_draft_without_storing_it(service: Scoring) -> None:
    draft = {"title": "河山镇秋粮收购进度过半", "body": GOOD_BODY}
    response = await service.call(OFFICER, "POST", "/preview", json=draft)
    assert response.status_code == 200
    assert 0 <= response.json()["overall"] <= 100
    missing = await service.call(OFFICER, "GET", "/scores/nothing")
    assert missing.status_code == 404
    assert service.memory.outbox == []


async def test_agreement_reports_whether_scores_predicted_the_editors(service: Scoring) -> None:
    from shared.contracts import SubmissionAdopted, SubmissionScreened

    app = service.app
    await publish(app, received("good"))
    await publish(app, received("poor", body="高度重视，认真贯彻落实，切实加强领导，取得明显成效。"))
    await publish(app, SubmissionAdopted.originated(
        producer="intake", submission_id="good", unit_id="hs", adoption_id="a1", office_id="dx",
        office_level="county", publication="dongtai", form="full_text",
    ))
    returned = SubmissionScreened.originated(
        producer="intake", submission_id="poor", unit_id="hs", office_id="dx", editor_id="e",
        outcome="returned", reasons=["缺少具体内容"],
    )
    await publish(app, returned)
    await publish(app, returned)
    report = (await service.call(COUNTY_EDITOR, "GET", "/agreement", params={"period": "2026-11"})).json()
    assert report["adopted"] == 1 and report["returned"] == 1
    assert report["mean_adopted"] > report["mean_returned"] and report["auc"] == 1.0

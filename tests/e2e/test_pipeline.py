"""A submission flows through genuine Kafka and SecantusDB to a score, ledger entries and
notifications; redelivery changes nothing; malformed events are dead-lettered."""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from deploy.localstack import Stack
from shared.clock import month_of
from shared.contracts import SubmissionReceived, topics, utcnow
from tests.e2e.harness import Api, eventually, read_topic, wait_until_consumed

pytestmark = pytest.mark.e2e

ITEM = {
    "title": "河山镇秋粮收购进度过半",
    "body": (
        "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。\n\n"
        "一是设立收购点8个，覆盖全镇23个行政村。二是引入烘干设备3台，日烘干能力达到300吨。\n\n"
        "通过以上措施，河山镇秋粮收购进度比去年同期提前10天。"
    ),
}


async def fully_processed(intake: Api, sid: str) -> dict[str, Any] | None:
    item = await intake.call("GET", f"/submissions/{sid}")
    down = item["downstream"]
    kinds = {n["kind"] for n in down["notifications"]}
    earned = any(float(entry["points"]) != 0 for entry in down["ledger"])
    expected = {"score", "points"} if earned else {"score"}
    return item if down["score"] and down["ledger"] and expected <= kinds else None


async def test_submission_flows_to_score_points_and_notifications(stack: Stack, intake: Api) -> None:
    began = time.monotonic()
    sid = (await intake.call("POST", "/submissions", 201, json=ITEM))["submission_id"]
    item = await eventually(lambda: fully_processed(intake, sid), what="score, points, notices")
    print(f"\n[e2e] one submission to score+points+notifications: {time.monotonic() - began:.2f} s")
    score = item["downstream"]["score"]
    assert score["submission_id"] == sid and score["criteria"]
    assert all(entry["policy_version"] for entry in item["downstream"]["ledger"])
    notify = await Api.acting_as(stack, "notify", "e2e-head")
    try:
        inbox = await notify.call("GET", "/notifications", params={"recipient_id": "e2e-head"})
    finally:
        await notify.close()
    assert any(n["submission_id"] == sid and n["kind"] == "score" for n in inbox["items"])


async def test_the_same_event_delivered_twice_changes_nothing(stack: Stack, intake: Api) -> None:
    at = utcnow()  # a real process consumes it: the event carries its own instant and month
    event = SubmissionReceived.originated(
        producer="intake", submission_id=f"dup-{time.time_ns()}", unit_id="e2e-town",
        unit_name="河山镇人民政府", unit_level="township", office_id="e2e-county",
        author_id="e2e-officer", author_name="李明", title=ITEM["title"], body=ITEM["body"],
        language="zh", category="动态", period=month_of(at), submitted_at=at, occurred_at=at,
    )
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka_bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for _ in range(2):
            await producer.send_and_wait(
                topics.SUBMISSIONS, event.model_dump_json().encode(), key=event.submission_id.encode()
            )
    finally:
        await producer.stop()
    await wait_until_consumed(stack)
    scored = [r for r in await read_topic(stack, topics.SCORES) if r.key == event.submission_id.encode()]
    assert len(scored) == 1
    incentives = await Api.acting_as(stack, "incentives", "e2e-county-editor")
    try:
        entries = await incentives.call(
            "GET", "/units/e2e-town/entries", params={"period": event.period, "limit": 1000}
        )
    finally:
        await incentives.close()
    mine = [e for e in entries if e["submission_id"] == event.submission_id]
    assert mine, f"no ledger entries found for {event.submission_id} in period {event.period}"
    assert len(mine) == len({e["entry_id"] for e in mine})
    assert len({e["rule"] for e in mine}) == len(mine)


async def test_a_malformed_event_lands_in_the_dlq_and_the_next_one_flows(
    stack: Stack, intake: Api
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka_bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topics.SUBMISSIONS, b'{"type": "SubmissionReceived"}', key=b"bad")
    finally:
        await producer.stop()
    sid = (await intake.call("POST", "/submissions", 201, json=ITEM))["submission_id"]
    await eventually(lambda: fully_processed(intake, sid), what="the next submission")
    parked = await read_topic(stack, topics.dead_letter_topic(topics.SUBMISSIONS))
    reasons = {
        dict(r.headers)["x-dlq-consumer-group"].decode(): dict(r.headers)["x-dlq-reason"].decode()
        for r in parked if r.key == b"bad"
    }
    assert set(reasons) == {"scoring", "incentives", "notify"}
    assert all("invalid message" in reason for reason in reasons.values())

"""Batched consumers on the real stack: a poison message in the middle of a broker batch,
and a batch redelivered whole after a crash between its commit and its offset commit."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from deploy.localstack import Stack
from shared.clock import month_of
from shared.contracts import SubmissionReceived, SubmissionRevised, topics, utcnow
from tests.e2e.harness import GROUPS_BY_TOPIC, Api, eventually, read_topic, url, wait_until_consumed
from tests.e2e.test_pipeline import ITEM
from tests.e2e.test_resilience import all_processed, submit_many

pytestmark = pytest.mark.e2e

CONSUMERS = ("scoring", "incentives", "notify")


def received(submission_id: str) -> SubmissionReceived:
    at = utcnow()  # consumed by real processes: the event carries its own instant and month
    return SubmissionReceived.originated(
        producer="intake", submission_id=submission_id, unit_id="e2e-town",
        unit_name="河山镇人民政府", unit_level="township", office_id="e2e-county",
        author_id="e2e-officer", author_name="李明", title=ITEM["title"], body=ITEM["body"],
        language="zh", category="动态", period=month_of(at), submitted_at=at, occurred_at=at,
    )


async def metric(stack: Stack, service: str, name: str, topic: str = "") -> float:
    """The sum of the samples ``name`` at the service's /metrics (of ``topic`` if given)."""
    async with httpx.AsyncClient() as client:
        text = (await client.get(f"{url(stack, service)}/metrics")).text
    return sum(
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
        if line.startswith(f"{name}{{") and (not topic or f'topic="{topic}"' in line)
    )


async def samples(stack: Stack, service: str, name: str) -> list[str]:
    """The sample lines of ``name`` at the service's /metrics (for a failure's message)."""
    async with httpx.AsyncClient() as client:
        text = (await client.get(f"{url(stack, service)}/metrics")).text
    return [line for line in text.splitlines() if line.startswith(f"{name}{{")]


async def test_a_poison_message_in_the_middle_of_a_batch_is_dead_lettered_and_the_rest_applied(
    stack: Stack, intake: Api
) -> None:
    await wait_until_consumed(stack)
    stack.stop_service("scoring")  # the records pile up, so the restarted consumer takes them in one batch
    tag = time.time_ns()
    first, last = received(f"batch-first-{tag}"), received(f"batch-last-{tag}")
    ghost = SubmissionRevised.originated(
        producer="intake", submission_id=f"batch-ghost-{tag}", unit_id="e2e-town", revision=1,
        title="无此条目", body="修订一条评分服务从未见过的信息。", revised_by="e2e-officer", by_editor=False,
    )
    poison = (f"batch-poison-{tag}", b'{"type": "SubmissionReceived", "submission_id": 7}')
    batch = [
        (first.submission_id, first.model_dump_json().encode()),
        poison,  # invalid: dead-lettered before the transaction
        (ghost.submission_id, ghost.model_dump_json().encode()),  # rejected while applying
        (last.submission_id, last.model_dump_json().encode()),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka_bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for key, value in batch:  # one partition, so one batch in offset order
            await producer.send_and_wait(topics.SUBMISSIONS, value, key=key.encode(), partition=0)
    finally:
        await producer.stop()
    stack.start_service("scoring")
    await wait_until_consumed(stack)  # the partition moved on past both poison records

    scored = [r for r in await read_topic(stack, topics.SCORES)
              if r.key in (first.submission_id.encode(), last.submission_id.encode())]
    assert sorted(r.key.decode() for r in scored) == sorted([first.submission_id, last.submission_id])
    parked = {
        r.key.decode(): dict(r.headers)["x-dlq-reason"].decode()
        for r in await read_topic(stack, topics.dead_letter_topic(topics.SUBMISSIONS))
        if dict(r.headers)["x-dlq-consumer-group"] == b"scoring" and str(tag).encode() in r.key
    }
    assert set(parked) == {poison[0], ghost.submission_id}
    assert parked[poison[0]].startswith("invalid message")
    assert "unknown submission" in parked[ghost.submission_id]
    batches = await metric(stack, "scoring", "xinbao_consumer_batch_records_count", topics.SUBMISSIONS)
    records = await metric(stack, "scoring", "xinbao_consumer_batch_records_sum", topics.SUBMISSIONS)
    splits = await metric(stack, "scoring", "xinbao_consumer_batch_splits_total", topics.SUBMISSIONS)
    print(f"\n[e2e] scoring took {records:.0f} records in {batches:.0f} batch(es), split {splits:.0f}x")
    assert (batches, records) == (1, 4) and splits >= 1


async def test_a_batch_redelivered_whole_after_a_crash_before_its_offset_commit_applies_nothing_twice(
    stack: Stack, intake: Api
) -> None:
    await wait_until_consumed(stack)
    before = await committed_offsets(stack, CONSUMERS)
    ids = await submit_many(intake, 6, "批量重投")
    await eventually(lambda: all_processed(intake, ids), timeout=120, what="every item processed")
    await wait_until_consumed(stack)
    applied = await effects(stack, ids)
    for service in CONSUMERS:  # a crash after the transactions committed...
        stack.kill_service(service)
    redelivered, crashed_at = await rewind(stack, before)  # ...and before the offsets were committed
    print(f"\n[e2e] records redelivered per group after the crash: {redelivered}")
    assert all(redelivered[group] > 0 for group in CONSUMERS), redelivered
    stack.start_services(CONSUMERS)
    await wait_until_consumed(stack, timeout=120)
    await eventually(lambda: all_processed(intake, ids), timeout=60, what="items still complete")

    assert await effects(stack, ids) == applied
    recognised = {
        service: int(await metric(stack, service, "xinbao_duplicate_events_total")) for service in CONSUMERS
    }
    by_type = {
        service: await samples(stack, service, "xinbao_duplicate_events_total") for service in CONSUMERS
    }
    # besides the rewound records, a relay killed between publishing and marking its outbox rows
    # publishes them again after the restart (at-least-once): the same event ids, which the inbox
    # must recognise too
    again = {group: await republished(stack, positions) for group, positions in crashed_at.items()}
    expected = {group: redelivered[group] + again[group] for group in CONSUMERS}
    print(f"[e2e] events published again after the restart, per group: {again}")
    assert recognised == expected, f"every redelivered event is recognised by the inbox: {by_type}"


EFFECTS = (
    (topics.SCORES, "SubmissionScored", "submission_id"),
    (topics.LEDGER, "", "entry_id"),
    (topics.NOTIFICATIONS, "NotificationDelivered", "notification_id"),
)


async def effects(stack: Stack, ids: list[str]) -> dict[str, dict[str, set[str]]]:
    """Per topic, each effect of ``ids`` (an item's score, a ledger entry, a notification)
    with the event ids that announced it: applying an event twice announces it anew (a
    relay republishing after a crash repeats the same event id)."""
    wanted = set(ids)
    found: dict[str, dict[str, set[str]]] = {}
    for topic, kind, name in EFFECTS:
        announced: dict[str, set[str]] = defaultdict(set)
        for r in await read_topic(stack, topic):
            payload: dict[str, Any] = json.loads(r.value)
            if payload.get("submission_id") in wanted and payload["type"].startswith(kind):
                announced[payload[name]].add(payload["event_id"])
        twice = {key: events for key, events in announced.items() if len(events) > 1}
        assert not twice, f"{topic}: effects announced by more than one event: {twice}"
        found[topic] = dict(announced)
    return found


def topics_of(group: str) -> list[str]:
    return [topic for topic, groups in GROUPS_BY_TOPIC.items() if group in groups]


async def committed_offsets(stack: Stack, groups: tuple[str, ...]) -> dict[str, dict[TopicPartition, int]]:
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.kafka_bootstrap)
    probe = AIOKafkaConsumer(bootstrap_servers=stack.kafka_bootstrap)
    await admin.start()
    await probe.start()
    try:
        offsets: dict[str, dict[TopicPartition, int]] = {}
        for group in groups:
            await probe._client.force_metadata_update()
            partitions = [
                TopicPartition(topic, p)
                for topic in topics_of(group) for p in sorted(probe.partitions_for_topic(topic) or [])
            ]
            committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
            offsets[group] = {tp: max(committed[tp].offset, 0) for tp in partitions if tp in committed}
        return offsets
    finally:
        await probe.stop()
        await admin.close()


async def republished(stack: Stack, since: dict[TopicPartition, int]) -> int:
    """Records at or after ``since`` (per partition) whose event id an earlier record of the
    same topic carried already: events a relay published again."""
    count = 0
    for topic in sorted({tp.topic for tp in since}):
        seen: set[str] = set()
        for r in sorted(await read_topic(stack, topic), key=lambda r: (r.partition, r.offset)):
            try:
                event_id = json.loads(r.value).get("event_id")
            except (ValueError, AttributeError):
                continue
            if not event_id:
                continue
            if event_id in seen and r.offset >= since.get(TopicPartition(topic, r.partition), 0):
                count += 1
            seen.add(event_id)
    return count


async def rewind(
    stack: Stack, offsets: dict[str, dict[TopicPartition, int]]
) -> tuple[dict[str, int], dict[str, dict[TopicPartition, int]]]:
    """Commit ``offsets`` for each (crashed) group, once the broker has expired its members;
    returns how many records each group will be given again, and where each group's committed
    offsets stood at the crash."""
    now = await committed_offsets(stack, tuple(offsets))
    # each refused commit (the group still holds the dead members) is logged as an error
    coordinator_log = logging.getLogger("aiokafka.consumer.group_coordinator")
    level = coordinator_log.level
    coordinator_log.setLevel(logging.CRITICAL)
    try:
        for group, positions in offsets.items():
            await _commit_when_the_group_is_empty(stack, group, positions)
    finally:
        coordinator_log.setLevel(level)
    redelivered = {
        group: sum(now[group][tp] - at for tp, at in positions.items())
        for group, positions in offsets.items()
    }
    return redelivered, now


async def _commit_when_the_group_is_empty(
    stack: Stack, group: str, positions: dict[TopicPartition, int], timeout: float = 60.0
) -> None:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=stack.kafka_bootstrap, group_id=group, enable_auto_commit=False
    )
    consumer.assign(list(positions))
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                await consumer.commit(positions)
                return
            except KafkaError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(1)
    finally:
        await consumer.stop()

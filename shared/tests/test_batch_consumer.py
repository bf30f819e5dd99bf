"""A broker batch applied in one transaction, with the in-memory unit of work: duplicates
within and across batches, a poison event in the middle, failures retried in order.

The same behaviour against genuine Kafka and SecantusDB is covered by tests/e2e/test_batches.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

import pydantic
import pytest
from aiokafka import ConsumerRecord
from faststream import Context
from faststream.kafka import TestKafkaBroker

from shared.contracts import ScoreEvent, SubmissionScored, UnitRegistered, topics
from shared.contracts.envelope import Event
from shared.messaging import BatchConsumer, KafkaSettings, PermanentError, make_broker, subscribe_batches
from shared.messaging.dead_letter import DeadLetterPolicy
from shared.observability import ServiceMetrics, new_registry
from shared.persistence import MemoryDatabase, MemoryUnitOfWork


def scored(submission_id: str, seq: int) -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring", submission_id=submission_id, unit_id="u1", author_id="p1", title="t",
        period="2026-11", revision=seq, overall=80, band="good", language="zh",
        rubric_version="v1", criteria=[],
    )


def record(value: bytes, offset: int, key: str = "s1", partition: int = 0) -> ConsumerRecord[bytes, bytes]:
    return ConsumerRecord(
        topic=topics.SCORES, partition=partition, offset=offset, timestamp=0, timestamp_type=0,
        key=key.encode(), value=value, checksum=None, serialized_key_size=len(key),
        serialized_value_size=len(value), headers=(),
    )


def records_of(*items: SubmissionScored | bytes) -> list[ConsumerRecord[bytes, bytes]]:
    """Records in offset order; an event is keyed by its submission, raw bytes by ``s1``."""
    return [
        record(item, n) if isinstance(item, bytes)
        else record(item.model_dump_json().encode(), n, key=item.submission_id)
        for n, item in enumerate(items)
    ]


class PrefetchingUnitOfWork(MemoryUnitOfWork):
    """Records what the batch told it to read ahead, and whether a step had run by then."""

    def __init__(self, memory: MemoryDatabase, prefetched: list[list[str]]) -> None:
        super().__init__(memory)
        self.prefetched = prefetched

    async def prefetch(self, events: Sequence[Event]) -> None:
        assert not self.emitted, "prefetch comes before the steps"
        self.prefetched.append([event.event_id for event in events])


class Service:
    """A tiny consuming service: each event's revision appended to its submission's history,
    one outbox event per applied event; ``failures`` scripts what a step raises, per event."""

    def __init__(self, metrics: ServiceMetrics, dead_letters: DeadLetterPolicy) -> None:
        self.memory = MemoryDatabase()
        self.failures: dict[str, list[BaseException]] = {}
        self.units_of_work = 0
        self.prefetched: list[list[str]] = []
        self.applied_results: list[str] = []
        self.consumer: BatchConsumer[MemoryUnitOfWork, Any, str] = BatchConsumer(
            events=pydantic.TypeAdapter(ScoreEvent),
            new_uow=self.new_uow,
            route=lambda event: self.step,
            dead_letters=dead_letters,
            applied=self.applied_results.extend,
        )

    def new_uow(self) -> MemoryUnitOfWork:
        self.units_of_work += 1
        return PrefetchingUnitOfWork(self.memory, self.prefetched)

    async def step(self, uow: MemoryUnitOfWork, event: SubmissionScored) -> str:
        docs = uow.documents("history")
        doc = await docs.get(event.submission_id) or {"_id": event.submission_id, "revisions": []}
        doc["revisions"].append(event.revision)
        await docs.put(doc)
        uow.emit(UnitRegistered.caused_by(
            event, producer="test", unit_id=f"{event.submission_id}-{event.revision}", name="n",
            level="county", kind="government", parent_id=None, reports_to=None,
        ))
        if self.failures.get(event.event_id):
            raise self.failures[event.event_id].pop(0)
        return event.event_id

    def history(self, submission_id: str) -> list[int]:
        doc = self.memory.table("history").get(submission_id)
        return doc["revisions"] if doc else []

    def outbox_count(self) -> int:
        return len(self.memory.outbox)


@pytest.fixture
def metrics() -> ServiceMetrics:
    return ServiceMetrics("test", new_registry())


@pytest.fixture
def parked() -> list[dict[str, str]]:
    return []


@pytest.fixture
async def service(metrics: ServiceMetrics, parked: list[dict[str, str]]) -> AsyncIterator[Service]:
    settings = KafkaSettings(max_attempts=3, retry_base_seconds=0.001)
    broker = make_broker(settings, service="test", registry=metrics.registry, metrics=metrics)

    @broker.subscriber(topics.dead_letter_topic(topics.SCORES), group_id="probe")
    async def park(body: Any, headers: dict[str, str] = Context("message.headers")) -> None:
        parked.append(headers)

    async with TestKafkaBroker(broker):
        yield Service(metrics, DeadLetterPolicy.installed_on(broker))


def sample(metrics: ServiceMetrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


async def test_a_clean_batch_is_applied_in_one_unit_of_work_in_order(service: Service) -> None:
    events = [scored("s1" if n % 2 else "s2", n) for n in range(10)]
    await service.consumer.consume(records_of(*events))
    assert service.units_of_work == 1
    assert service.history("s1") == [1, 3, 5, 7, 9] and service.history("s2") == [0, 2, 4, 6, 8]
    assert service.outbox_count() == 10
    assert service.applied_results == [e.event_id for e in events]


async def test_a_duplicate_inside_a_batch_changes_nothing(service: Service, metrics: ServiceMetrics) -> None:
    first, second = scored("s1", 1), scored("s1", 2)
    await service.consumer.consume(records_of(first, first, second, first))
    assert service.history("s1") == [1, 2] and service.outbox_count() == 2
    assert sample(metrics, "xinbao_duplicate_events_total", type="SubmissionScored") == 2


async def test_the_unit_of_work_is_told_the_fresh_events_before_their_steps(service: Service) -> None:
    seen, fresh = scored("s1", 1), [scored("s2", 2), scored("s3", 3)]
    await service.consumer.consume(records_of(seen))
    await service.consumer.consume(records_of(fresh[0], seen, fresh[1], fresh[0]))
    assert service.prefetched == [[seen.event_id], [fresh[0].event_id, fresh[1].event_id]]


async def test_a_batch_redelivered_whole_changes_nothing(service: Service, metrics: ServiceMetrics) -> None:
    batch = records_of(*(scored("s1", n) for n in range(5)))
    await service.consumer.consume(batch)
    await service.consumer.consume(batch)
    await service.consumer.consume(batch[2:] + records_of(scored("s1", 5))[-1:])
    assert service.history("s1") == [0, 1, 2, 3, 4, 5] and service.outbox_count() == 6
    assert sample(metrics, "xinbao_duplicate_events_total", type="SubmissionScored") == 8


async def test_undecodable_and_invalid_records_go_to_the_dlq_and_the_rest_is_applied(
    service: Service, parked: list[dict[str, str]]
) -> None:
    invalid = scored("s1", 9).model_dump(mode="json") | {"overall": "not a number"}
    batch = records_of(scored("s1", 0), b"\xff not json", scored("s1", 1))
    batch.insert(2, record(json.dumps(invalid).encode(), 7))
    await service.consumer.consume(batch)
    assert service.history("s1") == [0, 1] and service.units_of_work == 1
    assert [p["x-dlq-source-offset"] for p in parked] == ["1", "7"]
    assert all(p["x-dlq-reason"].startswith("invalid message") for p in parked)
    assert "overall" in parked[1]["x-dlq-reason"]


async def test_a_domain_rejection_in_the_middle_is_dead_lettered_and_the_others_applied(
    service: Service, parked: list[dict[str, str]], metrics: ServiceMetrics
) -> None:
    events = [scored("s1", n) for n in range(7)]
    service.failures[events[3].event_id] = [PermanentError("revision of unknown submission")] * 9
    await service.consumer.consume(records_of(*events))
    assert service.history("s1") == [0, 1, 2, 4, 5, 6] and service.outbox_count() == 6
    [dead] = parked
    assert dead["x-dlq-source-offset"] == "3" and "unknown submission" in dead["x-dlq-reason"]
    assert sample(metrics, "xinbao_consumer_retries_total", topic=topics.SCORES) == 0
    assert sample(metrics, "xinbao_consumer_batch_splits_total", topic=topics.SCORES) >= 1


async def test_a_poison_event_is_retried_then_dead_lettered_and_the_others_keep_their_order(
    service: Service, parked: list[dict[str, str]]
) -> None:
    events = [scored("s1" if n % 2 else "s2", n) for n in range(9)]
    service.failures[events[4].event_id] = [RuntimeError("poison")] * 9
    await service.consumer.consume(records_of(*events))
    assert service.history("s2") == [0, 2, 6, 8] and service.history("s1") == [1, 3, 5, 7]
    [dead] = parked
    assert dead["x-dlq-source-offset"] == "4" and dead["x-dlq-reason"].startswith("retries exhausted")


async def test_a_failure_that_clears_on_retry_loses_nothing_and_keeps_the_order(
    service: Service, parked: list[dict[str, str]]
) -> None:
    events = [scored("s1", n) for n in range(6)]
    service.failures[events[2].event_id] = [RuntimeError("blip")]
    service.failures[events[5].event_id] = [RuntimeError("blip"), RuntimeError("blip")]
    await service.consumer.consume(records_of(*events))
    assert service.history("s1") == [0, 1, 2, 3, 4, 5] and service.outbox_count() == 6
    assert parked == []


async def test_a_database_outage_retries_the_whole_batch_without_splitting(
    service: Service, metrics: ServiceMetrics
) -> None:
    events = [scored("s1", n) for n in range(4)]
    service.failures[events[1].event_id] = [ConnectionError("db down")] * 6
    await service.consumer.consume(records_of(*events))
    assert service.history("s1") == [0, 1, 2, 3] and service.units_of_work == 7
    assert sample(metrics, "xinbao_consumer_batch_splits_total", topic=topics.SCORES) == 0
    assert sample(metrics, "xinbao_consumer_retries_total", topic=topics.SCORES) == 6


async def test_an_unknown_event_type_is_skipped_not_dead_lettered(
    service: Service, parked: list[dict[str, str]], metrics: ServiceMetrics
) -> None:
    newer = scored("s1", 5).model_dump(mode="json") | {"type": "SubmissionScoredV9"}
    batch = records_of(scored("s1", 0))
    batch.append(record(json.dumps(newer).encode(), 1))
    await service.consumer.consume(batch)
    assert service.history("s1") == [0] and parked == []
    assert sample(metrics, "xinbao_unknown_events_skipped_total", topic=topics.SCORES) == 1


async def test_a_batch_subscriber_takes_a_whole_broker_batch(metrics: ServiceMetrics) -> None:
    memory = MemoryDatabase()
    broker = make_broker(KafkaSettings(), service="test", registry=metrics.registry, metrics=metrics)
    units_of_work: list[MemoryUnitOfWork] = []

    def new_uow() -> MemoryUnitOfWork:
        units_of_work.append(MemoryUnitOfWork(memory))
        return units_of_work[-1]

    async def keep(uow: MemoryUnitOfWork, event: SubmissionScored) -> None:
        await uow.documents("seen").put({"_id": event.event_id, "revision": event.revision})

    subscribe_batches(
        broker, topics.SCORES, group="test", events=ScoreEvent, new_uow=new_uow, route=lambda e: keep
    )
    events = [scored("s1", n) for n in range(5)]
    async with TestKafkaBroker(broker) as test_broker:
        bodies = [e.model_dump(mode="json") for e in events]
        await test_broker.publish_batch(*bodies[:2], b"\x00 poison", *bodies[2:], topic=topics.SCORES)
        await test_broker.publish_batch(*bodies, topic=topics.SCORES)
    assert len(units_of_work) == 2
    assert sorted(d["revision"] for d in memory.table("seen").values()) == [0, 1, 2, 3, 4]
    assert sample(metrics, "xinbao_dead_lettered_total", topic=topics.SCORES, error="ValidationError") == 1


async def test_the_batch_subscribers_of_one_broker_apply_one_transaction_at_a_time(
    metrics: ServiceMetrics,
) -> None:
    """Two topics' subscribers of one service update the same documents: run side by side
    they would conflict, so the subscribers of a broker share one writer lock."""
    broker = make_broker(KafkaSettings(), service="test", registry=metrics.registry, metrics=metrics)
    inside, most = 0, 0

    async def step(uow: MemoryUnitOfWork, event: SubmissionScored) -> str:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)
        inside -= 1
        return event.event_id

    memory = MemoryDatabase()
    consumers = [
        subscribe_batches(
            broker, topic, group="test", events=ScoreEvent,
            new_uow=lambda: MemoryUnitOfWork(memory), route=lambda event: step,
        )
        for topic in (topics.SCORES, "other.topic.v1")
    ]
    assert consumers[0].writer is consumers[1].writer
    batches = [records_of(scored(f"s{n}", 1), scored(f"s{n}x", 1)) for n in range(4)]
    await asyncio.gather(*(consumers[n % 2].consume(batch) for n, batch in enumerate(batches)))
    assert most == 1
    assert sample(metrics, "xinbao_events_processed_total", type="SubmissionScored") == 8

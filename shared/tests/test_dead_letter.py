"""Dead-lettering and retries around a subscriber, with FastStream's in-memory broker.

The same behaviour against genuine Kafka is covered by tests/e2e.
"""

from __future__ import annotations

from typing import Any

from faststream import Context
from faststream.kafka import TestKafkaBroker

from shared.contracts import ScoreEvent, SubmissionScored, topics
from shared.messaging import KafkaSettings, PermanentError, make_broker, subscriber_options
from shared.observability import ServiceMetrics, new_registry


def scored_payload(**overrides: Any) -> dict[str, Any]:
    event = SubmissionScored.originated(
        producer="scoring", submission_id="s1", unit_id="u1", author_id="p1", title="t",
        period="2026-11", revision=0, overall=80, band="good", language="zh",
        rubric_version="v1", criteria=[],
    )
    return event.model_dump(mode="json") | overrides


def setup(fail: list[BaseException]) -> tuple[Any, list[Any], list[Any], ServiceMetrics]:
    metrics = ServiceMetrics("test", new_registry())
    settings = KafkaSettings(max_attempts=3, retry_base_seconds=0.001)
    broker = make_broker(settings, service="test", registry=metrics.registry, metrics=metrics)
    handled: list[Any] = []
    parked: list[Any] = []

    @broker.subscriber(topics.SCORES, **subscriber_options("test"))
    async def handle(event: ScoreEvent) -> None:
        if fail:
            raise fail.pop(0)
        handled.append(event)

    @broker.subscriber(topics.dead_letter_topic(topics.SCORES), **subscriber_options("probe"))
    async def park(body: Any, headers: dict[str, str] = Context("message.headers")) -> None:
        parked.append(headers)

    return broker, handled, parked, metrics


def counter(metrics: ServiceMetrics, name: str) -> float:
    return metrics.registry.get_sample_value(name, {"topic": topics.SCORES}) or 0.0


async def test_malformed_event_goes_to_the_dlq_and_the_next_one_flows() -> None:
    broker, handled, parked, _ = setup([])
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(scored_payload(overall="not a number"), topic=topics.SCORES)
        await test_broker.publish(scored_payload(), topic=topics.SCORES)
    assert len(parked) == 1 and len(handled) == 1
    reason = parked[0]["x-dlq-reason"]
    assert reason.startswith("invalid message") and "overall" in reason
    assert parked[0]["x-dlq-source-topic"] == topics.SCORES
    assert parked[0]["x-dlq-consumer-group"] == "test"


async def test_undecodable_bytes_go_to_the_dlq() -> None:
    broker, handled, parked, _ = setup([])
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(b"\xff\xfe not json", topic=topics.SCORES)
    assert len(parked) == 1 and handled == []


async def test_domain_rejection_is_dead_lettered_without_retries() -> None:
    broker, handled, parked, metrics = setup([PermanentError("unknown submission")])
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(scored_payload(), topic=topics.SCORES)
    assert len(parked) == 1 and handled == []
    assert counter(metrics, "xinbao_consumer_retries_total") == 0


async def test_transient_failure_is_retried_and_then_handled() -> None:
    broker, handled, parked, metrics = setup([RuntimeError("blip"), RuntimeError("blip")])
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(scored_payload(), topic=topics.SCORES)
    assert len(handled) == 1 and parked == []
    assert counter(metrics, "xinbao_consumer_retries_total") == 2


async def test_a_poison_message_is_dead_lettered_after_the_last_attempt() -> None:
    broker, handled, parked, _ = setup([RuntimeError("poison")] * 3)
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(scored_payload(), topic=topics.SCORES)
        await test_broker.publish(scored_payload(), topic=topics.SCORES)
    assert len(parked) == 1 and len(handled) == 1
    assert parked[0]["x-dlq-reason"].startswith("retries exhausted")


async def test_infrastructure_outage_is_retried_beyond_the_attempt_limit() -> None:
    broker, handled, parked, _ = setup([ConnectionError("db down")] * 5)
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(scored_payload(), topic=topics.SCORES)
    assert len(handled) == 1 and parked == []


async def test_unknown_event_type_is_skipped_not_dead_lettered() -> None:
    broker, handled, parked, metrics = setup([])
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(scored_payload(type="SubmissionScoredV9"), topic=topics.SCORES)
    assert handled == [] and parked == []
    assert counter(metrics, "xinbao_unknown_events_skipped_total") == 1

"""An agency that takes its feed by Kafka gets its topic when it registers, with the partitions
and retention of the settings; the brokers' auto-creation (and its defaults) never makes it.
The real brokers' side is tests/localstack/test_stack_smoke.py and the e2e agency test."""

from __future__ import annotations

from typing import Any

from services.notify.tests.harness import Clock, running
from shared.messaging.topics import MemoryTopics, TopicAdmin, TopicSpec
from shared.persistence import MemoryDatabase

KAFKA_AGENCY = {"agency_id": "acme", "name": "Acme", "delivery": ["kafka"]}


class Unreachable(TopicAdmin):
    """Brokers that do not answer until ``up`` is set."""

    def __init__(self) -> None:
        self.up = False
        self.created = MemoryTopics()

    async def ensure(self, spec: TopicSpec) -> bool:
        if not self.up:
            raise ConnectionError("no broker answered in 15 s")
        return await self.created.ensure(spec)


async def test_a_kafka_agency_gets_its_topic_as_configured(clock: Clock, settings: dict[str, Any]) -> None:
    topics = MemoryTopics()
    settings.update(feed_topic_partitions=5, feed_topic_retention_hours=48)
    async with running(clock, MemoryDatabase(), topics=topics, **settings) as notify:
        await notify.ok("POST", "/agencies", json=KAFKA_AGENCY)
        await notify.ok("POST", "/agencies", json={"agency_id": "pull-only", "name": "Pull only"})
    assert topics.created == {"notify.feed.acme.v1": TopicSpec("notify.feed.acme.v1", 5, 48 * 3_600_000)}


async def test_brokers_that_cannot_create_it_refuse_the_agency_and_nothing_is_saved(
    clock: Clock, settings: dict[str, Any]
) -> None:
    topics = Unreachable()
    async with running(clock, MemoryDatabase(), topics=topics, **settings) as notify:
        refused = await notify.client.post("/agencies", json=KAFKA_AGENCY)
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "30"
        assert "notify.feed.acme.v1" in refused.json()["detail"] and "no broker" in refused.json()["detail"]
        assert await notify.ok("GET", "/agencies") == []
        topics.up = True
        made = await notify.ok("POST", "/agencies", json=KAFKA_AGENCY)
        assert made["agency_id"] == "acme" and made["api_key"]
    assert list(topics.created.created) == ["notify.feed.acme.v1"]


async def test_an_agency_that_exists_is_refused_before_its_topic_is_touched(
    clock: Clock, settings: dict[str, Any]
) -> None:
    topics = MemoryTopics()
    async with running(clock, MemoryDatabase(), topics=topics, **settings) as notify:
        await notify.ok("POST", "/agencies", json=KAFKA_AGENCY)
        topics.created.clear()
        again = await notify.client.post("/agencies", json=KAFKA_AGENCY)
        assert again.status_code == 409
    assert topics.created == {}

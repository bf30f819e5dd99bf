"""Item events delivered as one broker batch: each applied once, in order, in one unit of
work; a duplicate and an undecodable record inside the batch change nothing."""

from __future__ import annotations

from collections import Counter

from services.incentives.tests.conftest import Incentives
from services.incentives.tests.events import adopted, received, unit
from shared.contracts import topics


def sample(service: Incentives, name: str, **labels: str) -> float:
    return service.app.state.runtime.registry.get_sample_value(name, labels) or 0.0


async def test_a_batch_with_a_duplicate_and_a_poison_record_applies_each_event_once(
    service: Incentives,
) -> None:
    await service.send(unit("hs"))
    events = [received("s1"), adopted("s1"), received("s2"), adopted("s2")]
    bodies = [e.model_dump(mode="json") for e in events]
    broker = service.app.state.runtime.broker
    await broker.publish_batch(
        bodies[0], bodies[1], bodies[1], b"\x00 not an event", bodies[2], bodies[3],
        topic=topics.SUBMISSIONS,
    )
    entries = list(service.table("ledger").values())
    per_item = Counter(e["submission_id"] for e in entries)
    assert per_item["s1"] > 0 and per_item["s1"] == per_item["s2"]
    assert len({e["_id"] for e in entries}) == len(entries)
    assert len(service.published("PointsAwarded")) == len(entries)
    assert sample(service, "xinbao_duplicate_events_total", type="SubmissionAdopted") == 1
    dead = sample(service, "xinbao_dead_lettered_total", topic=topics.SUBMISSIONS, error="ValidationError")
    assert dead == 1
    assert sample(service, "xinbao_consumer_batch_records_sum", topic=topics.SUBMISSIONS) == 6

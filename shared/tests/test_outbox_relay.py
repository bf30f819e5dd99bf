"""The outbox relay publishes committed events once, in order, and survives failures."""

from __future__ import annotations

import asyncio

import pytest

from shared.contracts import UnitRegistered
from shared.observability import ServiceMetrics, new_registry
from shared.persistence import MemoryDatabase, MemoryOutboxStore, MemoryUnitOfWork, OutboxRecord, OutboxRelay


def unit_event(unit_id: str) -> UnitRegistered:
    return UnitRegistered.originated(
        producer="test", unit_id=unit_id, name=unit_id, level="county", kind="government",
        parent_id=None, reports_to=None,
    )


async def commit(memory: MemoryDatabase, *unit_ids: str, relay: OutboxRelay | None = None) -> None:
    async with MemoryUnitOfWork(memory, on_commit=relay.wake if relay else lambda: None) as uow:
        for unit_id in unit_ids:
            uow.emit(unit_event(unit_id))
        await uow.commit()


def relay_for(memory: MemoryDatabase, sink: list[OutboxRecord], fail_first: int = 0) -> OutboxRelay:
    failures = {"left": fail_first}

    async def publish(record: OutboxRecord) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise ConnectionError("broker down")
        sink.append(record)

    metrics = ServiceMetrics("test", new_registry())
    return OutboxRelay(MemoryOutboxStore(memory), publish, metrics, owner="t", poll_seconds=0.05)


async def test_relay_publishes_each_committed_event_once_in_order() -> None:
    memory, sink = MemoryDatabase(), []
    relay = relay_for(memory, sink)
    await commit(memory, "a", "b")
    await commit(memory, "c")
    assert await relay.publish_pending() == 3
    assert await relay.publish_pending() == 0
    assert [r.key for r in sink] == ["a", "b", "c"]


async def test_relay_retries_after_a_broker_failure_and_loses_nothing() -> None:
    memory, sink = MemoryDatabase(), []
    relay = relay_for(memory, sink, fail_first=2)
    await commit(memory, "a", "b")
    task = asyncio.create_task(relay.run())
    try:
        for _ in range(100):
            if len(sink) == 2:
                break
            await asyncio.sleep(0.02)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert [r.key for r in sink] == ["a", "b"]


async def test_commit_wakes_the_relay_without_waiting_for_the_poll() -> None:
    memory, sink = MemoryDatabase(), []
    relay = relay_for(memory, sink)
    relay.poll_seconds = 30
    task = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.05)
        await commit(memory, "now", relay=relay)
        for _ in range(50):
            if sink:
                break
            await asyncio.sleep(0.01)
    finally:
        task.cancel()
    assert [r.key for r in sink] == ["now"]

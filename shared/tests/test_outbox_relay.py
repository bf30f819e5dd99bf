"""The outbox relay publishes committed events once, in order, and survives failures."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

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


def relay_for(
    memory: MemoryDatabase, sink: list[OutboxRecord], fail_first: int = 0, refuse: str = ""
) -> OutboxRelay:
    """A relay whose producer is down for ``fail_first`` sends and never acknowledges the
    row keyed ``refuse``; ``sink`` gets what the broker acknowledged, in order."""
    failures = {"left": fail_first}

    async def acknowledge(record: OutboxRecord) -> None:
        await asyncio.sleep(0.001)
        if record.key == refuse:
            raise TimeoutError("no acknowledgement")
        sink.append(record)

    async def send(record: OutboxRecord) -> Awaitable[None]:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise ConnectionError("broker down")
        return asyncio.ensure_future(acknowledge(record))

    metrics = ServiceMetrics("test", new_registry())
    return OutboxRelay(MemoryOutboxStore(memory), send, metrics, owner="t", poll_seconds=0.05)


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


async def test_relay_sends_a_whole_lease_before_awaiting_the_acknowledgements() -> None:
    memory, sink = MemoryDatabase(), []
    relay = relay_for(memory, sink)
    await commit(memory, *(f"u{n}" for n in range(50)))
    sent_before_first_ack: list[int] = []
    send = relay.send

    async def watching(record: OutboxRecord) -> Awaitable[object]:
        sent_before_first_ack.append(len(sink))
        return await send(record)

    relay.send = watching
    assert await relay.publish_pending() == 50
    assert set(sent_before_first_ack) == {0}
    assert [r.key for r in sink] == [f"u{n}" for n in range(50)]


async def test_an_unacknowledged_row_stays_pending_with_the_rows_after_it() -> None:
    memory, sink = MemoryDatabase(), []
    relay = relay_for(memory, sink, refuse="b")
    await commit(memory, "a", "b", "c")
    with pytest.raises(TimeoutError):
        await relay.publish_pending()
    store = MemoryOutboxStore(memory)
    assert [r.key for r in await store.lease_pending("t", 10, 30.0)] == ["b", "c"]
    relay_again = relay_for(memory, sink)
    assert await relay_again.publish_pending() == 2
    assert [r.key for r in sink] == ["a", "c", "b", "c"]

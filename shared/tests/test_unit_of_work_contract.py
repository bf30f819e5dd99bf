"""One contract for the unit of work, run against the in-memory fake and real SecantusDB.

Inbox: a claimed event id cannot be claimed again once committed. Outbox: events emitted in
a committed unit of work are pending in order; a rolled-back one leaves no trace.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from shared.contracts import UnitRegistered
from shared.persistence import (
    MemoryDatabase,
    MemoryOutboxStore,
    MemoryUnitOfWork,
    MongoOutboxStore,
    MongoUnitOfWork,
    OutboxStore,
    UnitOfWork,
    ensure_plumbing_indexes,
)


def unit_event(unit_id: str) -> UnitRegistered:
    return UnitRegistered.originated(
        producer="test", unit_id=unit_id, name=unit_id, level="county", kind="government",
        parent_id=None, reports_to=None,
    )


Harness = tuple[Callable[[], UnitOfWork], OutboxStore]


@pytest.fixture(params=["memory", "mongo"])
async def harness(request: pytest.FixtureRequest, database_name: str) -> AsyncIterator[Harness]:
    if request.param == "memory":
        memory = MemoryDatabase()
        yield (lambda: MemoryUnitOfWork(memory)), MemoryOutboxStore(memory)
        return
    client: AsyncMongoClient = AsyncMongoClient(
        request.getfixturevalue("mongo_server_uri"), tz_aware=True
    )
    db = client[database_name]
    await ensure_plumbing_indexes(db)
    yield (lambda: MongoUnitOfWork(client, db)), MongoOutboxStore(db)
    await client.close()


async def test_committed_claim_cannot_be_claimed_again(harness: Harness) -> None:
    new_uow, _ = harness
    async with new_uow() as uow:
        assert await uow.claim("event-1")
        await uow.commit()
    async with new_uow() as uow:
        assert not await uow.claim("event-1")


async def test_rolled_back_claim_can_be_claimed_again(harness: Harness) -> None:
    new_uow, outbox = harness
    async with new_uow() as uow:
        assert await uow.claim("event-2")
        uow.emit(unit_event("u1"))
    async with new_uow() as uow:
        assert await uow.claim("event-2")
    assert await outbox.count_pending() == 0


async def test_emitted_events_are_pending_in_commit_order(harness: Harness) -> None:
    new_uow, outbox = harness
    for unit_id in ("a", "b", "c"):
        async with new_uow() as uow:
            uow.emit(unit_event(unit_id))
            await uow.commit()
    pending = await outbox.lease_pending("relay", 10, 30)
    assert [r.payload["unit_id"] for r in pending] == ["a", "b", "c"]
    assert [r.key for r in pending] == ["a", "b", "c"]
    assert {r.topic for r in pending} == {"intake.unit.v1"}


async def test_published_rows_are_not_pending_any_more(harness: Harness) -> None:
    new_uow, outbox = harness
    async with new_uow() as uow:
        uow.emit(unit_event("x"))
        uow.emit(unit_event("y"))
        await uow.commit()
    first = await outbox.lease_pending("relay", 1, 30)
    await outbox.mark_published(first)
    rest = await outbox.lease_pending("relay", 10, 30)
    assert [r.payload["unit_id"] for r in rest] == ["y"]
    assert await outbox.count_pending() == 1


async def test_state_written_in_a_failed_unit_of_work_is_gone(harness: Harness) -> None:
    new_uow, _ = harness
    with pytest.raises(RuntimeError):
        async with new_uow() as uow:
            await uow.documents("things").put({"_id": "t1", "n": 1})
            raise RuntimeError("use case failed")
    async with new_uow() as uow:
        assert await uow.documents("things").get("t1") is None


async def test_documents_filter_sort_and_page_alike(harness: Harness) -> None:
    new_uow, _ = harness
    async with new_uow() as uow:
        docs = uow.documents("things")
        for n in range(5):
            await docs.put({"_id": f"t{n}", "n": n, "kind": "even" if n % 2 == 0 else "odd"})
        await uow.commit()
    async with new_uow() as uow:
        docs = uow.documents("things")
        evens: list[dict[str, Any]] = await docs.find({"kind": "even"}, sort="-n")
        assert [d["n"] for d in evens] == [4, 2, 0]
        assert [d["n"] for d in await docs.find(None, sort="n", skip=1, limit=2)] == [1, 2]
        assert await docs.count({"n": {"$in": [1, 3, 9]}}) == 2

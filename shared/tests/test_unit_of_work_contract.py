"""One contract for the unit of work, run against the in-memory fake and real SecantusDB.

Inbox: a claimed event id cannot be claimed again once committed. Outbox: events emitted in
a committed unit of work are pending in order; a rolled-back one leaves no trace.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from prometheus_client import CollectorRegistry
from pymongo import AsyncMongoClient
from pymongo.errors import BulkWriteError

from shared.contracts import UnitRegistered
from shared.contracts.envelope import utcnow
from shared.observability.mongo_commands import MongoCommandMetrics
from shared.persistence import (
    MemoryDatabase,
    MemoryOutboxStore,
    MemoryUnitOfWork,
    MongoOutboxStore,
    MongoUnitOfWork,
    OutboxStore,
    UnitOfWork,
    connect,
    ensure_plumbing_indexes,
)
from shared.persistence.documents import LOAD_CHUNK


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


async def test_a_unit_of_work_reads_its_own_writes_and_hands_out_copies(harness: Harness) -> None:
    new_uow, _ = harness
    async with new_uow() as uow:
        docs = uow.documents("things")
        await docs.put({"_id": "t1", "n": 1, "tags": ["a"]})
        seen = await docs.get("t1")
        assert seen == {"_id": "t1", "n": 1, "tags": ["a"]}
        seen["tags"].append("changed by the caller")
        assert (await docs.get("t1"))["tags"] == ["a"]
        await docs.put({"_id": "t1", "n": 2, "tags": ["b"]})
        assert [d["_id"] for d in await docs.find({"n": 2})] == ["t1"]
        assert await docs.count({"n": 1}) == 0
        await docs.put({"_id": "t2", "n": 2})
        assert await uow.documents("things").count({"n": 2}) == 2
        await uow.commit()
    async with new_uow() as uow:
        docs = uow.documents("things")
        assert await docs.get("t1") == {"_id": "t1", "n": 2, "tags": ["b"]}
        found = await docs.find({"n": 2}, sort="_id")
        found[0]["n"] = 99
        assert (await docs.get("t1"))["n"] == 2


async def test_many_puts_reach_the_server_as_one_write_per_collection(
    mongo_server_uri: str, database_name: str
) -> None:
    """The identity map's point: a batch of puts costs one round trip at commit, and a get of a
    document already read or written costs none."""
    listener = MongoCommandMetrics()
    client = connect(mongo_server_uri, app_name="uow-test", listeners=[listener])
    db = client[database_name]
    registry = CollectorRegistry()
    listener.bind(registry)

    def sent(command: str, collection: str) -> float:
        labels = {"command": command, "collection": collection}
        return registry.get_sample_value("xinbao_mongo_commands_total", labels) or 0.0

    try:
        async with MongoUnitOfWork(client, db) as uow:
            docs = uow.documents("things")
            assert await docs.get("t0") is None
            for n in range(50):
                await docs.put({"_id": f"t{n}", "n": n})
                await docs.put({"_id": f"t{n}", "n": n + 1})
            assert (await docs.get("t0"))["n"] == 1
            assert (await docs.get("t49"))["n"] == 50
            assert sent("update", "things") == 0
            await uow.commit()
        assert sent("update", "things") == 1
        assert sent("find", "things") == 1
        assert await db.things.count_documents({}) == 50
        assert (await db.things.find_one({"_id": "t7"}))["n"] == 8
    finally:
        await client.close()

async def test_an_added_document_is_new_or_the_unit_of_work_fails(harness: Harness) -> None:
    """``add`` is for append-only records: it inserts, and never replaces what is there."""
    new_uow, _ = harness
    async with new_uow() as uow:
        await uow.documents("things").add({"_id": "t1", "n": 1})
        await uow.documents("things").add({"_id": "t2", "n": 1})
        await uow.documents("things").put({"_id": "t2", "n": 2})  # still new to the store
        await uow.commit()
    with pytest.raises((KeyError, BulkWriteError)):
        async with new_uow() as uow:
            await uow.documents("things").add({"_id": "t1", "n": 9})
            await uow.commit()
    async with new_uow() as uow:
        assert (await uow.documents("things").get("t1"))["n"] == 1
        assert (await uow.documents("things").get("t2"))["n"] == 2


def counting_client(uri: str) -> tuple[AsyncMongoClient, Callable[[str], float]]:
    """A client whose commands on ``things`` are counted: ``sent("find")``."""
    listener = MongoCommandMetrics()
    client = connect(uri, app_name="uow-test", listeners=[listener])
    registry = CollectorRegistry()
    listener.bind(registry)

    def sent(command: str) -> float:
        labels = {"command": command, "collection": "things"}
        return registry.get_sample_value("xinbao_mongo_commands_total", labels) or 0.0

    return client, sent


async def test_loaded_documents_are_read_with_one_query_and_absent_ones_remembered(
    mongo_server_uri: str, database_name: str
) -> None:
    """A consumer batch loads the documents its events will get: one find per chunk of ids."""
    client, sent = counting_client(mongo_server_uri)
    db = client[database_name]
    await db.things.insert_many([{"_id": f"t{n}", "n": n} for n in range(10)])
    try:
        async with MongoUnitOfWork(client, db) as uow:
            docs = uow.documents("things")
            await docs.load([f"t{n}" for n in range(10)] + ["absent", "t3"])
            assert [(await docs.get(f"t{n}"))["n"] for n in range(10)] == list(range(10))
            assert await docs.get("absent") is None
            await docs.load(["t1", "absent"])  # all known: no query
            await docs.load([f"u{n}" for n in range(LOAD_CHUNK + 1)])  # two queries
            assert await docs.get("u0") is None
        assert sent("find") == 3
    finally:
        await client.close()


async def test_a_document_found_absent_is_inserted_and_one_found_is_replaced(
    mongo_server_uri: str, database_name: str
) -> None:
    client, sent = counting_client(mongo_server_uri)
    db = client[database_name]

    await db.things.insert_one({"_id": "old", "n": 1})
    try:
        async with MongoUnitOfWork(client, db) as uow:
            docs = uow.documents("things")
            assert await docs.get("new") is None
            await docs.put({"_id": "new", "n": 1})
            await docs.put({"_id": "new", "n": 2})
            await uow.commit()
        assert (sent("insert"), sent("update")) == (2, 0)  # "old" above, then "new"
        async with MongoUnitOfWork(client, db) as uow:
            docs = uow.documents("things")
            await docs.load(["old", "new"])
            await docs.put({"_id": "old", "n": 5})
            await docs.put({"_id": "new", "n": 5})
            await docs.put({"_id": "unread", "n": 5})  # never read: an upsert
            await uow.commit()
        assert (sent("insert"), sent("update")) == (2, 1)
        assert sorted((d["_id"], d["n"]) for d in await db.things.find().to_list(None)) == [
            ("new", 5), ("old", 5), ("unread", 5)
        ]
    finally:
        await client.close()



async def test_one_relay_at_a_time_publishes_the_outbox(harness: Harness) -> None:
    """Several instances of a service each run a relay over one outbox: the one holding the
    lease reads the rows; another gets none until that lease ends."""
    new_uow, outbox = harness
    async with new_uow() as uow:
        for unit_id in ("a", "b", "c"):
            uow.emit(unit_event(unit_id))
        await uow.commit()
    assert [r.key for r in await outbox.lease_pending("relay-1", 2, 30)] == ["a", "b"]
    assert await outbox.lease_pending("relay-2", 10, 30) == []
    assert [r.key for r in await outbox.lease_pending("relay-1", 10, 30)] == ["a", "b", "c"]
    await outbox.lease_pending("relay-1", 10, -1)  # relay-1's lease ends now (it died)
    assert [r.key for r in await outbox.lease_pending("relay-2", 10, 30)] == ["a", "b", "c"]
    assert await outbox.lease_pending("relay-1", 10, 30) == []


async def test_a_relay_that_stops_hands_the_outbox_over_at_once(harness: Harness) -> None:
    new_uow, outbox = harness
    async with new_uow() as uow:
        uow.emit(unit_event("a"))
        await uow.commit()
    assert [r.key for r in await outbox.lease_pending("relay-1", 10, 30)] == ["a"]
    await outbox.release("relay-2")  # not its lease: nothing changes
    assert await outbox.lease_pending("relay-2", 10, 30) == []
    await outbox.release("relay-1")
    assert [r.key for r in await outbox.lease_pending("relay-2", 10, 30)] == ["a"]


async def test_published_rows_are_deleted_and_rows_an_earlier_version_kept_go_at_start_up(
    mongo_client: AsyncMongoClient, database_name: str
) -> None:
    """Earlier versions kept published rows a day under a TTL index; nothing reads them."""
    db = mongo_client[database_name]
    await db.outbox.create_index("published_at", expireAfterSeconds=86400)
    await db.outbox.insert_one({"event_id": "old", "published": True, "published_at": utcnow()})
    await ensure_plumbing_indexes(db)
    assert await db.outbox.count_documents({}) == 0
    assert not [i for i in (await db.outbox.index_information()).values() if "expireAfterSeconds" in i]
    outbox = MongoOutboxStore(db)
    async with MongoUnitOfWork(mongo_client, db) as uow:
        uow.emit(unit_event("a"))
        uow.emit(unit_event("b"))
        await uow.commit()
    first = await outbox.lease_pending("relay", 1, 30)
    await outbox.mark_published(first)
    assert [row["key"] for row in await db.outbox.find().to_list(None)] == ["b"]


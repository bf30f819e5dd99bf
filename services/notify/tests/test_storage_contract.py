"""Notify's storage behaves alike on the in-memory fake and on SecantusDB (MongoDB wire
protocol): range reads of feeds, routed outbox rows, due-time scans, counters."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
from pymongo import AsyncMongoClient

from services.notify.adapters import MemoryNotifyUnitOfWork, MongoNotifyUnitOfWork, ensure_indexes
from services.notify.domain import Delivery, Obligation, Preferences, QuietHours
from services.notify.repositories import NotifyUnitOfWork
from services.notify.tests.harness import local
from shared.contracts import FeedItemPublished
from shared.persistence import (
    MemoryDatabase,
    MemoryOutboxStore,
    MongoOutboxStore,
    OutboxStore,
    ensure_plumbing_indexes,
)

NOW = local("2026-11-18 10:00")


@dataclass
class Store:
    new_uow: Callable[[], NotifyUnitOfWork]
    outbox: OutboxStore


@pytest.fixture(params=["memory", "mongo"])
async def store(request: pytest.FixtureRequest, database_name: str) -> AsyncIterator[Store]:
    if request.param == "memory":
        memory = MemoryDatabase()
        yield Store(lambda: MemoryNotifyUnitOfWork(memory), MemoryOutboxStore(memory))
        return
    client: AsyncMongoClient = AsyncMongoClient(request.getfixturevalue("mongo_server_uri"), tz_aware=True)
    db = client[database_name]
    await ensure_plumbing_indexes(db)
    await ensure_indexes(db)
    yield Store(lambda: MongoNotifyUnitOfWork(client, db), MongoOutboxStore(db))
    await client.close()


def delivery(did: str, at_minutes: int, status: str = "pending") -> Delivery:
    return Delivery(
        did,
        "email",
        "p",
        "p@x.cn",
        "s",
        "b",
        "score",
        NOW,
        NOW + timedelta(minutes=at_minutes),
        status=status,
    )


async def test_feed_entries_read_after_a_sequence_number_in_order(store: Store) -> None:
    async with store.new_uow() as uow:
        for seq in (3, 1, 5, 2, 4):
            await uow.feed_entries.add("acme", f"s{seq}", seq, {"id": f"s{seq}"}, NOW)
        await uow.feed_entries.add("other", "s1", 1, {"id": "s1"}, NOW)
        await uow.commit()
    async with store.new_uow() as uow:
        page = await uow.feed_entries.after("acme", 2, 2)
        rest = await uow.feed_entries.after("acme", 4, 10)
        none = await uow.feed_entries.after("acme", 5, 10)
        assert await uow.feed_entries.exists("acme", "s3") and not await uow.feed_entries.exists("acme", "s9")
    assert [r["seq"] for r in page] == [3, 4] and [r["seq"] for r in rest] == [5] and none == []


async def test_a_retracted_entry_stays_in_sequence_and_its_retraction_follows(store: Store) -> None:
    async with store.new_uow() as uow:
        await uow.feed_entries.add("acme", "s1", 1, {"id": "s1"}, NOW)
        await uow.feed_entries.add("other", "s1", 1, {"id": "s1"}, NOW)
        await uow.commit()
    async with store.new_uow() as uow:
        live = await uow.feed_entries.live("s1")
        assert sorted(r["agency_id"] for r in live) == ["acme", "other"]
        acme = next(r for r in live if r["agency_id"] == "acme")
        await uow.feed_entries.retract(acme, 2, {"id": "s1", "_xinbao": {"retracted": True}}, NOW)
        await uow.commit()
    async with store.new_uow() as uow:
        rows = await uow.feed_entries.after("acme", 0, 10)
        assert [r["agency_id"] for r in await uow.feed_entries.live("s1")] == ["other"]
    assert [(r["seq"], r["withheld"], r.get("retraction", False)) for r in rows] == [
        (1, True, False), (2, False, True),
    ]


def published(seq: int) -> FeedItemPublished:
    return FeedItemPublished.originated(
        producer="notify", agency_id="acme", seq=seq, submission_id=f"s{seq}", item={"id": f"s{seq}"}
    )


async def test_routed_events_join_the_outbox_on_commit_and_vanish_on_rollback(store: Store) -> None:
    async with store.new_uow() as uow:
        uow.emit(published(1), topic="notify.feed.acme.v1")
        await uow.commit()
    with pytest.raises(RuntimeError):
        async with store.new_uow() as uow:
            uow.emit(published(2), topic="notify.feed.acme.v1")
            raise RuntimeError("use case failed")
    rows = await store.outbox.lease_pending("me", 10, 30)
    assert [(r.topic, r.key, r.payload["seq"]) for r in rows] == [("notify.feed.acme.v1", "s1", 1)]


async def test_due_deliveries_come_earliest_first_and_skip_future_or_final_ones(store: Store) -> None:
    async with store.new_uow() as uow:
        for d in (
            delivery("c", -1),
            delivery("a", -10),
            delivery("f", 5),
            delivery("s", -20, "sent"),
            delivery("b", -5, "failed"),
            delivery("x", -30, "dead"),
        ):
            await uow.deliveries.save(d)
        assert not await uow.deliveries.add_new(delivery("a", 0))
        await uow.commit()
    async with store.new_uow() as uow:
        due = await uow.deliveries.due(NOW, 10)
        limited = await uow.deliveries.due(NOW, 2)
    assert [d.delivery_id for d in due] == ["a", "b", "c"] and [d.delivery_id for d in limited] == ["a", "b"]
    assert due[0].next_attempt_at == NOW - timedelta(minutes=10)


async def test_due_obligations_need_to_be_open_and_armed(store: Store) -> None:
    base = Obligation("o", "hs", "dx", "commission", "c", NOW + timedelta(days=3), NOW)
    async with store.new_uow() as uow:
        await uow.obligations.save(
            replace(
                base, obligation_id="armed", next_fire_at=NOW - timedelta(minutes=1), fired=("before:72h",)
            )
        )
        await uow.obligations.save(
            replace(base, obligation_id="later", next_fire_at=NOW + timedelta(hours=1))
        )
        await uow.obligations.save(replace(base, obligation_id="idle"))
        await uow.obligations.save(
            replace(base, obligation_id="closed", status="closed", next_fire_at=NOW - timedelta(hours=1))
        )
        await uow.commit()
    async with store.new_uow() as uow:
        [due] = await uow.obligations.due(NOW, 10)
    assert due.obligation_id == "armed" and due.fired == ("before:72h",)


async def test_counters_count_up_across_transactions(store: Store) -> None:
    values = []
    for _ in range(3):
        async with store.new_uow() as uow:
            values.append(await uow.counters.next("feed:acme"))
            await uow.commit()
    async with store.new_uow() as uow:
        await uow.counters.next("feed:acme")  # not committed: the number is not used up
    async with store.new_uow() as uow:
        values.append(await uow.counters.next("feed:acme"))
    assert values == [1, 2, 3, 4]


async def test_preferences_round_trip(store: Store) -> None:
    prefs = Preferences(
        "p",
        ("inbox", "email"),
        email="p@x.cn",
        language="en",
        quiet_hours=QuietHours.parse("22:00-07:00"),
        digest=True,
    )
    async with store.new_uow() as uow:
        await uow.people.save(prefs, NOW)
        await uow.commit()
    async with store.new_uow() as uow:
        assert await uow.people.get("p") == prefs
        [(reader, last)] = await uow.people.digest_readers()
    assert reader == prefs and last == NOW

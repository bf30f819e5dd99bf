"""The standings watcher: StandingChanged out for each unit whose rank in the current month
moved, once, however many replicas tick; the first snapshot of a month is a baseline.

Time is the tests' clock (``incentives`` fixture); periods are derived from it.
"""
# ruff: noqa: F811 (the tests take the component module's fixture by name)

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pymongo import AsyncMongoClient

from services.incentives.adapters import MongoIncentivesUnitOfWork
from services.incentives.app import create_app, ensure_indexes
from services.incentives.domain import LedgerEntry, UnitProfile
from services.incentives.metrics import IncentivesMetrics
from services.incentives.standings_watcher import StandingsWatcher
from services.incentives.tests.policies import TEST_OFFICE, office_book
from services.incentives.tests.test_incentives_component import (  # noqa: F401 (fixture)
    incentives,
    now,
    period,
    received,
    send,
)
from services.incentives.usecases import record_entries, watch_standings
from services.incentives.usecases.standings_watch import snapshot_key, standing_event_id
from shared.auth.testing import TestTokens
from shared.clock import SettableClock
from shared.contracts import StandingChanged, SubmissionScored
from shared.observability.metrics import new_registry
from shared.persistence import MemoryDatabase, ensure_plumbing_indexes


def scored(sid: str, unit: str, band: str) -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring", submission_id=sid, unit_id=unit, author_id="officer", title="t",
        period=period(), revision=0, overall=80, band=band, language="zh",
        rubric_version="v1", criteria=[], occurred_at=now(),
    )


async def item(app: Any, sid: str, unit: str, band: str = "excellent") -> None:
    """An item of ``unit`` received and scored (excellent 3 points, good 2, fair 1)."""
    await send(app, received(sid, unit))
    await send(app, scored(sid, unit, band))


def changes(memory: MemoryDatabase) -> list[dict[str, Any]]:
    return [r.payload for r in memory.outbox if r.event_type == "StandingChanged"]


def watcher(app: Any) -> StandingsWatcher:
    return app.state.standings_watcher  # type: ignore[no-any-return]


async def test_the_first_snapshot_of_a_month_is_a_baseline_and_announces_nothing(incentives: Any) -> None:
    app, memory, _ = incentives
    await item(app, "s1", "hs")
    tick = await watcher(app).tick_once()
    assert (tick.period, tick.version, tick.emitted, tick.outcome) == (period(), 1, 0, "saved")
    assert changes(memory) == []
    snapshot = memory.table("rank_snapshots")[period()]
    assert snapshot["version"] == 1
    assert {r["unit_id"]: r["rank"] for r in snapshot["ranks"]} == {"hs": 1, "qs": 2}


async def test_each_unit_whose_rank_moved_is_announced_once(incentives: Any) -> None:
    app, memory, _ = incentives
    await watcher(app).tick_once()                     # baseline: both at zero, tied first
    await item(app, "s1", "hs")
    assert (await watcher(app).tick_once()).emitted == 1
    [qs] = changes(memory)
    assert qs["event_id"] == standing_event_id(period(), "qs", 2)
    assert (qs["unit_id"], qs["rank"], qs["previous_rank"], qs["group_size"]) == ("qs", 2, 1, 2)
    assert (qs["period"], qs["peer_group"], Decimal(qs["total_points"]), qs["entries"]) == (
        period(), "I", Decimal(0), 0,
    )
    await item(app, "s2", "qs")
    await item(app, "s3", "qs", "good")               # qs 5 points, hs 3: they swap
    assert (await watcher(app).tick_once()).emitted == 2
    swapped = {c["unit_id"]: (c["previous_rank"], c["rank"]) for c in changes(memory)[1:]}
    assert swapped == {"qs": (2, 1), "hs": (1, 2)}
    StandingChanged.model_validate(changes(memory)[-1])


async def test_points_that_leave_every_rank_in_place_announce_nothing(incentives: Any) -> None:
    app, memory, _ = incentives
    await item(app, "s1", "hs")
    await watcher(app).tick_once()
    await item(app, "s2", "hs", "fair")                # hs further ahead: same ranks
    tick = await watcher(app).tick_once()
    assert (tick.version, tick.emitted, tick.outcome) == (1, 0, "unchanged")
    assert (await watcher(app).tick_once()).emitted == 0
    assert changes(memory) == []


async def test_two_watchers_ticking_together_announce_each_change_once(incentives: Any) -> None:
    app, memory, _ = incentives
    await watcher(app).tick_once()
    await item(app, "s1", "hs")
    deps = app.state.deps
    one, two = (
        StandingsWatcher(deps.new_uow, deps.book, deps.clock, IncentivesMetrics(new_registry()))
        for _ in range(2)
    )
    ticks = await asyncio.gather(one.tick_once(), two.tick_once())
    assert sorted(t.outcome for t in ticks) == ["saved", "unchanged"]
    assert [c["unit_id"] for c in changes(memory)] == ["qs"]


async def test_a_replica_that_read_the_old_snapshot_commits_nothing(incentives: Any) -> None:
    app, memory, _ = incentives
    await watcher(app).tick_once()
    await item(app, "s1", "hs")
    memory.inbox.add(snapshot_key(period(), 2))        # another instance took version 2
    tick = await watcher(app).tick_once()
    assert tick.taken_by_another and tick.emitted == 0
    assert changes(memory) == [] and memory.table("rank_snapshots")[period()]["version"] == 1


async def test_the_watcher_ranks_the_month_of_now_on_the_office_clock(
    incentives: Any, clock: SettableClock
) -> None:
    app, memory, _ = incentives
    await item(app, "s1", "hs")
    await watcher(app).tick_once()
    beijing = clock().astimezone(ZoneInfo("Asia/Shanghai"))
    first_of_next = (beijing.replace(day=1) + timedelta(days=32)).replace(day=1, hour=0, minute=0, second=0)
    clock.set(first_of_next)                           # 16:00 UTC the day before, in UTC terms
    tick = await watcher(app).tick_once()
    assert tick.period == f"{first_of_next:%Y-%m}" != period()
    assert (tick.version, tick.emitted) == (1, 0)
    clock.set(first_of_next - timedelta(seconds=1))
    assert (await watcher(app).tick_once()).period == period()
    assert changes(memory) == []


async def test_the_watcher_counts_what_it_emitted(incentives: Any) -> None:
    app, _, _ = incentives
    await watcher(app).tick_once()
    await item(app, "s1", "hs")
    await watcher(app).tick_once()
    registry = app.state.runtime.registry
    assert registry.get_sample_value("xinbao_standing_changes_total") == 1
    assert registry.get_sample_value("xinbao_standings_snapshots_total", {"outcome": "saved"}) == 2


def test_the_watcher_runs_with_the_app_unless_switched_off(clock: SettableClock) -> None:
    verifier = TestTokens(clock).verifier("incentives")
    on = create_app(memory=MemoryDatabase(), clock=clock, verifier=verifier)
    off = create_app(memory=MemoryDatabase(), clock=clock, verifier=verifier, standings_watch_enabled=False)
    assert on.state.standings_watcher.start in on.state.runtime.on_startup
    assert off.state.standings_watcher.start not in off.state.runtime.on_startup
    assert on.state.standings_watcher.tick_seconds == 300


async def test_two_replicas_on_mongodb_commit_one_snapshot(mongo_server_uri: str, database_name: str) -> None:
    client: AsyncMongoClient = AsyncMongoClient(mongo_server_uri, tz_aware=True)
    db = client[database_name]
    await ensure_plumbing_indexes(db)
    await ensure_indexes(db)
    book = office_book()
    at = datetime(2026, 11, 18, 4, 0, tzinfo=UTC)
    month = book.month_at(at)

    def new_uow() -> MongoIncentivesUnitOfWork:
        return MongoIncentivesUnitOfWork(client, db)

    async with new_uow() as uow:
        for n in range(6):
            await uow.units.save(UnitProfile(f"u{n}", parent_id=TEST_OFFICE))
        await uow.commit()
    assert (await watch_standings(new_uow, book, at)).version == 1
    async with new_uow() as uow:
        await record_entries(uow, [LedgerEntry(
            "e1:submission:u5", "u5", None, "e1", month, Decimal(3), Decimal(0), "submission",
            "v", "e1", "test",
        )], cause=None, at=at)
        await uow.commit()
    ticks = await asyncio.gather(*(watch_standings(new_uow, book, at) for _ in range(2)))
    rows = await db["outbox"].find({"type": "StandingChanged"}).to_list(None)
    assert {r["event_id"] for r in rows} == {standing_event_id(month, f"u{n}", 2) for n in range(5)}
    assert len(rows) == 5 and sum(t.emitted for t in ticks) == 5
    assert (await db["rank_snapshots"].find_one({"_id": month}) or {})["version"] == 2
    await client.close()

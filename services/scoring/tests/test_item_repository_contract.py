"""The scoring item repository behaves alike on the in-memory fake and on SecantusDB."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import replace

import pytest
from pymongo import AsyncMongoClient

from services.scoring.adapters.memory import MemoryScoringUnitOfWork
from services.scoring.adapters.mongo import MongoScoringUnitOfWork, ensure_indexes
from services.scoring.domain import simhash, simhash_bands
from services.scoring.ports import DUPLICATE_BANDS, ItemRecord, ScoringUnitOfWork
from shared.contracts import utcnow
from shared.persistence import MemoryDatabase, ensure_plumbing_indexes

TEXT = "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。"


def record(sid: str, body: str = TEXT, period: str = "2026-11") -> ItemRecord:
    return ItemRecord(
        submission_id=sid, unit_id="u", author_id="a", title="t", body=body, category="动态",
        language="zh", period=period, submitted_at=utcnow(), fingerprint=simhash(body),
    )


@pytest.fixture(params=["memory", "mongo"])
async def new_uow(
    request: pytest.FixtureRequest, database_name: str
) -> AsyncIterator[Callable[[], ScoringUnitOfWork]]:
    if request.param == "memory":
        memory = MemoryDatabase()
        yield lambda: MemoryScoringUnitOfWork(memory)
        return
    client: AsyncMongoClient = AsyncMongoClient(request.getfixturevalue("mongo_server_uri"), tz_aware=True)
    db = client[database_name]
    await ensure_plumbing_indexes(db)
    await ensure_indexes(db)
    yield lambda: MongoScoringUnitOfWork(client, db)
    await client.close()


async def test_saved_item_reads_back_equal(new_uow: Callable[[], ScoringUnitOfWork]) -> None:
    saved = record("s1")
    async with new_uow() as uow:
        await uow.items.save(saved)
        await uow.commit()
    async with new_uow() as uow:
        loaded = await uow.items.get("s1")
    assert loaded is not None and loaded.fingerprint == saved.fingerprint and loaded.body == TEXT


async def test_candidates_share_a_band_and_exclude_the_item_itself(
    new_uow: Callable[[], ScoringUnitOfWork],
) -> None:
    async with new_uow() as uow:
        await uow.items.save(record("s1"))
        await uow.items.save(record("s2", body="完全不同的一段文字，讲的是营商环境和证照联办改革。"))
        await uow.commit()
    async with new_uow() as uow:
        found = await uow.items.candidates(simhash_bands(simhash(TEXT), DUPLICATE_BANDS), exclude="s3")
        itself = await uow.items.candidates(simhash_bands(simhash(TEXT), DUPLICATE_BANDS), exclude="s1")
    assert [c.submission_id for c in found] == ["s1"]
    assert all(c.submission_id != "s1" for c in itself)


async def test_period_scan_lists_only_that_period(new_uow: Callable[[], ScoringUnitOfWork]) -> None:
    async with new_uow() as uow:
        for sid, period in (("a", "2026-10"), ("b", "2026-11"), ("c", "2026-11")):
            await uow.items.save(record(sid, period=period))
        await uow.commit()
    async with new_uow() as uow:
        ids = [item.submission_id async for item in uow.items.in_period("2026-11")]
        count = await uow.items.count_in_period("2026-11")
    assert sorted(ids) == ["b", "c"] and count == 2


async def test_a_copy_seven_bits_away_is_always_a_candidate(new_uow: Callable[[], ScoringUnitOfWork]) -> None:
    original = record("s1")
    assert original.fingerprint is not None
    edited = original.fingerprint ^ sum(1 << (8 * byte) for byte in range(7))  # one bit in 7 bytes
    async with new_uow() as uow:
        await uow.items.save(original)
        await uow.commit()
    async with new_uow() as uow:
        found = await uow.items.candidates(simhash_bands(edited, DUPLICATE_BANDS), exclude="s9")
    assert [c.submission_id for c in found] == ["s1"]


async def test_the_offices_that_adopted_an_item_read_back(
    new_uow: Callable[[], ScoringUnitOfWork],
) -> None:
    async with new_uow() as uow:
        await uow.items.save(replace(record("s1"), adopted_by=["dx", "lj"]))
        await uow.commit()
    async with new_uow() as uow:
        loaded = await uow.items.get("s1")
    assert loaded is not None and loaded.adopted_by == ["dx", "lj"]


async def test_a_lineage_climbs_the_tree_as_far_as_it_is_known(
    new_uow: Callable[[], ScoringUnitOfWork],
) -> None:
    async with new_uow() as uow:
        tree = [("jn", None), ("dx", "jn"), ("hs", "dx"), ("loop-a", "loop-b"), ("loop-b", "loop-a")]
        for unit, parent in tree:
            await uow.units.place(unit, parent)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.units.lineage("hs") == ("hs", "dx", "jn")
        assert await uow.units.lineage("unheard-of") == ("unheard-of",)
        assert await uow.units.lineage("loop-a") == ("loop-a", "loop-b"), "a cycle ends the climb"

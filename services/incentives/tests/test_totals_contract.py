"""The totals projection and the facts kept for replays, alike on the memory store and SecantusDB.

Incremental upkeep (each batch added as it is appended) and a rebuild from the ledger give
the same cells, and both equal the domain's fold of the ledger.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from pymongo import AsyncMongoClient

from services.incentives.adapters import MemoryIncentivesUnitOfWork, MongoIncentivesUnitOfWork
from services.incentives.app import ensure_indexes
from services.incentives.domain import LedgerEntry, fold
from services.incentives.domain.periods import contains
from services.incentives.repositories import Cell, IncentivesUnitOfWork, cells_of
from services.incentives.tests.sample_ledger import batches, facts
from services.incentives.usecases import rebuild_totals, record_entries, verify_totals
from shared.persistence import MemoryDatabase, ensure_plumbing_indexes

UowFactory = Callable[[], IncentivesUnitOfWork]


@pytest.fixture(params=["memory", "mongo"])
async def new_uow(request: pytest.FixtureRequest, database_name: str) -> AsyncIterator[UowFactory]:
    if request.param == "memory":
        memory = MemoryDatabase()
        yield lambda: MemoryIncentivesUnitOfWork(memory)
        return
    client: AsyncMongoClient = AsyncMongoClient(request.getfixturevalue("mongo_server_uri"), tz_aware=True)
    db = client[database_name]
    await ensure_plumbing_indexes(db)
    await ensure_indexes(db)
    yield lambda: MongoIncentivesUnitOfWork(client, db)
    await client.close()


async def append_incrementally(new_uow: UowFactory) -> list[LedgerEntry]:
    appended = []
    for batch in batches():
        async with new_uow() as uow:
            appended += await record_entries(uow, batch, cause=None)
            await uow.commit()
    return appended


async def stored_cells(new_uow: UowFactory) -> dict[str, dict[tuple[str, str], object]]:
    async with new_uow() as uow:
        return {s: await uow.totals.cells(s) for s in ("unit", "person")}


@pytest.mark.parametrize("period", ["2026-10", "2026-Q4", "2026"])
async def test_sums_equal_the_fold_of_the_ledger_over_any_period(new_uow: UowFactory, period: str) -> None:
    entries = await append_incrementally(new_uow)
    async with new_uow() as uow:
        units = await uow.totals.sums("unit", period)
        people = await uow.totals.sums("person", period)
    assert {u: c.sums() for u, c in units.items()} == fold(entries).totals(period)
    expected_people: dict[str, Cell] = {}
    for (person, entry_period), cell in cells_of("person", entries).items():
        if contains(period, entry_period):
            expected_people[person] = expected_people.get(person, Cell()).plus(cell)
    assert {p: c.sums() for p, c in people.items()} == {p: c.sums() for p, c in expected_people.items()}
    assert all(c.unit_ids == (p.split(".")[0],) for p, c in people.items())


async def test_a_rebuild_gives_the_cells_the_incremental_upkeep_gave(new_uow: UowFactory) -> None:
    await append_incrementally(new_uow)
    incremental = await stored_cells(new_uow)
    async with new_uow() as uow:  # damage the projection: a wrong cell and a stray one
        await uow.totals.docs.put({**(await uow.totals.docs.get("unit:u1:2026-10")), "points": "999.00"})
        await uow.totals.docs.put(
            {
                **(await uow.totals.docs.get("unit:u1:2026-10")),
                "_id": "unit:ghost:2026-10",
                "subject_id": "ghost",
            }
        )
        await uow.commit()
    assert len(await verify_totals(new_uow)) == 2
    report = await rebuild_totals(new_uow)
    assert await stored_cells(new_uow) == incremental
    assert report.cells_changed == 2 and await verify_totals(new_uow) == []
    assert (await rebuild_totals(new_uow)).cells_changed == 0


async def test_a_ledger_without_totals_is_rebuilt_period_by_period(new_uow: UowFactory) -> None:
    entries = [e for batch in batches() for e in batch]
    async with new_uow() as uow:
        for entry in entries:
            await uow.ledger.append(entry)
        await uow.commit()
    await rebuild_totals(new_uow, "2026-10")
    cells = await stored_cells(new_uow)
    assert {p for _, p in cells["unit"]} == {"2026-10"}
    assert await verify_totals(new_uow, "2026-10") == [] and await verify_totals(new_uow, "2026-11") != []
    await rebuild_totals(new_uow)
    expected = {s: cells_of(s, entries) for s in ("unit", "person")}  # type: ignore[arg-type]
    assert await stored_cells(new_uow) == expected


async def test_facts_of_a_year_come_back_in_order_with_their_items_history(new_uow: UowFactory) -> None:
    kept = facts()
    for fact in kept:
        async with new_uow() as uow:
            await uow.facts.keep(fact)
            await uow.commit()
    async with new_uow() as uow:
        year = await uow.facts.for_year("2026")
        none = await uow.facts.for_year("2025")
    assert year == kept and none == []

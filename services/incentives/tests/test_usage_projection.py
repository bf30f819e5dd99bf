"""The cap-usage projection is the fold of the ledger, however it was started."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.incentives.adapters import MemoryIncentivesUnitOfWork
from services.incentives.domain import LedgerEntry
from services.incentives.domain.history import CapUsage, usage_from_entries
from services.incentives.domain.periods import year_of
from services.incentives.tests.sample_ledger import batches
from shared.persistence import MemoryDatabase


def expected(entries: list[LedgerEntry], unit_id: str, year: str) -> CapUsage:
    """What the decision used to fold for every event: the unit's year and the year's money."""
    in_year = [e for e in entries if year_of(e.period) == year]
    usage = usage_from_entries([e for e in in_year if e.unit_id == unit_id or e.money])
    points = {key: by_period for key, by_period in usage.points.items() if key[0] == unit_id}
    return CapUsage(points, usage.money)


def without_zeros(usage: CapUsage) -> tuple[dict, dict]:  # type: ignore[type-arg]
    points = {k: {p: v for p, v in by.items() if v} for k, by in usage.points.items()}
    return {k: v for k, v in points.items() if v}, {p: v for p, v in usage.money.items() if v}


async def append(memory: MemoryDatabase, batch: list[LedgerEntry], *, count_usage: bool) -> None:
    async with MemoryIncentivesUnitOfWork(memory) as uow:
        appended = [entry for entry in batch if await uow.ledger.append(entry)]
        if count_usage:
            await uow.usage.add(appended)
        await uow.commit()


@pytest.mark.parametrize("counted_from", [0, 20], ids=["from the start", "ledger older than the projection"])
async def test_usage_equals_the_fold_of_the_ledger(counted_from: int) -> None:
    memory = MemoryDatabase()
    ledger = batches()
    assert any(e.money for batch in ledger for e in batch), "the sample should pay money too"
    for n, batch in enumerate(ledger):
        await append(memory, batch, count_usage=n >= counted_from)
    await append(memory, ledger[0], count_usage=True)  # a redelivery appends nothing
    entries = [e for batch in ledger for e in batch]
    units = sorted({e.unit_id for e in entries})
    async with MemoryIncentivesUnitOfWork(memory) as uow:
        for unit_id in units:
            stored = await uow.usage.usage(unit_id, "2026")
            assert without_zeros(stored) == without_zeros(expected(entries, unit_id, "2026")), unit_id
            assert stored.money_spent("2026") == sum((e.money for e in entries), Decimal(0))

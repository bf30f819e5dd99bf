"""Cap usage kept beside the ledger: what a decision needs to know about caps and budgets.

A decision asks how many points a unit already holds against each cap in a year and how
much money was paid in that year (:class:`~services.incentives.domain.history.CapUsage`).
Folding the ledger for that on every event read the unit's whole year and every paid entry
of the year, by every unit, for each event: a cost that grew with the ledger. Two documents
hold the answer instead, updated with each append in the same unit of work:

- ``unit:{unit_id}:{year}``: net points per cap key and entry period;
- ``money:{year}``: net money per entry period, all units.

A document that is missing (a ledger from before this projection, or the projection
dropped) is folded from the ledger the first time it is needed and kept from then on; the
fold sees the entries appended in the same unit of work, so they are counted once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from services.incentives.domain import LedgerEntry
from services.incentives.domain.history import CapUsage, cap_key_of
from services.incentives.domain.periods import year_of
from services.incentives.repositories.ledger import LedgerRepository
from shared.persistence import Documents

Doc = dict[str, Any]


class UsageRepository:
    def __init__(self, docs: Documents, ledger: LedgerRepository) -> None:
        self.docs = docs
        self.ledger = ledger

    async def usage(self, unit_id: str, year: str) -> CapUsage:
        """Points of ``unit_id`` per cap in ``year`` and money paid in ``year``."""
        points = await self._unit(unit_id, year)
        money = await self._money(year)
        return CapUsage(
            {(unit_id, key): _decimals(by_period) for key, by_period in points.items()},
            _decimals(money),
        )

    async def add(self, entries: Iterable[LedgerEntry]) -> None:
        """Count ``entries``, just appended to the ledger in this unit of work."""
        by_unit: dict[tuple[str, str], list[LedgerEntry]] = defaultdict(list)
        by_year: dict[str, list[LedgerEntry]] = defaultdict(list)
        for entry in entries:
            by_unit[(entry.unit_id, year_of(entry.period))].append(entry)
            if entry.money:
                by_year[year_of(entry.period)].append(entry)
        for (unit_id, year), counted in by_unit.items():
            doc = await self.docs.get(_unit_id(unit_id, year))
            if doc is None:
                await self._unit(unit_id, year)  # folded from the ledger, which holds ``counted``
                continue
            for entry in counted:
                _add(doc["points"].setdefault(cap_key_of(entry.rule), {}), entry.period, entry.points)
            await self.docs.put(doc)
        for year, paid in by_year.items():
            doc = await self.docs.get(_money_id(year))
            if doc is None:
                await self._money(year)
                continue
            for entry in paid:
                _add(doc["money"], entry.period, entry.money)
            await self.docs.put(doc)

    async def _unit(self, unit_id: str, year: str) -> dict[str, dict[str, str]]:
        doc = await self.docs.get(_unit_id(unit_id, year))
        if doc is None:
            points: dict[str, dict[str, str]] = {}
            for entry in await self.ledger.for_unit(unit_id, year):
                _add(points.setdefault(cap_key_of(entry.rule), {}), entry.period, entry.points)
            doc = {"_id": _unit_id(unit_id, year), "unit_id": unit_id, "year": year, "points": points}
            await self.docs.put(doc)
        return doc["points"]

    async def _money(self, year: str) -> dict[str, str]:
        doc = await self.docs.get(_money_id(year))
        if doc is None:
            money: dict[str, str] = {}
            for entry in await self.ledger.with_money(year):
                _add(money, entry.period, entry.money)
            doc = {"_id": _money_id(year), "year": year, "money": money}
            await self.docs.put(doc)
        return doc["money"]


def _decimals(by_period: dict[str, str]) -> dict[str, Decimal]:
    return {period: Decimal(amount) for period, amount in by_period.items()}


def _add(by_period: dict[str, str], period: str, amount: Decimal) -> None:
    by_period[period] = str(Decimal(by_period.get(period, "0")) + amount)


def _unit_id(unit_id: str, year: str) -> str:
    return f"unit:{unit_id}:{year}"


def _money_id(year: str) -> str:
    return f"money:{year}"

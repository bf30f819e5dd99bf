"""Read side: balances, the entries behind them, and standings served from the projection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from services.incentives.domain import (
    Assessed,
    LedgerEntry,
    PeerGroupOf,
    PolicyBook,
    Standing,
    assessed_units,
    balance,
    peer_grouping,
    rank_totals,
)
from services.incentives.repositories import Cell, IncentivesUnitOfWork, Subject
from services.incentives.usecases.common import UnitOfWorkFactory

RankBy = Literal["total", "average"]


@dataclass(frozen=True)
class Balance:
    unit_id: str
    period: str
    points: Decimal
    money: Decimal
    entries: int


@dataclass(frozen=True)
class EntryPage:
    """One page of a unit's entries and how many there are in all."""

    entries: list[LedgerEntry]
    total: int


@dataclass(frozen=True)
class Standings:
    """Units or officers ranked among their peers in a period, with names and home units."""

    period: str
    subject: Subject
    policy_version: str
    rank_by: RankBy
    rows: list[Standing]
    names: dict[str, str] = field(default_factory=dict)
    unit_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)


async def unit_parents(new_uow: UnitOfWorkFactory) -> dict[str, str | None]:
    """Each unit's parent in the org tree, as intake last placed it (for scope)."""
    async with new_uow() as uow:
        return {u.unit_id: u.parent_id for u in await uow.units.all()}


async def unit_balance(new_uow: UnitOfWorkFactory, unit_id: str, period: str) -> Balance:
    """A unit's points and money in a period, derived from its entries."""
    async with new_uow() as uow:
        entries = await uow.ledger.for_unit(unit_id, period)
    points, money = balance(entries)
    return Balance(unit_id, period, points, money, len(entries))


async def unit_entries(
    new_uow: UnitOfWorkFactory, unit_id: str, period: str, skip: int, limit: int
) -> EntryPage:
    """A page of the entries behind a unit's balance, in the order they were appended."""
    async with new_uow() as uow:
        entries = await uow.ledger.for_unit(unit_id, period, skip=skip, limit=limit)
        total = await uow.ledger.count_for_unit(unit_id, period)
    return EntryPage(entries, total)


async def period_standings(
    new_uow: UnitOfWorkFactory,
    book: PolicyBook,
    period: str,
    by: RankBy | None = None,
    subject: Subject = "unit",
) -> Standings:
    """Units (or officers) ranked among their peers for ``period``, from the totals projection.

    An officer's peers are the officers of units in the same peer group as their unit.
    """
    async with new_uow() as uow:
        return await standings_in(uow, book, period, by, subject)


async def standings_in(
    uow: IncentivesUnitOfWork,
    book: PolicyBook,
    period: str,
    by: RankBy | None = None,
    subject: Subject = "unit",
) -> Standings:
    """:func:`period_standings` read inside the caller's unit of work (the standings watcher
    ranks and snapshots in one transaction)."""
    sums = await uow.totals.sums(subject, period)
    units = await uow.units.all()
    names = await uow.people.names() if subject == "person" else {u.unit_id: u.name for u in units}
    policy = book.for_period(period)
    scope = assessed_units(policy, units)
    rank_by: RankBy = by or policy.ranking.by
    group_of_unit = peer_grouping(policy, scope.units)
    if subject == "unit":
        sums = scope.merge(sums, Cell.plus)
        group_of, listed = group_of_unit, scope.unit_ids
    else:
        sums = {s: cell for s, cell in sums.items() if any(scope.credit(u) for u in cell.unit_ids)}
        group_of, listed = _by_home_unit(group_of_unit, scope, sums), []
    homes = {subject_id: cell.unit_ids for subject_id, cell in sums.items()}
    rows = rank_totals({s: cell.sums() for s, cell in sums.items()}, listed, group_of, rank_by)
    return Standings(period, subject, policy.version, rank_by, rows, names, homes)


def _by_home_unit(group_of_unit: PeerGroupOf, scope: Assessed, sums: Mapping[str, Cell]) -> PeerGroupOf:
    """An officer's peer group: that of the assessed unit the (first) unit in scope their
    entries are for counts towards."""
    homes = {
        person_id: next((c for u in cell.unit_ids if (c := scope.credit(u)) is not None), "")
        for person_id, cell in sums.items()
    }
    return lambda person_id: group_of_unit(homes.get(person_id, ""))

"""Standings: each unit's total, items and average in a period, ranked among its peers.

Standings are a fold of the ledger. ``StandingsTally`` is the accumulator (apply entries one
by one or all at once: the result is the same), ``rank_standings`` reads a period from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from services.incentives.domain.ledger import LedgerEntry, Rule
from services.incentives.domain.money import ZERO, to_cents
from services.incentives.domain.periods import contains
from services.incentives.domain.units import PeerGroupOf

RankBy = Literal["total", "average"]

_SUBMISSION = Rule.SUBMISSION.value
_NOTHING = (ZERO, ZERO, 0, 0)


@dataclass(frozen=True, slots=True)
class Standing:
    """A unit's result in a period: ``items`` counts its items still on record."""

    unit_id: str
    peer_group: str
    total: Decimal
    money: Decimal
    items: int
    average: Decimal
    entries: int
    rank: int


class StandingsTally:
    """Running sums per (unit, entry period): points, money, entries, items.

    The one mutable object of the domain: an accumulator for folding millions of entries.
    ``apply`` one entry at a time equals ``apply_all`` over the same entries.
    """

    __slots__ = ("_cells",)

    def __init__(self) -> None:
        self._cells: dict[tuple[str, str], list[object]] = {}

    def apply(self, entry: LedgerEntry) -> None:
        """Count one entry."""
        self.apply_all((entry,))

    def apply_all(self, entries: Iterable[LedgerEntry]) -> None:
        """Count ``entries`` (the hot loop of a ledger rebuild)."""
        cells = self._cells
        for entry in entries:
            key = (entry.unit_id, entry.period)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = [ZERO, ZERO, 0, 0]
            cell[0] += entry.points  # type: ignore[operator]
            cell[1] += entry.money  # type: ignore[operator]
            cell[2] += 1  # type: ignore[operator]
            if entry.rule == _SUBMISSION:
                cell[3] += -1 if entry.reverses_entry_id else 1  # type: ignore[operator]

    def units(self) -> set[str]:
        """Units with at least one entry."""
        return {unit for unit, _ in self._cells}

    def totals(self, period: str) -> dict[str, tuple[Decimal, Decimal, int, int]]:
        """(points, money, entries, items) per unit over the entry periods inside ``period``."""
        sums: dict[str, tuple[Decimal, Decimal, int, int]] = {}
        inside: dict[str, bool] = {}
        for (unit, entry_period), cell in self._cells.items():
            if entry_period not in inside:
                inside[entry_period] = contains(period, entry_period)
            if not inside[entry_period]:
                continue
            points, money, entries, items = sums.get(unit, (ZERO, ZERO, 0, 0))
            sums[unit] = (
                points + cell[0],  # type: ignore[operator]
                money + cell[1],  # type: ignore[operator]
                entries + cell[2],  # type: ignore[operator]
                items + cell[3],  # type: ignore[operator]
            )
        return sums

    def snapshot(self) -> dict[tuple[str, str], tuple[object, ...]]:
        """The sums per (unit, entry period), for comparing two tallies."""
        return {key: tuple(cell) for key, cell in self._cells.items()}


def fold(entries: Iterable[LedgerEntry]) -> StandingsTally:
    """A tally of ``entries``."""
    tally = StandingsTally()
    tally.apply_all(entries)
    return tally


def standings(
    entries: Iterable[LedgerEntry],
    units: Iterable[str],
    period: str,
    peer_group_of: PeerGroupOf,
    by: RankBy = "total",
) -> list[Standing]:
    """Every unit's standing in ``period``, ranked among its peers by total or average per item."""
    return rank_standings(fold(entries), units, period, peer_group_of, by)


def rank_standings(
    tally: StandingsTally,
    units: Iterable[str],
    period: str,
    peer_group_of: PeerGroupOf,
    by: RankBy = "total",
) -> list[Standing]:
    """Standings read from a tally; units without entries stand at zero."""
    return rank_totals(tally.totals(period), units, peer_group_of, by)


def rank_totals(
    sums: Mapping[str, tuple[Decimal, Decimal, int, int]],
    units: Iterable[str],
    peer_group_of: PeerGroupOf,
    by: RankBy = "total",
) -> list[Standing]:
    """Standings from (points, money, entries, items) per unit already summed over a period.

    The read side of a stored projection of the tally; units without sums stand at zero.
    """
    groups: dict[str, list[str]] = {}
    for unit_id in set(units) | set(sums):
        groups.setdefault(peer_group_of(unit_id), []).append(unit_id)
    ranked: list[Standing] = []
    for group in sorted(groups):
        ranked.extend(_ranked_group(group, groups[group], sums, by))
    return ranked


def _ranked_group(
    group: str,
    unit_ids: list[str],
    sums: Mapping[str, tuple[Decimal, Decimal, int, int]],
    by: RankBy,
) -> list[Standing]:
    rows = {}
    for unit_id in unit_ids:
        points, money, entries, items = sums.get(unit_id, _NOTHING)
        rows[unit_id] = (
            points,
            money,
            entries,
            items,
            to_cents(points / items) if items > 0 else ZERO,
        )
    ranks = competition_ranks({u: row[0] if by == "total" else row[4] for u, row in rows.items()})
    return [
        Standing(unit_id, group, row[0], row[1], row[3], row[4], row[2], ranks[unit_id])
        for unit_id, row in sorted(rows.items(), key=lambda item: (ranks[item[0]], item[0]))
    ]


def competition_ranks(scores: Mapping[str, Decimal]) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4), highest score first; ties share the better rank."""
    ordered = sorted(scores, key=lambda unit: (-scores[unit], unit))
    ranks: dict[str, int] = {}
    previous: str | None = None
    for position, unit in enumerate(ordered, start=1):
        tied = previous is not None and scores[previous] == scores[unit]
        ranks[unit] = ranks[previous] if tied and previous is not None else position
        previous = unit
    return ranks

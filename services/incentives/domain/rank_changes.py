"""Rank changes: compare a period's standings with the last snapshot of its ranks.

A :class:`RankSnapshot` keeps each unit's (peer group, rank) in a period and a version
that grows by one with every snapshot taken. ``next_snapshot`` says whether the standings
differ from the last snapshot (a rank, a peer group, a unit coming or going) and
``rank_changes`` which units' ranks moved. The first snapshot of a period is a baseline:
it announces nothing, so switching the watcher on mid-month (or the quiet first tick of a
month, when every unit stands at zero) does not tell every unit of a "change".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from services.incentives.domain.standings import Standing

Place = tuple[str, int]
"""(peer group, rank) of a unit."""


@dataclass(frozen=True, slots=True)
class RankSnapshot:
    """Each unit's place in ``period`` when the snapshot ``version`` was taken (1, 2, …)."""

    period: str
    version: int
    places: Mapping[str, Place]


@dataclass(frozen=True, slots=True)
class RankChange:
    """A unit whose rank moved: its standing now, its rank before (None: new in the
    standings or in its peer group) and the size of its peer group."""

    standing: Standing
    previous_rank: int | None
    group_size: int


def places_of(rows: Sequence[Standing]) -> dict[str, Place]:
    """Each unit's (peer group, rank) in ``rows``."""
    return {row.unit_id: (row.peer_group, row.rank) for row in rows}


def next_snapshot(before: RankSnapshot | None, period: str, rows: Sequence[Standing]) -> RankSnapshot | None:
    """The snapshot to keep for ``rows``; None when they place every unit as ``before`` did."""
    places = places_of(rows)
    if before is not None and dict(before.places) == places:
        return None
    return RankSnapshot(period, before.version + 1 if before else 1, places)


def rank_changes(before: RankSnapshot | None, rows: Sequence[Standing]) -> list[RankChange]:
    """The units of ``rows`` whose place differs from ``before``; none for the first snapshot."""
    if before is None:
        return []
    sizes = Counter(row.peer_group for row in rows)
    changes = []
    for row in rows:
        place = before.places.get(row.unit_id)
        if place == (row.peer_group, row.rank):
            continue
        previous = place[1] if place is not None and place[0] == row.peer_group else None
        changes.append(RankChange(row, previous, sizes[row.peer_group]))
    return changes


"""Rank changes between two snapshots of a period's standings (pure)."""

from __future__ import annotations

from decimal import Decimal

from services.incentives.domain import Standing
from services.incentives.domain.rank_changes import RankSnapshot, next_snapshot, rank_changes


def row(unit: str, rank: int, group: str = "I", total: str = "0") -> Standing:
    return Standing(unit, group, Decimal(total), Decimal(0), 0, Decimal(0), 0, rank)


def test_the_first_snapshot_is_version_one_and_announces_nothing() -> None:
    rows = [row("hs", 1, total="3"), row("qs", 2)]
    first = next_snapshot(None, "2026-11", rows)
    assert first == RankSnapshot("2026-11", 1, {"hs": ("I", 1), "qs": ("I", 2)})
    assert rank_changes(None, rows) == []


def test_only_the_units_whose_rank_moved_are_changes() -> None:
    before = RankSnapshot("2026-11", 4, {"hs": ("I", 1), "qs": ("I", 2), "ls": ("I", 3)})
    rows = [row("qs", 1, total="5"), row("hs", 2, total="3"), row("ls", 3)]
    changes = rank_changes(before, rows)
    assert [(c.standing.unit_id, c.previous_rank, c.standing.rank, c.group_size) for c in changes] == [
        ("qs", 2, 1, 3),
        ("hs", 1, 2, 3),
    ]
    after = next_snapshot(before, "2026-11", rows)
    assert after is not None and after.version == 5


def test_unchanged_places_need_no_new_snapshot_even_if_totals_moved() -> None:
    before = RankSnapshot("2026-11", 2, {"hs": ("I", 1), "qs": ("I", 2)})
    rows = [row("hs", 1, total="9"), row("qs", 2, total="4")]
    assert next_snapshot(before, "2026-11", rows) is None
    assert rank_changes(before, rows) == []


def test_a_new_unit_or_one_in_another_peer_group_has_no_previous_rank() -> None:
    before = RankSnapshot("2026-11", 1, {"hs": ("I", 1)})
    rows = [row("hs", 1, group="II"), row("new", 2, group="II")]
    changes = rank_changes(before, rows)
    assert [(c.standing.unit_id, c.previous_rank) for c in changes] == [("hs", None), ("new", None)]


def test_a_unit_leaving_the_standings_is_a_new_snapshot_but_no_change() -> None:
    before = RankSnapshot("2026-11", 1, {"hs": ("I", 1), "gone": ("I", 1)})
    rows = [row("hs", 1)]
    assert rank_changes(before, rows) == []
    after = next_snapshot(before, "2026-11", rows)
    assert after is not None and dict(after.places) == {"hs": ("I", 1)}

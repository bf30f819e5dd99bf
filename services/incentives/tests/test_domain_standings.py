"""Standings: totals, items, averages and ranks among peers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    LedgerEntry,
    StandingsTally,
    UnitProfile,
    fold,
    load_policy,
    peer_grouping,
    standings,
)
from services.incentives.domain.standings import competition_ranks

POLICIES = Path(__file__).resolve().parents[1] / "policies"


def entry(
    n: int,
    unit: str,
    points: str,
    period: str = "2026-03",
    rule: str = "adoption",
    reverses: str | None = None,
) -> LedgerEntry:
    return LedgerEntry(
        f"e{n}",
        unit,
        None,
        f"s{n}",
        period,
        Decimal(points),
        Decimal(0),
        rule,
        "v",
        f"c{n}",
        "",
        reverses,
    )


LEDGER = [
    entry(1, "a", "0", rule="submission"),
    entry(2, "a", "30"),
    entry(3, "a", "0", rule="submission"),
    entry(4, "b", "0", rule="submission"),
    entry(5, "b", "20"),
    entry(6, "c", "30", period="2026-04"),
    entry(7, "c", "0", period="2026-04", rule="submission"),
]


def by_unit(period: str, by: str = "total") -> dict[str, tuple[Decimal, int, Decimal, int]]:
    table = standings(LEDGER, ["a", "b", "c", "d"], period, lambda u: "all", by)  # type: ignore[arg-type]
    return {s.unit_id: (s.total, s.items, s.average, s.rank) for s in table}


def test_units_rank_by_total_with_ties_sharing_a_rank() -> None:
    assert by_unit("2026") == {
        "a": (Decimal(30), 2, Decimal("15.00"), 1),
        "c": (Decimal(30), 1, Decimal("30.00"), 1),
        "b": (Decimal(20), 1, Decimal("20.00"), 3),
        "d": (Decimal(0), 0, Decimal(0), 4),
    }


def test_ranking_by_average_per_item_favours_fewer_better_items() -> None:
    ranks = {unit: row[3] for unit, row in by_unit("2026", by="average").items()}
    assert ranks == {"c": 1, "b": 2, "a": 3, "d": 4}


def test_a_period_counts_only_the_entries_inside_it() -> None:
    assert by_unit("2026-04")["c"][0] == Decimal(30)
    assert by_unit("2026-03")["c"][0] == Decimal(0)
    assert by_unit("2026-Q2")["a"][0] == Decimal(0)


def test_a_withdrawn_item_no_longer_counts() -> None:
    tally = fold(LEDGER)
    tally.apply(entry(8, "a", "0", rule="submission", reverses="e1"))
    assert tally.totals("2026")["a"][3] == 1


def test_peers_are_ranked_within_their_class() -> None:
    policy = load_policy(POLICIES / "default.yaml")
    group_of = peer_grouping(
        policy,
        [
            UnitProfile("a", unit_class="I"),
            UnitProfile("b", unit_class="II"),
            UnitProfile("c", unit_class="I"),
        ],
    )
    table = standings(LEDGER, ["a", "b", "c"], "2026", group_of)
    assert [(s.peer_group, s.unit_id, s.rank) for s in table] == [
        ("I", "a", 1),
        ("I", "c", 1),
        ("II", "b", 1),
    ]


def test_competition_ranking() -> None:
    assert competition_ranks(
        {"x": Decimal(5), "y": Decimal(7), "z": Decimal(5), "w": Decimal(1)}
    ) == {
        "y": 1,
        "x": 2,
        "z": 2,
        "w": 4,
    }


def test_an_empty_tally_ranks_everyone_at_zero() -> None:
    from services.incentives.domain import rank_standings

    table = rank_standings(StandingsTally(), ["a", "b"], "2026", lambda u: "all")
    assert [(s.unit_id, s.total, s.rank) for s in table] == [
        ("a", Decimal(0), 1),
        ("b", Decimal(0), 1),
    ]

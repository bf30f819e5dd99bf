"""Caps per unit and period, and the budget for reward money."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    CapUsage,
    ItemAdopted,
    ItemHistory,
    ItemScored,
    LedgerEntry,
    decide,
    load_policy,
    usage_from_entries,
)
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
WHEN = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def excellent_elsewhere(times: int, period: str = "2026-03") -> list[LedgerEntry]:
    """Quality awards of unit u1 for other items: 3 points each."""
    return [
        LedgerEntry(
            f"o{i}:quality.excellent:u1",
            "u1",
            None,
            f"o{i}",
            period,
            Decimal(3),
            Decimal(0),
            "quality.excellent",
            "v",
            f"o{i}",
            "",
        )
        for i in range(times)
    ]


def scored(event_id: str, band: ScoreBand, period: str = "2026-03", sid: str = "s1") -> ItemScored:
    return ItemScored(
        event_id=event_id,
        occurred_at=WHEN,
        submission_id=sid,
        unit_id="u1",
        period=period,
        band=band,
        overall=Decimal(90),
    )


def test_quality_points_stop_at_the_monthly_cap() -> None:
    usage = usage_from_entries(excellent_elsewhere(6))
    assert decide(scored("e1", ScoreBand.EXCELLENT), DEFAULT, usage=usage)[0].points == 2
    next_month = scored("e2", ScoreBand.EXCELLENT, period="2026-04")
    assert decide(next_month, DEFAULT, usage=usage)[0].points == 3
    full = usage_from_entries(excellent_elsewhere(7))
    assert decide(scored("e3", ScoreBand.EXCELLENT), DEFAULT, usage=full)[0].points == 0


def test_a_rescore_frees_the_cap_the_old_band_used() -> None:
    fair = decide(scored("first", ScoreBand.FAIR), DEFAULT)
    usage = usage_from_entries([*excellent_elsewhere(6), *fair])
    reversal, award = decide(
        scored("again", ScoreBand.EXCELLENT), DEFAULT, ItemHistory(tuple(fair)), usage
    )
    assert reversal.points == Decimal("-1.00")
    assert award.points == Decimal("2.00"), (
        "cap 20: 18 used by other items, 1 freed by the reversal"
    )


def test_reward_money_stops_when_the_years_budget_is_spent() -> None:
    usage = CapUsage(money={"2026-01": Decimal("49950.00")})
    fact = ItemAdopted(
        event_id="e1",
        occurred_at=WHEN,
        submission_id="s1",
        unit_id="u1",
        period="2026-03",
        adoption_id="a1",
        publication="city-xinxi",
        office_level=OrgLevel.CITY,
        form=AdoptionForm.FULL_TEXT,
    )
    [entry] = decide(fact, DEFAULT, usage=usage)
    assert (entry.points, entry.money) == (Decimal("50.00"), Decimal("50.00"))
    assert entry.money.as_tuple().exponent == -2
    next_year = CapUsage(money={"2025-12": Decimal("50000.00")})
    assert decide(fact, DEFAULT, usage=next_year)[0].money == Decimal("100.00")

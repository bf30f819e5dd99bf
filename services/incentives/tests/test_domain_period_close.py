"""Period end: quota base and shortfall, adoption rate, counted from the ledger."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    LedgerEntry,
    PeriodCounts,
    UnitProfile,
    close_period,
    load_policy,
    parse_policy,
    period_counts,
    usage_from_entries,
)

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
CLASS_I = UnitProfile("u1", unit_class="I")
CLASS_IV = UnitProfile("u4", unit_class="IV")

SHANGYU = """\
version: "shangyu-style"
office_id: shangyu
office_level: county
effective_from: 2026-01-01
quotas:
  classes: {I: {year: 120}}
  base: {per: year, points: 30}
"""


def closing(
    period: str,
    counts: dict[str, PeriodCounts],
    units: list[UnitProfile] | None = None,
    usage: object = None,
) -> dict[tuple[str, str], LedgerEntry]:
    kwargs = {"usage": usage} if usage is not None else {}
    entries = close_period(period, units or [CLASS_I, CLASS_IV], counts, DEFAULT, **kwargs)  # type: ignore[arg-type]
    return {(e.unit_id, e.rule): e for e in entries}


def test_meeting_the_monthly_quota_earns_the_base() -> None:
    entries = closing("2026-03", {"u1": PeriodCounts(submitted=6), "u4": PeriodCounts(submitted=2)})
    assert {key: e.points for key, e in entries.items()} == {
        ("u1", "quota_base"): Decimal("10.00"),
        ("u4", "quota_base"): Decimal("10.00"),
    }
    assert entries[("u1", "quota_base")].entry_id == "close:2026-03:quota_base:u1"


def test_each_missing_item_costs_a_point() -> None:
    entries = closing("2026-03", {"u1": PeriodCounts(submitted=2)})
    shortfall = entries[("u1", "quota_shortfall")]
    assert shortfall.points == Decimal("-4.00")
    assert "差4条" in shortfall.reason
    assert entries[("u4", "quota_shortfall")].points == Decimal("-2.00")


def test_a_quota_set_for_the_unit_overrides_its_class() -> None:
    entries = closing("2026-03", {"u1": PeriodCounts(submitted=3, required=3)}, [CLASS_I])
    assert set(entries) == {("u1", "quota_base")}


def test_the_monthly_base_stops_at_the_yearly_cap() -> None:
    earlier = close_period("2026-01", [CLASS_I], {"u1": PeriodCounts(submitted=6)}, DEFAULT)
    paid = [
        LedgerEntry(
            f"close:2026-{m:02d}:quota_base:u1",
            "u1",
            None,
            None,
            f"2026-{m:02d}",
            Decimal(10),
            Decimal(0),
            "quota_base",
            "v",
            f"close:2026-{m:02d}",
            "",
        )
        for m in range(1, 12)
    ]
    assert earlier[0].points == Decimal("10.00")
    capped = closing(
        "2026-12", {"u1": PeriodCounts(submitted=6)}, [CLASS_I], usage_from_entries(paid[:-1])
    )
    assert capped[("u1", "quota_base")].points == Decimal("10.00")
    full = closing(
        "2026-12",
        {"u1": PeriodCounts(submitted=6)},
        [CLASS_I],
        usage_from_entries([*paid, *paid[:1]]),
    )
    assert full[("u1", "quota_base")].points == Decimal("0.00")


def test_shangyu_pays_thirty_for_the_year_or_nothing() -> None:
    policy = parse_policy(SHANGYU)
    met = close_period("2026", [CLASS_I], {"u1": PeriodCounts(submitted=120)}, policy)
    missed = close_period("2026", [CLASS_I], {"u1": PeriodCounts(submitted=119)}, policy)
    monthly = close_period("2026-03", [CLASS_I], {"u1": PeriodCounts(submitted=50)}, policy)
    assert [(e.rule, e.points) for e in met] == [("quota_base", Decimal("30.00"))]
    assert missed == [] and monthly == []


def test_quarterly_adoption_rate_under_thirty_percent_costs_a_point() -> None:
    low = closing("2026-Q1", {"u1": PeriodCounts(submitted=10, adopted=2)}, [CLASS_I])
    fine = closing("2026-Q1", {"u1": PeriodCounts(submitted=10, adopted=3)}, [CLASS_I])
    assert low[("u1", "adoption_rate_low")].points == Decimal("-1.00")
    assert "20.00%" in low[("u1", "adoption_rate_low")].reason
    assert ("u1", "adoption_rate_low") not in fine
    assert ("u1", "adoption_rate_low") not in closing(
        "2026-03", {"u1": PeriodCounts(submitted=10)}, [CLASS_I]
    )


def test_closing_twice_gives_the_same_entries() -> None:
    counts = {"u1": PeriodCounts(submitted=1, adopted=0)}
    assert close_period("2026-03", [CLASS_I], counts, DEFAULT) == close_period(
        "2026-03", [CLASS_I], counts, DEFAULT
    )


def test_counts_come_from_the_ledger() -> None:
    def entry(
        n: int, rule: str, sid: str, unit: str = "u1", reverses: str | None = None
    ) -> LedgerEntry:
        return LedgerEntry(
            f"e{n}",
            unit,
            None,
            sid,
            "2026-03",
            Decimal(0),
            Decimal(0),
            rule,
            "v",
            f"c{n}",
            "",
            reverses,
        )

    ledger = [
        entry(1, "submission", "s1"),
        entry(2, "submission", "s2"),
        entry(3, "adoption", "s1"),
        entry(4, "adoption", "s1", unit="u2"),
        entry(5, "submission", "s2", reverses="e2"),
    ]
    assert period_counts(ledger, "2026-Q1") == {
        "u1": PeriodCounts(submitted=1, adopted=1),
        "u2": PeriodCounts(submitted=0, adopted=1),
    }

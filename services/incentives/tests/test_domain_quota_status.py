"""Where units stand against their quotas, when a period is over, and what-if with quotas set."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    ItemReceived,
    PeriodCounts,
    UnitProfile,
    load_policy,
    quota_status,
    what_if,
)
from services.incentives.domain.periods import is_over, last_day

DEFAULT = load_policy(Path(__file__).resolve().parents[1] / "policies" / "default.yaml")
UNITS = [
    UnitProfile("a", unit_class="I"),
    UnitProfile("b", unit_class="III"),
    UnitProfile("c", unit_class="X"),
]


def test_units_furthest_behind_come_first_and_a_set_quota_overrides_the_class() -> None:
    counts = {"a": PeriodCounts(submitted=2, adopted=1), "b": PeriodCounts(submitted=4, required=5)}
    rows = quota_status("2026-10", UNITS, counts, DEFAULT)
    assert [(r.unit_id, r.required, r.missing, r.behind) for r in rows] == [
        ("a", 6, 4, True),
        ("b", 5, 1, True),
        ("c", None, 0, False),
    ]
    assert rows[0].adoption_rate == Decimal("50.00") and rows[2].adoption_rate is None


def test_a_quarter_without_a_class_quota_has_nobody_behind() -> None:
    assert all(not r.behind for r in quota_status("2026-Q4", UNITS, {}, DEFAULT))


def test_a_period_is_over_once_its_last_local_day_has_passed() -> None:
    assert last_day("2026-02") == date(2026, 2, 28) and last_day("2026-Q3") == date(2026, 9, 30)
    assert last_day("2024") == date(2024, 12, 31)
    assert not is_over("2026-10", datetime(2026, 10, 31, 15, 59, tzinfo=UTC), 8)
    assert is_over("2026-10", datetime(2026, 10, 31, 16, 0, tzinfo=UTC), 8)


def test_what_if_judges_a_later_draft_on_earlier_facts_with_the_quotas_set() -> None:
    draft = DEFAULT.model_copy(update={"version": "draft", "effective_from": date(2027, 1, 1)})
    fact = ItemReceived(
        event_id="r1",
        occurred_at=datetime(2026, 10, 5, tzinfo=UTC),
        submission_id="s1",
        unit_id="b",
        period="2026-10",
    )
    units = [UnitProfile("b", unit_class="III", parent_id=DEFAULT.office_id)]
    by_class = what_if([fact], draft, units, "2026-10", closing=["2026-10"])
    asked_one = what_if([fact], draft, units, "2026-10", closing=["2026-10"], required={("2026-10", "b"): 1})
    assert by_class[0].total == Decimal("-2.00")  # 1 of 3
    assert asked_one[0].total == Decimal("10.00")  # the quota set for it is met: the monthly base

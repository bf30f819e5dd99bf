"""The bulletin rules on plain facts: ranking, judging, counting, scheduling."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.notify.bulletins import BulletinData, CriticismReason, UnitRow
from services.notify.domain import Invalid
from services.notify.domain.bulletin_facts import (
    AdoptionFact,
    Issue,
    ItemFact,
    PointsFact,
    UnitFacts,
    bulletin_data,
    due_periods,
    kind_of,
    months_of,
)

UNITS = [UnitFacts("a", "甲县", "county"), UnitFacts("b", "乙县", "county"), UnitFacts("c", "丙局", "dept")]


def issue(period: str = "2026-11", kind: str = "monthly") -> Issue:
    return Issue("city", "市政府办公室", period, kind, "2026年第1期", date(2026, 12, 1))  # type: ignore[arg-type]


def row(data: BulletinData, name: str) -> UnitRow:
    return next(r for r in data.rankings if r.unit_name == name)


def test_equal_points_share_a_rank_within_a_class_and_classes_rank_apart() -> None:
    points = [PointsFact("a", "2026-11", Decimal(5)), PointsFact("b", "2026-11", Decimal(5))]
    data = bulletin_data(issue(), UNITS, [], points)
    assert [(r.unit_name, r.rank) for r in data.rankings] == [("乙县", 1), ("甲县", 1), ("丙局", 1)]


def test_points_outside_the_period_do_not_count_but_a_quarter_sums_its_months() -> None:
    points = [PointsFact("a", "2026-10", Decimal(3)), PointsFact("a", "2026-11", Decimal(4))]
    month = bulletin_data(issue(), UNITS, [], points)
    quarter = bulletin_data(issue("2026-Q4", "quarterly"), UNITS, [], points)
    assert row(month, "甲县").total == 4 and row(quarter, "甲县").total == 7


def test_the_three_kinds_of_criticism() -> None:
    items = [
        ItemFact("a", "x1", "2026-11", band="poor"),
        ItemFact("a", "x2", "2026-11", band="good"),
        ItemFact("b", "y1", "2026-11", band="poor", inaccurate_months=("2026-11",)),
    ]
    data = bulletin_data(issue(), UNITS, items, [])
    assert {(c.unit_name, c.reason) for c in data.criticised} == {
        ("甲县", CriticismReason.LOW_QUALITY),  # half of two items poor
        ("乙县", CriticismReason.INACCURATE),  # one poor item is not enough for low quality
        ("丙局", CriticismReason.NOT_SUBMITTED),
    }


def test_withdrawn_items_do_not_count_as_submitted() -> None:
    data = bulletin_data(issue(), UNITS, [ItemFact("c", "z", "2026-11", submitted=False)], [])
    assert ("丙局", CriticismReason.NOT_SUBMITTED) in {(c.unit_name, c.reason) for c in data.criticised}


def test_an_item_adopted_at_two_levels_is_listed_once_and_counted_once_per_level() -> None:
    adoptions = (AdoptionFact("2026-11", "county", "县简报"), AdoptionFact("2026-11", "province", "要情"))
    data = bulletin_data(issue(), UNITS, [ItemFact("a", "好信息", "2026-11", adoptions=adoptions)], [])
    assert data.adoption_counts_by_level == {"county": 1, "province": 1}
    assert [(i.title, i.level, i.levels) for i in data.adopted_items] == [
        ("好信息", "province", ("province", "county"))
    ]
    assert (row(data, "甲县").items, row(data, "甲县").adopted) == (1, 1)


def test_commended_are_the_top_three_of_a_class_with_points_and_an_adoption() -> None:
    units = [UnitFacts(str(n), f"县{n}", "county") for n in range(5)]
    points = [PointsFact(str(n), "2026-11", Decimal(10 - n)) for n in range(4)]
    adopted = (AdoptionFact("2026-11", "city", "city-xinxi"),)
    items = [ItemFact(str(n), f"t{n}", "2026-11", adoptions=adopted if n != 1 else ()) for n in range(5)]
    data = bulletin_data(issue(), units, items, points)
    assert [c.unit_name for c in data.commended] == ["县0", "县2"]  # 县1 had nothing adopted
    assert data.commended[0].reason == "积分10分，居county第1名，被采用信息1条"


def test_trend_runs_from_january_to_the_end_of_the_period() -> None:
    items = [ItemFact("a", "t", "2026-03"), ItemFact("a", "u", "2026-12")]
    data = bulletin_data(issue(), UNITS, items, [])
    assert len(data.trend) == 11 and data.trend[2].total_items == 1


def test_periods_and_their_kinds() -> None:
    assert [kind_of(p) for p in ("2026-11", "2026-Q4", "2026")] == ["monthly", "quarterly", "annual"]
    assert months_of("2026-Q4") == ("2026-10", "2026-11", "2026-12")
    with pytest.raises(Invalid):
        kind_of("2026-13")


def test_due_periods_on_the_first_day_after_each_period() -> None:
    kinds = ("monthly", "quarterly", "annual")
    assert due_periods(kinds, date(2027, 1, 1), date(2026, 11, 18)) == [
        ("monthly", "2026-12"),
        ("quarterly", "2026-Q4"),
        ("annual", "2026"),
    ]
    assert due_periods(kinds, date(2026, 12, 1), date(2026, 11, 18)) == [("monthly", "2026-11")]
    assert due_periods(("monthly",), date(2026, 12, 1), date(2026, 12, 1)) == []

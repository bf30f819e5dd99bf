"""The office's bulletin rules (its policy's ``bulletins``, ``ranking`` and ``assessed`` sections):
each setting changes what the bulletin says, and an office's policy file reaches its bulletins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from services.notify.bulletins import BulletinData, CriticismReason, UnitRow, compose_bulletin
from services.notify.bulletins.document import Paragraph
from services.notify.domain.bulletin_facts import (
    AdoptionFact,
    Issue,
    ItemFact,
    PointsFact,
    UnitFacts,
    bulletin_data,
    last_day,
)
from services.notify.tests.bulletin_world import World, published
from services.notify.tests.harness import Notify
from shared.contracts.bulletin_rules import BulletinRules, CommendationRule

CITY = Issue("lj", "临江市人民政府办公室", "2026-10", "monthly", "2026年第1期", date(2026, 11, 5))
DISTRICT = UnitFacts("jb", "江北区人民政府办公室", "I", "county", "lj")
BUREAU = UnitFacts("lj-yjj", "临江市应急管理局", "I", "city", "lj")
TOWN = UnitFacts("jb-cn", "城南街道办事处", "III", "township", "jb")
ADOPTED = (AdoptionFact("2026-10", "city", "city-xinxi", "full_text"),)


def facts(rules: BulletinRules, items: list[ItemFact], points: list[PointsFact]) -> BulletinData:
    return bulletin_data(CITY, [DISTRICT, BUREAU], items, points, below=[TOWN], rules=rules)


def row(data: BulletinData, unit_id: str) -> UnitRow:
    return next(r for r in data.rankings if r.unit_id == unit_id)


def paragraphs(data: BulletinData) -> list[str]:
    bulletin = compose_bulletin(data)
    return [b.text for s in bulletin.sections for b in s.blocks if isinstance(b, Paragraph)]


def test_the_default_credits_a_district_with_its_townships_items_but_not_their_points() -> None:
    data = facts(
        BulletinRules(),
        [ItemFact("jb-cn", "t", "2026-10", adoptions=ADOPTED)],
        [PointsFact("jb-cn", "2026-10", Decimal(50))],
    )
    assert (row(data, "jb").items, row(data, "jb").adopted, row(data, "jb").total) == (1, 1, Decimal(0))
    assert [(c.unit_name, c.reason) for c in data.criticised] == [
        ("临江市应急管理局", CriticismReason.NOT_SUBMITTED)
    ]


def test_points_roll_up_into_a_county_where_the_policy_says_so() -> None:
    points = [PointsFact("jb-cn", "2026-10", Decimal(50)), PointsFact("lj-yjj", "2026-10", Decimal(5))]
    data = facts(BulletinRules(roll_up_into="county"), [], points)
    assert (row(data, "jb").total, row(data, "lj-yjj").total) == (Decimal(50), Decimal(5))


def test_a_unit_scope_counts_and_judges_each_unit_by_its_own_items() -> None:
    items = [ItemFact("jb-cn", "t", "2026-10", adoptions=ADOPTED), ItemFact("lj-yjj", "u", "2026-10")]
    data = facts(BulletinRules(items="unit", not_submitted="unit"), items, [])
    assert (row(data, "jb").items, row(data, "jb").adopted) == (0, 0)
    assert data.adopted_items == ()  # the town's item belongs to no row
    assert [c.unit_name for c in data.criticised] == ["江北区人民政府办公室"]


def test_not_submitted_by_unit_criticises_a_silent_office_whose_townships_did_submit() -> None:
    data = facts(BulletinRules(not_submitted="unit"), [ItemFact("jb-cn", "t", "2026-10")], [])
    assert row(data, "jb").items == 1
    assert {c.unit_name for c in data.criticised} == {"江北区人民政府办公室", "临江市应急管理局"}


@pytest.mark.parametrize(
    ("ties", "places", "named"),
    [
        ("competition", [1, 1, 3], "其后名次顺延（如1、1、3）"),
        ("dense", [1, 1, 2], "其后名次依次递进（如1、1、2）"),
    ],
)
def test_ties_share_a_place_by_the_rule_the_bulletin_names(ties: str, places: list[int], named: str) -> None:
    units = [UnitFacts(u, f"单位{u}", "I", "county", "lj") for u in "abc"]
    points = [
        PointsFact("a", "2026-10", Decimal(9)),
        PointsFact("b", "2026-10", Decimal(9)),
        PointsFact("c", "2026-10", Decimal(4)),
    ]
    data = bulletin_data(CITY, units, [], points, rules=BulletinRules(ties=ties))  # type: ignore[arg-type]
    assert [r.rank for r in data.rankings] == places
    assert any(named in p for p in paragraphs(data))


def test_a_class_threshold_keeps_a_first_place_below_it_from_commendation() -> None:
    items = [
        ItemFact("jb", "t", "2026-10", adoptions=ADOPTED),
        ItemFact("lj-yjj", "u", "2026-10", adoptions=ADOPTED),
    ]
    points = [PointsFact("jb", "2026-10", Decimal(25)), PointsFact("lj-yjj", "2026-10", Decimal(35))]
    rules = BulletinRules(commend=CommendationRule(min_points_by_class={"I": Decimal(30)}))
    data = facts(rules, items, points)
    assert [c.unit_name for c in data.commended] == ["临江市应急管理局"]
    assert data.commended[0].reason == "积分35分，居I类单位第1名，被采用信息1条"


def test_ranking_by_average_and_by_level() -> None:
    items = [ItemFact("jb", f"t{n}", "2026-10") for n in range(4)] + [ItemFact("lj-yjj", "u", "2026-10")]
    points = [PointsFact("jb", "2026-10", Decimal(20)), PointsFact("lj-yjj", "2026-10", Decimal(10))]
    by_average = facts(BulletinRules(ranked_by="average", peer_groups="all"), items, points)
    assert [(r.unit_id, r.rank) for r in by_average.rankings] == [("lj-yjj", 1), ("jb", 2)]
    assert any("名次按平均每条信息得分统一排列" in p for p in paragraphs(by_average))
    by_level = facts(BulletinRules(peer_groups="level"), items, points)
    assert {(r.group, r.rank) for r in by_level.rankings} == {("city", 1), ("county", 1)}
    assert any(p.startswith("县级单位前3名：") for p in paragraphs(by_level))


# an office's policy file reaches its bulletins ------------------------------------------------
POLICY = """
version: lj-2026.1
office_id: lj
office_level: city
effective_from: 2026-01-01
ranking: {by: total, peer_groups: all}
assessed: {units: subtree, roll_up_into: county}
bulletins:
  ties: dense
  commend: {places: 1}
"""


@pytest.fixture
def settings(settings: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "lj.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return {**settings, "policy_files": [path]}


def city_of_three() -> World:
    world = (
        World()
        .unit("jn", "江南省人民政府办公厅", "province", None)
        .unit("lj", "临江市人民政府办公室", "city", "jn")
        .unit("qh", "清河市人民政府办公室", "city", "jn")
    )
    for office in ("lj", "qh"):
        for n, level in enumerate(("county", "county", "city")):
            unit = f"{office}-{n}"
            world.unit(unit, f"{office}单位{n}", level, office, "I" if n < 2 else "II")
            world.unit(f"{unit}-t", f"{office}单位{n}下属镇", "township", unit, "III")
            world.item(f"{unit}-i", f"{unit}-t").adopt(f"{unit}-i", f"{unit}-t", office, "city-xinxi")
        world.points(f"{office}-0-t", "30").points(f"{office}-1", "30").points(f"{office}-2", "10")
    return world


async def test_an_offices_policy_file_shapes_its_bulletins_and_others_keep_the_defaults(
    notify: Notify,
) -> None:
    await city_of_three().send_to(notify)
    lj, qh = await published(notify, "lj"), await published(notify, "qh")
    assert [r[0] for r in lj.score_rows()] == ["1", "1", "2"]  # all together, 30 (rolled up) and 30 tie
    assert "名次按得分统一排列；得分相同的单位名次并列，其后名次依次递进（如1、1、2）。" in lj.paragraphs
    assert len([p for p in lj.paragraphs if p[:2] in ("1.", "2.", "3.")]) == 2  # the two first places
    assert {(r[1], r[0]) for r in qh.score_rows()} == {("qh单位1", "1"), ("qh单位0", "2"), ("qh单位2", "1")}
    assert any("其后名次顺延（如1、1、3）" in p for p in qh.paragraphs)


@pytest.mark.parametrize(
    ("period", "day"),
    [
        ("2026-02", date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 29)),
        ("2026-Q4", date(2026, 12, 31)),
        ("9999", date(9999, 12, 31)),
        ("0000", date.min),
    ],
)
def test_a_period_is_judged_on_its_last_day(period: str, day: date) -> None:
    assert last_day(period) == day

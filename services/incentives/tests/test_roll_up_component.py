"""A city office that ranks its counties with their townships' and departments' items
(policy ``assessed: {units: subtree, roll_up_into: county}``), through the service: the close,
the quota board, the standings and the assessment read a county's units as the county's;
each unit's own ledger is unchanged.

    lj       the city office whose policy is in force (its head assesses)
      dx     county (class IV: 2 items a month)   dx-qs township, dx-nyj department
      jb     county (class IV)                     jb-cn township
      yjj    a city department (class IV)
    ss       another city: not lj's to assess      ss-hx township
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from services.incentives.tests.conftest import Incentives
from services.incentives.tests.events import received, unit
from services.incentives.tests.policies import adopted_by, write_policy

CITY_HEAD = {"subject": "lj.head", "unit": "lj", "roles": ("office_head",)}
PERIOD = {"period": "2026-10"}


@pytest.fixture
def policy_files(tmp_path: Path) -> list[Path]:
    text = adopted_by("lj")
    assert "  roll_up_into: null\n" in text
    return [write_policy(tmp_path, text.replace("  roll_up_into: null\n", "  roll_up_into: county\n"))]


@pytest.fixture
async def city(service: Incentives) -> Incentives:
    await service.send(
        unit("lj", "I", parent="jn", level="city"),
        unit("dx", "IV", parent="lj", level="county"),
        unit("dx-qs", parent="dx"),
        unit("dx-nyj", "II", parent="dx", level="county", kind="department"),
        unit("jb", "IV", parent="lj", level="county"),
        unit("jb-cn", parent="jb"),
        unit("yjj", "IV", parent="lj", level="city", kind="department"),
        unit("ss-hx", parent="ss"),
    )
    await service.send(
        received("q1", "dx-qs", "dx-qs.li"),
        received("n1", "dx-nyj", "dx-nyj.wang"),
        received("c1", "jb-cn", "jb-cn.zhao"),
        received("h1", "ss-hx", "ss-hx.sun"),
    )
    return service


async def test_the_close_counts_a_countys_units_towards_its_quota(city: Incentives) -> None:
    response = await city.client.post("/periods/2026-10/close", auth=city.as_(CITY_HEAD))
    assert response.status_code == 200, response.text
    closed = {(e["unit_id"], e["rule"]): Decimal(e["points"]) for e in response.json()["entries"]}
    # dx: its township's and its department's items meet its quota of 2; jb: 1 of 2; yjj: 0 of 2
    assert closed == {
        ("dx", "quota_base"): Decimal(10),
        ("jb", "quota_shortfall"): Decimal(-1),
        ("yjj", "quota_shortfall"): Decimal(-2),
    }
    board = await city.get("/quotas", who=CITY_HEAD, **PERIOD)
    rows = {r["unit_id"]: r for r in board["units"]}
    assert set(rows) == {"dx", "jb", "yjj"}
    assert (rows["dx"]["submitted"], rows["dx"]["missing"], rows["jb"]["missing"]) == (2, 0, 1)


async def test_standings_rank_the_counties_with_what_their_units_earned(city: Incentives) -> None:
    await city.client.post("/periods/2026-10/close", auth=city.as_(CITY_HEAD))
    ranked = {s["unit_id"]: s for s in await city.get("/standings", who=CITY_HEAD, **PERIOD)}
    assert set(ranked) == {"dx", "jb", "yjj"}
    assert (Decimal(ranked["dx"]["total"]), ranked["dx"]["items"]) == (Decimal(10), 2)
    assert ranked["dx"]["rank"] == 1
    people = {p["person_id"]: p for p in await city.get("/standings/people", who=CITY_HEAD, **PERIOD)}
    assert set(people) == {"dx-qs.li", "dx-nyj.wang", "jb-cn.zhao"}, "ss-hx's officer is not lj's"
    own = await city.get("/units/dx-qs/entries", who=CITY_HEAD, **PERIOD)
    assert {e["unit_id"] for e in own} == {"dx-qs"}, "the ledger keeps the unit that earned it"


async def test_the_assessment_grades_the_counties_not_their_units(city: Incentives) -> None:
    report = await city.get("/assessments/2026", who=CITY_HEAD)
    assert {r["unit_id"] for r in report["results"]} == {"dx", "jb", "yjj"}

"""The demo province's month, end to end through the service: what an office acts on.

The demo data (29 units, 21 items with screenings, adoptions, forwards and instructions) is fed
through Kafka as intake and scoring would publish it, under the default policy adopted by the
province's office ``jn``: it assesses the 28 units below it. The standings, the quota board,
the period close, the annual assessment and the reward list must each name the units and
officers an office would name, and the projection must equal a rebuild from the ledger.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from services.incentives.tests.conftest import Incentives
from services.incentives.tests.demo_events import demo_data, demo_events
from services.incentives.tests.policies import adopted_by, write_policy
from services.incentives.usecases import rebuild_totals, verify_totals

BUREAU = "jn-lj-jb-scj"  # 江北区市场监督管理局: an item adopted up to the province, with an instruction
OFFICER = "jn-lj-jb-scj.yuanhui"  # 袁慧, who wrote it
INACCURATE = "jn-qh-ay-rsj"  # its item was returned for an impossible figure
PROVINCE_HEAD = {"subject": "jn.liangjun", "unit": "jn", "roles": ("office_head", "unit_head")}
ASSESSOR = PROVINCE_HEAD
COUNTY_HEAD = {"subject": "jn-lj-dx.head", "unit": "jn-lj-dx", "roles": ("office_head",)}
ASSESSED = 28
"""Every demo unit but the province's office, which assesses them."""


@pytest.fixture
def policy_files(tmp_path: Path) -> list[Path]:
    return [write_policy(tmp_path, adopted_by("jn"))]


@pytest.fixture
async def demo(service: Incentives) -> Incentives:
    await service.send(*demo_events(demo_data()))
    return service


async def test_the_month_ranks_every_unit_and_officer(demo: Incentives) -> None:
    standings = await demo.get("/standings", who=PROVINCE_HEAD, period="2026-10")
    assert len(standings) == ASSESSED and "jn" not in {s["unit_id"] for s in standings}
    bureau = next(s for s in standings if s["unit_id"] == BUREAU)
    assert bureau["rank"] == 1 and bureau["name"] == "江北区市场监督管理局" and bureau["peer_group"] == "II"
    officers = await demo.get("/standings/people", who=PROVINCE_HEAD, period="2026-10")
    top = max(officers, key=lambda o: Decimal(o["total"]))
    assert (top["person_id"], top["name"], top["rank"]) == (OFFICER, "袁慧", 1)
    assert len(officers) == len({item.author_id for item in demo_data().items})


async def test_the_quota_board_and_the_close_name_the_units_behind(demo: Incentives) -> None:
    board = await demo.get("/quotas", who=COUNTY_HEAD, period="2026-10", office_id="jn-lj-dx")
    rows = {row["unit_id"]: row for row in board["units"]}
    assert set(rows) == {"jn-lj-dx-qs", "jn-lj-dx-lt", "jn-lj-dx-nyj", "jn-lj-dx-jyj"}
    assert rows["jn-lj-dx-qs"]["submitted"] == 1 and rows["jn-lj-dx-qs"]["adopted"] == 1
    assert board["behind"] == 4 and all(row["missing"] > 0 for row in board["units"])
    closed = (await demo.client.post("/periods/2026-10/close", auth=demo.as_(ASSESSOR))).json()
    # one or two items a month against quotas of 2 to 6: every unit falls short
    assert {e["rule"] for e in closed["entries"]} == {"quota_shortfall"}
    assert len(closed["entries"]) == ASSESSED


async def test_the_assessment_commends_the_best_and_criticises_the_inaccurate(demo: Incentives) -> None:
    report = await demo.get("/assessments/2026", who=ASSESSOR)
    assert BUREAU in [c["unit_id"] for c in report["advanced_units"]]
    assert report["outstanding_officers"][0]["name"] == "袁慧"
    criticised = {c["unit_id"]: c for c in report["criticised"]}
    assert criticised[INACCURATE]["name"] == "安源区人力资源和社会保障局"
    assert "报送信息不准确" in criticised[INACCURATE]["reasons"][0]
    assert len(report["results"]) == ASSESSED


async def test_the_reward_list_pays_adoptions_above_the_county_within_the_budget(demo: Incentives) -> None:
    rewards = await demo.get("/rewards", who=ASSESSOR, period="2026-10")
    first = rewards["units"][0]
    assert first["subject_id"] == BUREAU and Decimal(first["money"]) == Decimal("700.00")
    assert Decimal(rewards["total"]) == sum(Decimal(row["money"]) for row in rewards["units"])
    assert Decimal(rewards["remaining"]) == Decimal("50000.00") - Decimal(rewards["total"])
    assert rewards["people"][0]["name"] == "袁慧"


async def test_the_projection_equals_a_rebuild_from_the_ledger(demo: Incentives) -> None:
    new_uow = demo.app.state.deps.new_uow
    assert await verify_totals(new_uow) == []
    before = dict(demo.table("totals"))
    assert (await rebuild_totals(new_uow)).cells_changed == 0
    assert demo.table("totals") == before

"""Issue 17 on the demo data: the county (东溪县) and city (临江市) bulletins of October 2026,
built from the demo's events and the ledger the demo's policy writes for them, carry none of
the wrong facts users found."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from deploy.localstack.demo_policy import DEFAULT_POLICY, demo_policy_text
from services.incentives.domain import parse_policy, replay
from services.incentives.domain.event_facts import fact_from_event
from services.incentives.tests.demo_events import PERIOD, demo_data, demo_events
from services.notify.tests.bulletin_world import Read, published
from services.notify.tests.harness import Notify
from shared.contracts import Event, PointsAwarded, PointsReversed
from shared.contracts.publications import CATALOGUE

COUNTY, CITY = "jn-lj-dx", "jn-lj"


@pytest.fixture
def settings(settings: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """notify reads the demo county office's policy, as ``./xinbao up`` runs it."""
    path = tmp_path / "policy.yaml"
    path.write_text(demo_policy_text(DEFAULT_POLICY.read_text(encoding="utf-8")), encoding="utf-8")
    return {**settings, "policy_files": [path]}


def ledger_events(events: list[Event]) -> list[Event]:
    """The ledger incentives writes for ``events`` under the demo policy, as it publishes it."""
    policy = parse_policy(demo_policy_text(DEFAULT_POLICY.read_text(encoding="utf-8")), source="demo")
    when = {e.event_id: e.occurred_at for e in events}
    facts = [f for f in (fact_from_event(e) for e in events) if f is not None]
    published_entries: list[Event] = []
    for entry in replay(facts, policy):
        fields = {
            "producer": "incentives",
            "occurred_at": when[entry.cause_event_id],
            "entry_id": entry.entry_id,
            "unit_id": entry.unit_id,
            "person_id": entry.person_id,
            "submission_id": entry.submission_id,
            "period": entry.period,
            "points": entry.points,
            "money": entry.money,
            "rule": str(entry.rule),
            "policy_version": entry.policy_version,
            "cause_event_id": entry.cause_event_id,
            "reason": entry.reason,
        }
        if entry.reverses_entry_id:
            published_entries.append(
                PointsReversed.originated(**fields, reverses_entry_id=entry.reverses_entry_id)
            )
        else:
            published_entries.append(PointsAwarded.originated(**fields))
    return published_entries


@pytest.fixture
async def demo(notify: Notify) -> Notify:
    events = demo_events(demo_data())
    for event in [*events, *ledger_events(events)]:
        await notify.send(event)
    return notify


def subtree_submitted(unit_id: str) -> bool:
    """Whether the unit or any unit below it submitted a demo item."""
    parents = {u.unit_id: u.parent_id for u in demo_data().units}

    def under(unit: str | None) -> bool:
        while unit is not None:
            if unit == unit_id:
                return True
            unit = parents.get(unit)
        return False

    return any(under(item.unit_id) for item in demo_data().items)


def assert_none_of_the_wrong_facts(read: Read) -> None:
    rows = read.score_rows()
    assert rows and all(int(r[3]) >= int(r[4]) for r in rows), "采用 above 报送"
    for table in (t for t in read.tables if t.header[0] == "名次"):
        assert len({r[2] for r in table.rows}) == 1, f"{table.caption}: several classes in one ranking"
        assert len({r[5] for r in table.rows if r[0] == "1"}) == 1, f"{table.caption}: unequal first places"
    assert not any("（0分）" in p for p in read.paragraphs if "前3名" in p), "0 points among the top three"
    for line in (p for p in read.paragraphs if re.match(r"\d+\. ", p)):
        adopted, points = re.search(r"被采用信息(\d+)条", line), re.search(r"积分([\d.]+)分", line)
        assert adopted and points and int(adopted.group(1)) >= 1 and float(points.group(1)) > 0, line
    said = re.search(r"被各级采用(\d+)条", read.text)
    assert said and int(said.group(1)) == len(read.item_rows()) == sum(int(r[4]) for r in rows)
    shown = read.text + " ".join(cell for t in read.tables for r in t.rows for cell in r)
    assert not [p.code for p in CATALOGUE if p.code in shown], "a publication shown by its code"


async def test_the_demo_county_bulletin_has_none_of_the_wrong_facts(demo: Notify) -> None:
    read = await published(demo, COUNTY, period=PERIOD)
    assert_none_of_the_wrong_facts(read)
    assert "东溪县农业农村局" not in " ".join(p for p in read.paragraphs if re.match(r"\d+\. ", p))
    assert read.row_of("东溪县青石镇人民政府")[3:5] == ("1", "1")
    assert "市级1条次、县级2条次" in read.text
    cells = {r[1]: r[3] for r in read.item_rows()}
    assert cells["青石镇“预约+代烘”服务助农秋粮应收尽收"] == "县《政务信息》（单篇）、市《政务信息》（综合）"


async def test_the_demo_city_bulletin_has_none_of_the_wrong_facts(demo: Notify) -> None:
    read = await published(demo, CITY, period=PERIOD)
    assert_none_of_the_wrong_facts(read)
    idle = " ".join(p for p in read.paragraphs if "未按要求报送信息" in p)
    names = {u.name: u.unit_id for u in demo_data().units}
    criticised = [name for name in names if name in idle]
    assert criticised == ["临江市人力资源和社会保障局"]
    assert all(not subtree_submitted(names[name]) for name in criticised)
    for district in ("临江市江北区人民政府办公室", "松山县人民政府办公室"):
        assert int(read.row_of(district)[4]) >= 1  # its bureau's and town's items, adopted above
    provincial = next(r for r in read.item_rows() if r[4] == "省级")
    assert provincial[2:4] == (
        "江北区市场监督管理局",
        "县《要情快报》（单篇）、市《专报》（单篇）、省政府办公厅《政务信息》（单篇）",
    )

"""Issue 12 on the real stack: a unit's rank among its peers moves, incentives' standings
watcher announces StandingChanged, and notify tells the unit's head, once a day however often
the rank moves.

Two townships of the assessing office (the policy's ``county-office``) form a peer group of
their own (a unit class no other test uses). T2 moves ahead with an adopted item, then T1
overtakes it with two: each move is a StandingChanged on the ledger topic, while each head has
one ``standing_changed`` message per Beijing day on which its unit moved (one, unless the
test runs across midnight). The e2e stack runs the watcher every second.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from deploy.localstack import Stack
from services.intake.settings import LOCAL_BOOTSTRAP_ADMIN_PASSWORD
from shared.clock import local_date
from shared.contracts import topics
from tests.e2e.harness import PASSWORD, Api, eventually, read_topic, url, wait_until_consumed

pytestmark = pytest.mark.e2e

ASSESSING_OFFICE = "county-office"
"""The office_id of the policy the stack's incentives runs (services/incentives/policies/default.yaml)."""
BEIJING = "Asia/Shanghai"


@dataclass
class Towns:
    sfx: str
    units: dict[str, str]
    heads: dict[str, str]
    editor: str


def _item(town: str, n: int) -> dict[str, Any]:
    return {
        "title": f"{town}冬季送温暖行动第{n}批走访完成",
        "body": (
            f"截至12月{n + 2}日，{town}已走访困难家庭{40 + n}户，发放慰问金{8 + n}万元。\n\n"
            f"一是建立台账{n + 3}本，逐户登记。二是组织志愿者{60 + n}人上门服务。\n\n"
            f"通过以上措施，{town}困难群众冬季基本生活得到保障。"
        ),
        "draft": False,
    }


@pytest.fixture
async def towns(stack: Stack, org: None) -> AsyncIterator[Towns]:
    sfx = uuid.uuid4().hex[:6]
    units = {"t1": f"st-t1-{sfx}", "t2": f"st-t2-{sfx}"}
    heads = {key: f"st-{key}-head-{sfx}" for key in units}
    towns = Towns(sfx, units, heads, f"st-editor-{sfx}")
    admin = await Api.logged_in(url(stack, "intake"), "admin", LOCAL_BOOTSTRAP_ADMIN_PASSWORD)
    operator = await Api.acting_as(stack, "notify", "admin")
    try:
        # who hears for each town is set before the towns exist, so that the watcher's first
        # word about them (they enter the standings) already reaches their heads
        for key, unit in units.items():
            await operator.call("PUT", f"/units/{unit}/contacts", json={"heads": [heads[key]]})
        if (await admin.client.get(f"/units/{ASSESSING_OFFICE}")).status_code == 404:
            await admin.call("POST", "/units", 201, json={
                "unit_id": ASSESSING_OFFICE, "name": "南溪县人民政府办公室", "level": "county",
                "parent_id": "e2e-city",
            })
        for key, name in (("t1", "甲镇"), ("t2", "乙镇")):
            await admin.call("POST", "/units", 201, json={
                "unit_id": units[key], "name": f"{name}人民政府", "level": "township",
                "parent_id": ASSESSING_OFFICE, "unit_class": f"S{sfx}",
            })
            await admin.call("POST", "/people", 201, json={
                "person_id": heads[key], "name": f"{name}镇长", "unit_id": units[key],
                "roles": ["unit_head"], "password": PASSWORD,
            })
        await admin.call("POST", "/people", 201, json={
            "person_id": towns.editor, "name": "测试编辑", "unit_id": ASSESSING_OFFICE,
            "roles": ["editor"], "password": PASSWORD,
        })
        yield towns
    finally:
        await admin.close()
        await operator.close()


async def adopt(stack: Stack, towns: Towns, key: str, n: int) -> str:
    """An item of town ``key`` submitted by its head and adopted by the office; its period."""
    head = await Api.logged_in(url(stack, "intake"), towns.heads[key], PASSWORD)
    editor = await Api.logged_in(url(stack, "intake"), towns.editor, PASSWORD)
    try:
        item = await head.call("POST", "/submissions", 201, json=_item(towns.units[key], n))
        path = f"/submissions/{item['submission_id']}"
        await editor.call("POST", f"{path}/screen", json={"outcome": "accepted"})
        await editor.call("POST", f"{path}/adopt", json={"publication": "county-xinxi"})
        return str(item["period"])
    finally:
        await head.close()
        await editor.close()


async def standing_changes(stack: Stack, unit_id: str) -> list[dict[str, Any]]:
    changes = []
    for record in await read_topic(stack, topics.LEDGER):
        payload = json.loads(record.value)
        if payload.get("type") == "StandingChanged" and payload.get("unit_id") == unit_id:
            changes.append(payload)
    return changes


async def test_a_unit_head_is_told_of_a_rank_change_once_a_day(stack: Stack, towns: Towns) -> None:
    incentives = await Api.acting_as(stack, "incentives", "admin")
    try:
        period = await adopt(stack, towns, "t2", 1)
        t1, t2 = towns.units["t1"], towns.units["t2"]

        async def ranks(want: dict[str, int]) -> dict[str, int] | None:
            rows = await incentives.call("GET", "/standings", params={"period": period})
            found = {r["unit_id"]: r["rank"] for r in rows if r["unit_id"] in want}
            return found if found == want else None

        async def announced(unit_id: str, rank: int) -> bool:
            return any(c["rank"] == rank for c in await standing_changes(stack, unit_id))

        await eventually(lambda: ranks({t2: 1, t1: 2}), timeout=90, what="T2 ranked ahead of T1")
        await eventually(lambda: announced(t1, 2), timeout=30, what="T1's StandingChanged to 2nd")
        await adopt(stack, towns, "t1", 2)
        await adopt(stack, towns, "t1", 3)
        await eventually(lambda: ranks({t1: 1, t2: 2}), timeout=90, what="T1 overtaking T2")
        await eventually(lambda: announced(t1, 1), timeout=30, what="T1's StandingChanged to 1st")
        await eventually(lambda: announced(t2, 2), timeout=30, what="T2's StandingChanged to 2nd")
        await wait_until_consumed(stack)

        for key, unit in towns.units.items():
            changes = await standing_changes(stack, unit)
            days = {local_date(datetime.fromisoformat(c["occurred_at"]), BEIJING) for c in changes}
            head = await Api.acting_as(stack, "notify", towns.heads[key])
            try:
                inbox = await head.call("GET", "/notifications", params={"recipient_id": towns.heads[key]})
            finally:
                await head.close()
            told = [n for n in inbox["items"] if n["kind"] == "standing_changed"]
            print(f"\n[e2e] {unit}: {len(changes)} StandingChanged on {len(days)} day(s), told {len(told)}x")
            assert len(changes) >= (2 if key == "t1" else 1), f"{unit}'s moves: {changes}"
            assert len(told) == len(days), f"{unit}'s head told once a day: {told}"
    finally:
        await incentives.close()

"""One item's whole editorial life on the real stack, as the people who handle it.

A township officer drafts it, the township head signs it off, the county office screens,
edits, adopts and forwards it, the city office adopts it, the city leader instructs, the
township reports back. Checked on the way: the events on Kafka, the audit trail, and what
each role can and cannot see or do.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest

from deploy.localstack import Stack
from services.intake.settings import LOCAL_BOOTSTRAP_ADMIN_PASSWORD
from shared.contracts import topics
from tests.e2e.harness import PASSWORD, Api, eventually, read_topic, url

pytestmark = pytest.mark.e2e

DRAFT = {
    "title": "河山镇“预约+代烘”助农秋粮应收尽收",
    "body": (
        "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。\n\n"
        "一是线上预约错峰售粮，全镇1860户种粮户中1420户通过预约售粮。\n\n"
        "二是烘干设备统一调度，日烘干能力提高到480吨。"
    ),
}
EDITED_BODY = DRAFT["body"].replace("1.2万吨", "1.3万吨") + "\n\n下一步，河山镇将逐户摸排剩余待售粮食。"
PEOPLE = ("e2e-officer", "e2e-head", "e2e-other-officer", "e2e-county-editor", "e2e-county-leader",
          "e2e-city-editor", "e2e-city-leader", "e2e-prov-editor")


@pytest.fixture
async def people(stack: Stack, org: None) -> AsyncIterator[dict[str, Api]]:
    base = url(stack, "intake")
    apis = {p: await Api.logged_in(base, p, PASSWORD) for p in PEOPLE}
    apis["admin"] = await Api.logged_in(base, "admin", LOCAL_BOOTSTRAP_ADMIN_PASSWORD)
    yield apis
    for api in apis.values():
        await api.close()


async def can_read(api: Api, sid: str) -> bool:
    response = await api.client.get(f"/submissions/{sid}")
    assert response.status_code in (200, 403), response.text
    return response.status_code == 200


async def refused(api: Api, path: str, body: dict[str, Any] | None = None) -> str:
    response = await api.client.post(path, json=body or {})
    assert response.status_code == 403, f"{path}: {response.status_code} {response.text}"
    return str(response.json()["detail"])


async def test_a_township_item_travels_to_city_adoption_and_a_leader_instruction(
    stack: Stack, people: dict[str, Api]
) -> None:
    officer, head, other = people["e2e-officer"], people["e2e-head"], people["e2e-other-officer"]
    county, county_leader = people["e2e-county-editor"], people["e2e-county-leader"]
    city, city_leader = people["e2e-city-editor"], people["e2e-city-leader"]
    province = people["e2e-prov-editor"]

    # The officer drafts; nobody outside the unit sees the draft, and it cannot leave without sign-off.
    draft = await officer.call("POST", "/submissions", 201, json=DRAFT)
    sid, step = draft["submission_id"], f"/submissions/{draft['submission_id']}"
    assert draft["state"] == "draft"
    for outsider in (other, county, county_leader, city):
        assert not await can_read(outsider, sid)
    assert "unit_head" in await refused(officer, f"{step}/sign-off")
    await refused(county, f"{step}/screen", {"outcome": "accepted"})
    assert (await head.call("POST", f"{step}/sign-off"))["state"] == "submitted"

    # The county office screens, edits and adopts it; the city cannot touch it yet.
    assert await can_read(county, sid) and not await can_read(city, sid)
    assert not await can_read(county_leader, sid)
    await refused(city, f"{step}/screen", {"outcome": "accepted"})
    await county.call("POST", f"{step}/screen", json={"outcome": "accepted"})
    await county.call("POST", f"{step}/revise", json={"title": DRAFT["title"], "body": EDITED_BODY})
    await refused(officer, f"{step}/adopt", {"publication": "county-xinxi"})
    adopted = await county.call("POST", f"{step}/adopt", json={"publication": "county-xinxi"})
    assert re.fullmatch(r"\d{4}年第\d+期", adopted["issue_no"]), adopted  # from the publication's sequence
    assert await can_read(county_leader, sid) and await can_read(city_leader, sid)
    await county.call("POST", f"{step}/forward")

    # The city office adopts it; the county can still read it but no longer act on it.
    assert await can_read(city, sid) and await can_read(county, sid)
    assert not await can_read(province, sid)
    await refused(county, f"{step}/adopt", {"publication": "county-yaoqing"})
    await city.call("POST", f"{step}/screen", json={"outcome": "accepted"})
    await city.call("POST", f"{step}/adopt", json={"publication": "city-xinxi", "form": "combined"})

    # The city leader instructs; the township reports back.
    due = (date.today() + timedelta(days=5)).isoformat()
    await refused(officer, f"{step}/instructions", {"leader_rank": "city", "text": "x"})
    await city_leader.call("POST", f"{step}/instructions", json={
        "leader_rank": "city", "text": "经验做法好，请市农业农村局总结推广。", "feedback_due": due,
    })
    item = await officer.call("GET", step)
    instruction_id = item["instructions"][0]["instruction_id"]
    await refused(other, f"{step}/instructions/{instruction_id}/feedback", {"text": "x"})
    await officer.call("POST", f"{step}/instructions/{instruction_id}/feedback", 201,
                       json={"text": "已在全镇推广预约售粮和代烘服务。"})

    item = await officer.call("GET", step)
    assert item["state"] == "adopted" and item["forwarded_by"] == ["e2e-county"]
    assert [a["office_id"] for a in item["adoptions"]] == ["e2e-county", "e2e-city"]
    assert item["instructions"][0]["feedback"][0]["late"] is False

    # The author sees exactly what the county editor changed.
    revisions = await officer.call("GET", f"{step}/revisions")
    (change,) = revisions["changes"]
    assert change["by"] == "e2e-county-editor" and change["by_editor"]
    marked = [p["marked"] for p in change["paragraphs"]]
    assert "[-1.2-]{+1.3+}" in marked[0] and marked[-1].startswith("{+下一步")

    await _check_events(stack, sid, instruction_id)
    await _check_audit(officer, people["admin"], step)
    await _check_lists(people, sid)


async def _check_events(stack: Stack, sid: str, instruction_id: str) -> None:
    expected = [
        "SubmissionReceived", "SubmissionScreened", "SubmissionRevised", "SubmissionAdopted",
        "SubmissionForwarded", "SubmissionScreened", "SubmissionAdopted", "InstructionRecorded",
        "InstructionFeedbackGiven",
    ]

    async def item_events() -> list[dict[str, Any]] | None:
        records = await read_topic(stack, topics.SUBMISSIONS, timeout_ms=1000)
        events = [json.loads(r.value) for r in records if r.key == sid.encode()]
        return events if len(events) >= len(expected) else None

    events = await eventually(item_events, timeout=30, what="the item's events on Kafka")
    assert [e["type"] for e in events] == expected
    received, adoptions = events[0], [e for e in events if e["type"] == "SubmissionAdopted"]
    assert received["author_id"] == "e2e-officer" and received["unit_id"] == "e2e-town"
    assert [(a["office_id"], a["forwarded_by"]) for a in adoptions] == [
        ("e2e-county", []), ("e2e-city", ["e2e-county"]),
    ]
    assert all(a["unit_id"] == "e2e-town" for a in adoptions), "credit stays with the township"
    records = await read_topic(stack, topics.UNITS, timeout_ms=1000)
    deadlines = [json.loads(r.value) for r in records if r.key == b"e2e-town"]
    assert any(d["type"] == "DeadlineSet" and d["reference_id"] == instruction_id
               and d["subject"] == "instruction_feedback" for d in deadlines)


async def _check_audit(officer: Api, admin: Api, step: str) -> None:
    trail = await officer.call("GET", f"{step}/audit")
    assert [(e["actor"], e["action"]) for e in trail] == [
        ("e2e-officer", "draft"), ("e2e-head", "sign-off"),
        ("e2e-county-editor", "screen:accepted"), ("e2e-county-editor", "edit"),
        ("e2e-county-editor", "adopt:county-xinxi"), ("e2e-county-editor", "forward:e2e-city"),
        ("e2e-city-editor", "screen:accepted"), ("e2e-city-editor", "adopt:city-xinxi"),
        ("e2e-city-leader", "instruction"),
        ("e2e-officer", f"feedback:{trail[-1]['action'].split(':', 1)[1]}"),
    ]
    assert {e["origin"] for e in trail} == {"127.0.0.1"}
    logins = await admin.call("GET", "/audit", params={"action": "login", "actor": "e2e-officer"})
    assert logins and logins[0]["origin"] == "127.0.0.1"
    assert (await officer.client.get("/audit")).status_code == 403


async def _check_lists(people: dict[str, Api], sid: str) -> None:
    async def listed(who: str, view: str) -> bool:
        page = await people[who].call("GET", "/submissions", params={"view": view, "limit": 500})
        return sid in {i["submission_id"] for i in page["items"]}

    assert await listed("e2e-officer", "unit") and not await listed("e2e-other-officer", "unit")
    assert await listed("e2e-county-editor", "office") and await listed("e2e-city-editor", "office")
    assert not await listed("e2e-prov-editor", "office")
    assert await listed("e2e-county-leader", "adopted") and await listed("e2e-city-leader", "adopted")
    response = await people["e2e-officer"].client.get("/submissions", params={"view": "office"})
    assert response.status_code == 403

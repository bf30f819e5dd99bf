"""Issue 18, "offered what they may not do": an editor adopts only into their own office's
publications, a leader's instruction is of a rank at or below the recording office's level;
the others are refused with the reason and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from services.intake.tests.conftest import PASSWORD, IntakeHarness, submitted

PROVINCE_EDITOR = {"person_id": "province-editor", "name": "孙伟", "unit_id": "jn", "roles": ["editor"]}
OWN = {"dx": "county-xinxi", "lj": "city-zhuanbao", "jn": "province-xinxi"}
PUBLISHES = {"dx": "county-xinxi, county-yaoqing", "lj": "city-xinxi, city-zhuanbao", "jn": "province-xinxi"}


async def at_office(intake: IntakeHarness, office: str) -> str:
    """An item of 河山镇 accepted at ``office`` (forwarded up to it first)."""
    sid = await submitted(intake)
    chain = [("dx", "county-editor"), ("lj", "city-editor"), ("jn", "province-editor")]
    if office == "jn":
        await intake.ok("POST", "/people", as_="admin", json={**PROVINCE_EDITOR, "password": PASSWORD})
    for unit, editor in chain:
        await intake.ok("POST", f"/submissions/{sid}/screen", as_=editor, json={"outcome": "accepted"})
        if unit == office:
            return sid
        await intake.ok("POST", f"/submissions/{sid}/forward", as_=editor)
    raise AssertionError(office)


def into(code: str) -> dict[str, str]:
    return {"publication": code}


async def events_of(intake: IntakeHarness, sid: str, kind: str) -> list[dict[str, Any]]:
    return [e for e in await intake.published() if e["type"] == kind and e.get("submission_id") == sid]


@pytest.mark.parametrize(
    ("office", "editor", "others"),
    [
        ("dx", "county-editor", ["city-xinxi", "city-zhuanbao", "province-xinxi"]),
        ("lj", "city-editor", ["county-xinxi", "county-yaoqing", "province-xinxi"]),
        ("jn", "province-editor", ["county-xinxi", "city-xinxi", "city-zhuanbao"]),
    ],
)
async def test_an_editor_adopts_only_into_their_own_offices_publications(
    intake: IntakeHarness, office: str, editor: str, others: list[str]
) -> None:
    sid = await at_office(intake, office)
    before = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    for code in others:
        refused = await intake.call("POST", f"/submissions/{sid}/adopt", as_=editor, json=into(code))
        assert refused.status_code == 403
        why = refused.json()
        assert (why["field"], why["code"]) == ("publication", "publication_not_own")
        assert f"may not adopt into or compile {code}" in why["detail"], why
        assert why["detail"].endswith(f"{office} publishes: {PUBLISHES[office]}"), why
    unknown = await intake.call("POST", f"/submissions/{sid}/adopt", as_=editor, json=into("dongtai"))
    assert unknown.status_code == 422
    [problem] = unknown.json()["detail"]
    assert problem["loc"] == ["body", "publication"] and "'dongtai'" in problem["msg"]

    after = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert {k: v for k, v in after.items() if k != "downstream"} == {
        k: v for k, v in before.items() if k != "downstream"}
    assert after["state"] == "accepted" and after["adoptions"] == []
    assert await events_of(intake, sid, "SubmissionAdopted") == []
    assert await intake.ok("GET", "/briefings", as_=editor, params={"office_id": office}) == []

    adopted = await intake.ok("POST", f"/submissions/{sid}/adopt", as_=editor, json=into(OWN[office]))
    assert adopted["state"] == "adopted" and adopted["publication"] == OWN[office]
    [event] = await events_of(intake, sid, "SubmissionAdopted")
    assert (event["office_id"], event["publication"]) == (office, OWN[office])


@pytest.mark.parametrize("person", ["officer", "head", "county-head", "county-leader", "county-admin",
                                    "city-editor"])
async def test_nobody_but_an_editor_of_the_office_the_item_is_with_adopts_it(
    intake: IntakeHarness, person: str
) -> None:
    sid = await at_office(intake, "dx")
    await intake.refused("POST", f"/submissions/{sid}/adopt", as_=person, json=into("county-xinxi"))
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert item["state"] == "accepted" and item["adoptions"] == []


@pytest.mark.parametrize(
    ("person", "allowed", "refused"),
    [
        ("county-leader", ["county", "township"], ["city", "province", "national"]),
        ("city-leader", ["city", "county", "township"], ["province", "national"]),
        ("province-leader", ["province", "city"], ["national"]),
        ("county-editor", ["county"], ["city", "province", "national"]),
    ],
)
async def test_an_instruction_is_of_a_rank_at_or_below_the_recording_office(
    intake: IntakeHarness, person: str, allowed: list[str], refused: list[str]
) -> None:
    sid = await at_office(intake, "dx")
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor", json=into("county-xinxi"))
    leader = {"leader_name": "刘县长"} if person == "county-editor" else {}
    for rank in refused:
        answer = await intake.call("POST", f"/submissions/{sid}/instructions", as_=person,
                                   json={**leader, "leader_rank": rank, "text": "请总结推广。"})
        assert answer.status_code == 403
        why = answer.json()
        assert (why["field"], why["code"]) == ("leader_rank", "rank_above_office")
        assert f"may not record an instruction of rank {rank}" in why["detail"], why
    assert await events_of(intake, sid, "InstructionRecorded") == []
    for rank in allowed:
        await intake.ok("POST", f"/submissions/{sid}/instructions", as_=person,
                        json={**leader, "leader_rank": rank, "text": f"{rank}：请总结推广。"})
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert [i["leader_rank"] for i in item["instructions"]] == allowed
    assert len(await events_of(intake, sid, "InstructionRecorded")) == len(allowed)


@pytest.mark.parametrize("person", ["officer", "head", "county-head", "county-admin"])
async def test_people_who_neither_lead_nor_edit_there_record_no_instruction(
    intake: IntakeHarness, person: str
) -> None:
    sid = await at_office(intake, "dx")
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor", json=into("county-xinxi"))
    await intake.refused("POST", f"/submissions/{sid}/instructions", as_=person,
                         json={"leader_name": "刘县长", "leader_rank": "township", "text": "好。"})
    assert (await intake.ok("GET", f"/submissions/{sid}", as_="officer"))["instructions"] == []


async def test_an_office_opens_issues_of_its_own_publications_only(intake: IntakeHarness) -> None:
    why = await intake.refused("POST", "/briefings", as_="county-editor", json=into("city-zhuanbao"))
    assert "city-zhuanbao" in why
    assert await intake.ok("GET", "/briefings", as_="county-editor", params={"office_id": "dx"}) == []
    opened = await intake.ok("POST", "/briefings", as_="county-editor", json=into("county-yaoqing"))
    assert (opened["publication"], opened["name"], opened["number"]) == ("county-yaoqing", "要情快报", 1)

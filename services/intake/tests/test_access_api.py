"""Nobody reads, edits or adopts outside their scope: each role meets a 403 that says why."""

from __future__ import annotations

from services.intake.tests.conftest import ITEM, IntakeHarness, submitted


async def adopted_by_county(intake: IntakeHarness) -> str:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                    json={"publication": "county-xinxi"})
    return sid


async def test_an_officer_writes_drafts_only_and_cannot_sign_them_off(intake: IntakeHarness) -> None:
    why = await intake.refused("POST", "/submissions", as_="officer", json={**ITEM, "draft": False})
    assert "ask the unit head" in why
    sid = (await intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"]
    why = await intake.refused("POST", f"/submissions/{sid}/sign-off", as_="officer")
    assert "only unit_head of hs may" in why


async def test_a_unit_head_submits_their_own_item_directly(intake: IntakeHarness) -> None:
    item = await intake.ok("POST", "/submissions", as_="head", json=ITEM)
    assert item["state"] == "submitted" and item["signed_off_by"] == "head"
    draft = await intake.ok("POST", "/submissions", as_="head", json={**ITEM, "draft": True})
    assert draft["state"] == "draft"


async def test_another_unit_cannot_read_sign_off_withdraw_or_revise(intake: IntakeHarness) -> None:
    sid = (await intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"]
    assert "may not read" in await intake.refused("GET", f"/submissions/{sid}", as_="other-officer")
    await intake.refused("POST", f"/submissions/{sid}/sign-off", as_="other-head")
    await intake.refused("POST", f"/submissions/{sid}/withdraw", as_="other-officer", json={})
    await intake.refused("POST", f"/submissions/{sid}/revise", as_="other-officer",
                         json={"title": "x", "body": "y"})
    page = await intake.ok("GET", "/submissions", as_="other-officer")
    assert page["view"] == "unit" and page["total"] == 0


async def test_editors_see_no_drafts_and_nothing_before_it_reaches_their_office(
    intake: IntakeHarness,
) -> None:
    sid = (await intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"]
    await intake.refused("GET", f"/submissions/{sid}", as_="county-editor")
    await intake.ok("POST", f"/submissions/{sid}/sign-off", as_="head")
    await intake.ok("GET", f"/submissions/{sid}", as_="county-editor")
    await intake.refused("GET", f"/submissions/{sid}", as_="city-editor")


async def test_an_editor_of_another_office_cannot_screen_adopt_or_forward(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    why = await intake.refused("POST", f"/submissions/{sid}/screen", as_="city-editor",
                               json={"outcome": "accepted"})
    assert why == f"赵强 (editor of lj) may not read item {sid}: it belongs to hs and is with dx"
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.refused("POST", f"/submissions/{sid}/adopt", as_="city-editor", json={"publication": "p"})
    await intake.refused("POST", f"/submissions/{sid}/forward", as_="city-editor")
    why = await intake.refused("POST", f"/submissions/{sid}/adopt", as_="county-head",
                               json={"publication": "p"})
    assert why == "吴浩 (office_head of dx) may not adopt items at dx: only editor of dx may"


async def test_after_forwarding_both_offices_read_it_and_only_the_upper_one_acts(
    intake: IntakeHarness,
) -> None:
    sid = await adopted_by_county(intake)
    await intake.ok("POST", f"/submissions/{sid}/forward", as_="county-editor")
    await intake.ok("GET", f"/submissions/{sid}", as_="county-editor")
    await intake.ok("GET", f"/submissions/{sid}", as_="city-editor")
    await intake.refused("POST", f"/submissions/{sid}/screen", as_="county-editor",
                         json={"outcome": "accepted"})
    assert (await intake.ok("GET", "/submissions", as_="county-editor"))["total"] == 1


async def test_leaders_read_only_items_adopted_at_or_below_their_office(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    await intake.refused("GET", f"/submissions/{sid}", as_="county-leader")
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.refused("GET", f"/submissions/{sid}", as_="county-leader")
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                    json={"publication": "county-xinxi"})
    for leader in ("county-leader", "city-leader", "province-leader"):
        await intake.ok("GET", f"/submissions/{sid}", as_=leader)
        page = await intake.ok("GET", "/submissions", as_=leader)
        assert page["view"] == "adopted" and page["total"] == 1
    await intake.refused("GET", "/submissions", as_="county-leader", params={"view": "office"})
    await intake.refused("POST", f"/submissions/{sid}/forward", as_="county-leader")


async def test_instructions_come_from_offices_that_adopted_the_item_or_above(
    intake: IntakeHarness,
) -> None:
    sid = await adopted_by_county(intake)
    instruction = {"leader_name": "刘县长", "leader_rank": "county", "text": "好。"}
    await intake.ok("POST", f"/submissions/{sid}/instructions", as_="county-editor", json=instruction)
    await intake.ok("POST", f"/submissions/{sid}/instructions", as_="province-leader",
                    json={"leader_rank": "province", "text": "请省农业农村厅总结推广。"})
    why = await intake.refused("POST", f"/submissions/{sid}/instructions", as_="officer",
                               json=instruction)
    assert "only leaders and editors" in why
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert [i["leader_name"] for i in item["instructions"]] == ["刘县长", "周省长"]


async def test_an_editor_recording_for_a_leader_must_name_the_leader(intake: IntakeHarness) -> None:
    sid = await adopted_by_county(intake)
    response = await intake.call("POST", f"/submissions/{sid}/instructions", as_="county-editor",
                                 json={"leader_rank": "county", "text": "好。"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "leader_name"]


async def test_admins_keep_their_part_of_the_tree_only(intake: IntakeHarness) -> None:
    town = {"unit_id": "xc", "name": "新村镇人民政府", "level": "township", "parent_id": "dx"}
    await intake.ok("POST", "/units", as_="county-admin", json=town)
    why = await intake.refused("POST", "/units", as_="county-admin", json={
        "unit_id": "lj-x", "name": "临江市某局", "level": "city", "kind": "department", "parent_id": "lj",
    })
    assert "only an admin at or above lj may" in why
    await intake.refused("POST", "/units", as_="county-admin",
                         json={"unit_id": "root2", "name": "另一省", "level": "province"})
    person = {"person_id": "xc.a", "name": "甲", "unit_id": "xc", "roles": ["officer"],
              "password": "initial-pw-1"}
    await intake.ok("POST", "/people", as_="county-admin", json=person)
    await intake.refused("POST", "/people", as_="county-admin", json={**person, "unit_id": "lj"})
    await intake.refused("POST", "/people", as_="county-editor", json=person)
    await intake.refused("POST", "/units", as_="officer", json=town)


async def test_an_admin_without_other_roles_reads_no_items(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    await intake.refused("GET", f"/submissions/{sid}", as_="county-admin")
    await intake.refused("GET", "/submissions", as_="county-admin", params={"view": "unit"})


async def test_people_of_a_unit_are_listed_for_its_members_and_admins(intake: IntakeHarness) -> None:
    people = await intake.ok("GET", "/people", as_="officer", params={"unit_id": "hs"})
    assert {p["person_id"] for p in people} == {"officer", "head"}
    assert all("password" not in p for p in people)
    await intake.ok("GET", "/people", as_="county-admin", params={"unit_id": "hs"})
    await intake.refused("GET", "/people", as_="other-officer", params={"unit_id": "hs"})

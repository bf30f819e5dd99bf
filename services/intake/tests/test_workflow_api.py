"""The editorial workflow through the HTTP API, with the events it publishes."""

from __future__ import annotations

from services.intake.tests.conftest import ITEM, IntakeHarness


async def submit(intake: IntakeHarness) -> str:
    return (await intake.ok("POST", "/submissions", json=ITEM))["submission_id"]


async def test_item_walks_from_township_to_city_adoption_and_instruction(intake: IntakeHarness) -> None:
    sid = await submit(intake)
    step = f"/submissions/{sid}"
    await intake.ok("POST", f"{step}/screen", json={"editor_id": "county-editor", "outcome": "accepted"})
    await intake.ok("POST", f"{step}/adopt", json={"editor_id": "county-editor", "publication": "dongtai"})
    forwarded = await intake.ok("POST", f"{step}/forward", json={"editor_id": "county-editor"})
    assert forwarded == {"submission_id": sid, "state": "submitted", "office_id": "lj"}
    await intake.ok("POST", f"{step}/screen", json={"editor_id": "city-editor", "outcome": "accepted"})
    await intake.ok("POST", f"{step}/adopt", json={"editor_id": "city-editor", "publication": "yaoqing"})
    await intake.ok("POST", f"{step}/instructions", json={
        "leader_name": "陈市长", "leader_rank": "city", "text": "经验做法值得推广。",
        "recorded_by": "city-leader",
    })
    events = [e for e in await intake.published() if e.get("submission_id") == sid]
    assert [e["type"] for e in events] == [
        "SubmissionReceived", "SubmissionScreened", "SubmissionAdopted", "SubmissionForwarded",
        "SubmissionScreened", "SubmissionAdopted", "InstructionRecorded",
    ]
    city_adoption = events[5]
    assert city_adoption["unit_id"] == "hs" and city_adoption["office_level"] == "city"
    assert city_adoption["forwarded_by"] == ["dx"]
    assert len({e["correlation_id"] for e in events}) == len(events)
    audit = await intake.ok("GET", f"{step}/audit")
    assert [a["action"] for a in audit][:3] == ["submit", "screen:accepted", "adopt:dongtai"]
    assert all(a["actor"] for a in audit)


async def test_adopting_an_item_not_yet_screened_is_a_conflict(intake: IntakeHarness) -> None:
    sid = await submit(intake)
    response = await intake.client.post(
        f"/submissions/{sid}/adopt", json={"editor_id": "county-editor", "publication": "dongtai"}
    )
    assert response.status_code == 409
    assert response.json()["state"] == "submitted"


async def test_an_editor_of_another_office_cannot_screen(intake: IntakeHarness) -> None:
    sid = await submit(intake)
    response = await intake.client.post(
        f"/submissions/{sid}/screen", json={"editor_id": "city-editor", "outcome": "accepted"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "editor_id"]


async def test_return_needs_a_reason_and_the_author_can_resubmit(intake: IntakeHarness) -> None:
    sid = await submit(intake)
    step = f"/submissions/{sid}"
    no_reason = await intake.client.post(
        f"{step}/screen", json={"editor_id": "county-editor", "outcome": "returned"}
    )
    assert no_reason.status_code == 422
    await intake.ok("POST", f"{step}/screen", json={
        "editor_id": "county-editor", "outcome": "returned", "reasons": ["补充具体数据"],
    })
    revised = await intake.ok("POST", f"{step}/revise", json={
        "person_id": "officer", "title": ITEM["title"], "body": ITEM["body"] + "\n\n二是新增烘干设备3台。",
    })
    assert revised["state"] == "submitted"
    item = await intake.ok("GET", step)
    assert item["revision"] == 1


async def test_withdrawn_item_cannot_be_screened(intake: IntakeHarness) -> None:
    sid = await submit(intake)
    await intake.ok("POST", f"/submissions/{sid}/withdraw", json={"person_id": "officer"})
    response = await intake.client.post(
        f"/submissions/{sid}/screen", json={"editor_id": "county-editor", "outcome": "accepted"}
    )
    assert response.status_code == 409


async def test_submission_with_missing_fields_names_them(intake: IntakeHarness) -> None:
    response = await intake.client.post("/submissions", json={"unit_id": "hs", "title": "x"})
    assert response.status_code == 422
    missing = {tuple(d["loc"]) for d in response.json()["detail"]}
    assert ("body", "author_id") in missing and ("body", "body") in missing


async def test_author_outside_the_unit_is_refused_and_nothing_is_published(intake: IntakeHarness) -> None:
    before = len(await intake.published())
    response = await intake.client.post("/submissions", json={**ITEM, "author_id": "county-editor"})
    assert response.status_code == 422
    assert len(await intake.published()) == before


async def test_unknown_unit_is_not_found(intake: IntakeHarness) -> None:
    response = await intake.client.post("/submissions", json={**ITEM, "unit_id": "nowhere"})
    assert response.status_code == 404


async def test_list_filters_by_office_and_state(intake: IntakeHarness) -> None:
    await submit(intake)
    page = await intake.ok("GET", "/submissions", params={"office_id": "dx", "state": "submitted"})
    assert page["total"] == 1 and page["items"][0]["unit_id"] == "hs"
    empty = await intake.ok("GET", "/submissions", params={"office_id": "lj"})
    assert empty["total"] == 0

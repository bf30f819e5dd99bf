"""The editorial workflow through the HTTP API, with the events it publishes."""

from __future__ import annotations

from services.intake.tests.conftest import ITEM, IntakeHarness, submitted


async def test_item_walks_from_township_draft_to_city_adoption_and_instruction(
    intake: IntakeHarness,
) -> None:
    draft = await intake.ok("POST", "/submissions", as_="officer", json=ITEM)
    assert draft["state"] == "draft" and draft["submitted_at"] is None
    sid = draft["submission_id"]
    step = f"/submissions/{sid}"
    signed = await intake.ok("POST", f"{step}/sign-off", as_="head")
    assert signed == {
        "submission_id": sid, "state": "submitted", "office_id": "dx", "awaiting_sign_off": False,
        "sensitive": False,
    }
    await intake.ok("POST", f"{step}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.ok("POST", f"{step}/adopt", as_="county-editor", json={"publication": "county-xinxi"})
    forwarded = await intake.ok("POST", f"{step}/forward", as_="county-editor")
    assert forwarded == {
        "submission_id": sid, "state": "submitted", "office_id": "lj", "awaiting_sign_off": False,
        "sensitive": False,
    }
    await intake.ok("POST", f"{step}/screen", as_="city-editor", json={"outcome": "accepted"})
    await intake.ok("POST", f"{step}/adopt", as_="city-editor", json={"publication": "city-xinxi"})
    await intake.ok("POST", f"{step}/instructions", as_="city-leader", json={
        "leader_rank": "city", "text": "经验做法值得推广。",
    })
    events = [e for e in await intake.published() if e.get("submission_id") == sid]
    assert [e["type"] for e in events] == [
        "SubmissionReceived", "SubmissionScreened", "SubmissionAdopted", "SubmissionForwarded",
        "SubmissionScreened", "SubmissionAdopted", "InstructionRecorded",
    ]
    received, city_adoption, instruction = events[0], events[5], events[6]
    assert received["author_id"] == "officer" and received["late"] is False
    assert city_adoption["unit_id"] == "hs" and city_adoption["office_level"] == "city"
    assert city_adoption["forwarded_by"] == ["dx"]
    assert instruction["leader_name"] == "陈市长" and instruction["recorded_by"] == "city-leader"
    assert len({e["correlation_id"] for e in events}) == len(events)
    audit = await intake.ok("GET", f"{step}/audit", as_="officer")
    assert [a["action"] for a in audit][:4] == ["draft", "sign-off", "screen:accepted", "adopt:county-xinxi"]
    assert [a["actor"] for a in audit][:3] == ["officer", "head", "county-editor"]
    assert {a["origin"] for a in audit} == {"10.1.2.3"}


async def test_adopting_an_item_not_yet_screened_is_a_conflict(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    response = await intake.call(
        "POST", f"/submissions/{sid}/adopt", as_="county-editor", json={"publication": "county-xinxi"}
    )
    assert response.status_code == 409
    assert response.json()["state"] == "submitted"


async def test_return_needs_a_reason_and_the_unit_can_resubmit(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    step = f"/submissions/{sid}"
    no_reason = await intake.call("POST", f"{step}/screen", as_="county-editor",
                                  json={"outcome": "returned"})
    assert no_reason.status_code == 422
    await intake.ok("POST", f"{step}/screen", as_="county-editor", json={
        "outcome": "returned", "reasons": ["补充具体数据"],
    })
    revised = await intake.ok("POST", f"{step}/revise", as_="head", json={
        "title": ITEM["title"], "body": ITEM["body"] + "\n\n二是新增烘干设备3台。",
    })
    assert revised["state"] == "submitted"
    item = await intake.ok("GET", step, as_="officer")
    assert item["revision"] == 1


async def test_withdrawn_item_cannot_be_screened(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/withdraw", as_="officer", json={})
    response = await intake.call("POST", f"/submissions/{sid}/screen", as_="county-editor",
                                 json={"outcome": "accepted"})
    assert response.status_code == 409


async def test_submission_with_missing_fields_names_them(intake: IntakeHarness) -> None:
    response = await intake.call("POST", "/submissions", as_="officer", json={"title": "x"})
    assert response.status_code == 422
    missing = {tuple(d["loc"]) for d in response.json()["detail"]}
    assert ("body", "body") in missing


async def test_a_refused_request_publishes_nothing(intake: IntakeHarness) -> None:
    sid = (await intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"]
    before = len(await intake.published())
    await intake.refused("POST", f"/submissions/{sid}/sign-off", as_="officer")
    assert len(await intake.published()) == before


async def test_unknown_item_is_not_found(intake: IntakeHarness) -> None:
    response = await intake.call("POST", "/submissions/nothing/sign-off", as_="head")
    assert response.status_code == 404


async def test_office_view_filters_by_where_the_item_is_and_its_state(intake: IntakeHarness) -> None:
    await submitted(intake)
    page = await intake.ok("GET", "/submissions", as_="county-editor",
                           params={"office_id": "dx", "state": "submitted"})
    assert page["view"] == "office"
    assert page["total"] == 1 and page["items"][0]["unit_id"] == "hs"
    empty = await intake.ok("GET", "/submissions", as_="city-editor")
    assert empty["total"] == 0

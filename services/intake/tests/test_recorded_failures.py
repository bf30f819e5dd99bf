"""Failures the office records against its units: false reports, criticisms from above,
unreported or hidden incidents. Its editors and head only; each kept, audited, announced."""

from __future__ import annotations

from services.intake.tests.conftest import IntakeHarness, submitted


async def _events(intake: IntakeHarness, kind: str) -> list[dict[str, object]]:
    return [e for e in await intake.published() if e["type"] == kind]


async def test_the_office_records_a_false_report_and_the_event_carries_who_and_why(
    intake: IntakeHarness,
) -> None:
    sid = await submitted(intake, urgent=True, category="突发事件")
    body = {"serious": True, "note": "经核实并无人员被困，信息严重失实。"}
    await intake.refused("POST", f"/submissions/{sid}/false-report", as_="officer", json=body)
    await intake.refused("POST", f"/submissions/{sid}/false-report", as_="city-editor", json=body)
    record = await intake.ok("POST", f"/submissions/{sid}/false-report", as_="county-editor", json=body)
    assert record["kind"] == "false_report" and record["unit_id"] == "hs" and record["office_id"] == "dx"
    [event] = await _events(intake, "EmergencyReportFalse")
    assert (event["submission_id"], event["unit_id"], event["serious"], event["recorded_by"]) == (
        sid, "hs", True, "county-editor",
    )
    audit = await intake.ok("GET", f"/submissions/{sid}/audit", as_="county-editor")
    assert audit[-1]["action"] == "failure:false_report"


async def test_a_criticism_from_above_names_the_unit_the_item_and_the_critic(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/criticisms", as_="county-head",
                    json={"criticised_by": "临江市人民政府办公室", "note": "收购数量与统计局数据不符。"})
    [event] = await _events(intake, "CriticisedByHigherLevel")
    assert (event["submission_id"], event["unit_id"], event["criticised_by"]) == (
        sid, "hs", "临江市人民政府办公室",
    )


async def test_an_unreported_or_hidden_incident_is_recorded_against_the_unit(intake: IntakeHarness) -> None:
    body = {"concealed": True, "incident": "11月20日河山镇山体滑坡", "evidence": "应急管理局通报"}
    await intake.refused("POST", "/units/hs/unreported-incidents", as_="head", json=body)
    await intake.ok("POST", "/units/hs/unreported-incidents", as_="county-editor", json=body)
    await intake.ok("POST", "/units/hs/unreported-incidents", as_="county-editor",
                    json={**body, "concealed": False, "incident": "11月21日河山镇道路塌方"})
    events = await _events(intake, "EmergencyReportConcealed")
    assert [(e["unit_id"], e["concealed"]) for e in events] == [("hs", True), ("hs", False)]
    listed = await intake.ok("GET", "/units/hs/failures", as_="county-leader")
    assert {r["kind"] for r in listed} == {"concealed", "not_reported"}
    await intake.refused("GET", "/units/hs/failures", as_="officer")


async def test_blank_notes_drafts_and_unknown_items_are_refused_and_nothing_is_kept(
    intake: IntakeHarness,
) -> None:
    sid = await submitted(intake)
    blank = await intake.call("POST", f"/submissions/{sid}/criticisms", as_="county-editor",
                              json={"criticised_by": "市政府办公室", "note": ""})
    assert blank.status_code == 422
    draft = (await intake.ok("POST", "/submissions", as_="officer",
                             json={"title": "草稿", "body": "尚未签发的草稿。"}))["submission_id"]
    refused = await intake.call("POST", f"/submissions/{draft}/false-report", as_="county-editor",
                                json={"note": "x"})
    assert refused.status_code == 422 and "draft" in refused.text
    missing = await intake.call("POST", "/submissions/nope/false-report", as_="county-editor",
                                json={"note": "x"})
    assert missing.status_code == 404
    assert await _events(intake, "EmergencyReportFalse") == []
    assert await intake.ok("GET", "/units/hs/failures", as_="county-editor") == []

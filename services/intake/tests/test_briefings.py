"""Briefing issues: numbered per office and publication, signed off by the office head, as .docx."""

from __future__ import annotations

import io

import docx

from services.intake.tests.conftest import IntakeHarness, submitted


async def adopted(intake: IntakeHarness, **changes: str) -> str:
    sid = await submitted(intake, **changes)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                    json={"publication": "county-xinxi"})
    return sid


async def test_an_issue_is_compiled_signed_off_and_exported(intake: IntakeHarness) -> None:
    sid = await adopted(intake)  # the adoption opened the publication's first issue, with the item in it
    [issue] = await intake.ok("GET", "/briefings", as_="county-editor", params={"office_id": "dx"})
    assert issue["number"] == 1 and issue["issue_no"].endswith("年第1期") and issue["state"] == "draft"
    assert [entry["submission_id"] for entry in issue["items"]] == [sid]
    bid = issue["briefing_id"]
    await intake.refused("POST", f"/briefings/{bid}/sign-off", as_="county-editor")
    signed = await intake.ok("POST", f"/briefings/{bid}/sign-off", as_="county-head")
    assert signed["state"] == "signed_off" and signed["items"][0]["body"].startswith("截至11月20日")
    [issued] = [e for e in await intake.published() if e["type"] == "BriefingIssued"]
    assert (issued["briefing_id"], issued["issue_no"], issued["signed_off_by"]) == (
        bid, issue["issue_no"], "county-head",
    )
    assert [(i["submission_id"], i["unit_id"]) for i in issued["items"]] == [(sid, "hs")]
    response = await intake.call("GET", f"/briefings/{bid}/export.docx", as_="county-leader")
    assert response.status_code == 200
    text = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert text[0] == "政务信息" and text[1] == f"{issue['issue_no']}\t签发人：吴浩"  # the county head
    assert "河山镇秋粮收购进度过半" in text and "（河山镇人民政府）" in text
    second = await intake.ok("POST", "/briefings", as_="county-editor", json={"publication": "county-xinxi"})
    assert second["number"] == 2
    await intake.refused("POST", f"/briefings/{bid}/items", as_="county-editor",
                         json={"submission_id": sid}, status=409)


async def test_only_items_the_office_adopted_go_into_its_issues(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    bid = (await intake.ok("POST", "/briefings", as_="county-editor",
                           json={"publication": "county-xinxi"}))["briefing_id"]
    response = await intake.call("POST", f"/briefings/{bid}/items", as_="county-editor",
                                 json={"submission_id": sid})
    assert response.status_code == 422
    await intake.refused("POST", "/briefings", as_="city-leader", json={"publication": "x"})
    await intake.refused("GET", f"/briefings/{bid}", as_="city-editor")
    listed = await intake.ok("GET", "/briefings", as_="county-head", params={"office_id": "dx"})
    assert [b["briefing_id"] for b in listed] == [bid]
    response = await intake.call("POST", f"/briefings/{bid}/sign-off", as_="county-head")
    assert response.status_code == 422

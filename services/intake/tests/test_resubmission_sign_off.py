"""A resubmission after a return goes through the unit head's sign-off again, unless the
unit's office lets officers resubmit directly; the head is asked (SignOffRequested)."""

from __future__ import annotations

from typing import Any

from services.intake.tests.conftest import ITEM, IntakeHarness, submitted

REVISED = {"title": ITEM["title"], "body": ITEM["body"] + "\n\n二是新增烘干设备3台。"}


async def _returned(intake: IntakeHarness) -> str:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor",
                    json={"outcome": "returned", "reasons": ["补充具体数据"]})
    return sid


async def _types(intake: IntakeHarness, sid: str) -> list[str]:
    return [e["type"] for e in await intake.published() if e.get("submission_id") == sid]


async def test_an_officer_s_resubmission_waits_for_the_head_and_the_head_is_asked(
    intake: IntakeHarness,
) -> None:
    sid = await _returned(intake)
    waiting = await intake.ok("POST", f"/submissions/{sid}/revise", as_="officer", json=REVISED)
    assert waiting["state"] == "returned" and waiting["awaiting_sign_off"] is True
    types = await _types(intake, sid)
    assert types[-1] == "SignOffRequested" and "SubmissionRevised" not in types
    request: dict[str, Any] = next(e for e in await intake.published() if e["type"] == "SignOffRequested")
    assert (request["unit_id"], request["requested_by"], request["resubmission"]) == ("hs", "officer", True)
    mine = await intake.ok("GET", f"/submissions/{sid}", as_="head")
    assert mine["pending_revision"]["body"].endswith("烘干设备3台。")
    theirs = await intake.ok("GET", f"/submissions/{sid}", as_="county-editor")
    assert theirs["pending_revision"] is None and theirs["revision"] == 0
    await intake.refused("POST", f"/submissions/{sid}/sign-off", as_="officer")
    signed = await intake.ok("POST", f"/submissions/{sid}/sign-off", as_="head")
    assert signed["state"] == "submitted" and signed["awaiting_sign_off"] is False
    revised = [e for e in await intake.published() if e["type"] == "SubmissionRevised"]
    assert [(e["revision"], e["revised_by"], e["by_editor"]) for e in revised] == [(1, "officer", False)]
    item = await intake.ok("GET", f"/submissions/{sid}", as_="county-editor")
    assert item["revision"] == 1 and item["signed_off_by"] == "head"


async def test_an_office_can_let_officers_resubmit_directly(intake: IntakeHarness) -> None:
    await intake.refused("PUT", "/offices/dx/rules", as_="county-editor",
                         json={"resubmission_needs_sign_off": False})
    rules = await intake.ok("PUT", "/offices/dx/rules", as_="county-head",
                            json={"resubmission_needs_sign_off": False})
    assert rules == {"office_id": "dx", "resubmission_needs_sign_off": False, "chosen_by_office": True}
    read = await intake.ok("GET", "/offices/dx/rules", as_="officer")
    assert read["resubmission_needs_sign_off"] is False
    sid = await _returned(intake)
    revised = await intake.ok("POST", f"/submissions/{sid}/revise", as_="officer", json=REVISED)
    assert revised["state"] == "submitted" and revised["awaiting_sign_off"] is False
    assert "SignOffRequested" not in await _types(intake, sid)


async def test_the_head_resubmits_at_once(intake: IntakeHarness) -> None:
    sid = await _returned(intake)
    revised = await intake.ok("POST", f"/submissions/{sid}/revise", as_="head", json=REVISED)
    assert revised["state"] == "submitted"
    assert "SignOffRequested" not in await _types(intake, sid)


async def test_an_officer_asks_for_a_draft_s_sign_off(intake: IntakeHarness) -> None:
    draft = (await intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"]
    await intake.refused("POST", f"/submissions/{draft}/request-sign-off", as_="other-officer")
    await intake.ok("POST", f"/submissions/{draft}/request-sign-off", as_="officer")
    [request] = [e for e in await intake.published() if e["type"] == "SignOffRequested"]
    assert request["submission_id"] == draft and request["resubmission"] is False
    sid = await submitted(intake)
    response = await intake.call("POST", f"/submissions/{sid}/request-sign-off", as_="officer")
    assert response.status_code == 409

"""Marking an item sensitive: the editors and heads of the offices it reached decide, with a
reason; the mark is kept, audited, announced, and travels on the item's later events."""

from __future__ import annotations

from services.intake.tests.conftest import IntakeHarness, submitted

MARK = {"sensitive": True, "reason": "涉及尚未公开的案件细节。"}
LIFT = {"sensitive": False, "reason": "案件已公开通报。"}


async def _events(intake: IntakeHarness, kind: str) -> list[dict[str, object]]:
    return [e for e in await intake.published() if e["type"] == kind]


async def test_an_editor_marks_an_item_sensitive_with_who_and_why(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    out = await intake.ok("PUT", f"/submissions/{sid}/sensitivity", as_="county-editor", json=MARK)
    assert out["sensitive"] is True
    [event] = await _events(intake, "SubmissionSensitivityChanged")
    assert (event["submission_id"], event["unit_id"], event["office_id"], event["sensitive"]) == (
        sid, "hs", "dx", True,
    )
    assert (event["decided_by"], event["reason"]) == ("county-editor", MARK["reason"])
    detail = await intake.ok("GET", f"/submissions/{sid}", as_="county-editor")
    assert detail["sensitive"]["by"] == "county-editor" and detail["sensitive"]["office_id"] == "dx"
    audit = await intake.ok("GET", f"/submissions/{sid}/audit", as_="county-editor")
    assert (audit[-1]["action"], audit[-1]["detail"]) == ("sensitive", MARK["reason"])


async def test_only_the_offices_the_item_reached_decide(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    for outsider in ("officer", "head", "other-officer", "city-editor", "county-leader", "county-admin"):
        await intake.refused("PUT", f"/submissions/{sid}/sensitivity", as_=outsider, json=MARK)
    assert await _events(intake, "SubmissionSensitivityChanged") == []
    await intake.ok("PUT", f"/submissions/{sid}/sensitivity", as_="county-head", json=MARK)


async def test_drafts_repeats_blank_reasons_and_unknown_items_are_refused(intake: IntakeHarness) -> None:
    draft = (await intake.ok("POST", "/submissions", as_="officer",
                             json={"title": "草稿", "body": "尚未签发的草稿。"}))["submission_id"]
    assert (await intake.call("PUT", f"/submissions/{draft}/sensitivity", as_="officer",
                              json=MARK)).status_code == 403
    sid = await submitted(intake)
    blank = await intake.call("PUT", f"/submissions/{sid}/sensitivity", as_="county-editor",
                              json={"sensitive": True, "reason": "   "})
    assert blank.status_code == 422 and "reason" in blank.text
    lift_first = await intake.call("PUT", f"/submissions/{sid}/sensitivity", as_="county-editor", json=LIFT)
    assert lift_first.status_code == 409 and "not sensitive" in lift_first.text
    await intake.ok("PUT", f"/submissions/{sid}/sensitivity", as_="county-editor", json=MARK)
    again = await intake.call("PUT", f"/submissions/{sid}/sensitivity", as_="county-editor", json=MARK)
    assert again.status_code == 409 and "already sensitive" in again.text
    missing = await intake.call("PUT", "/submissions/nope/sensitivity", as_="county-editor", json=MARK)
    assert missing.status_code == 404
    assert len(await _events(intake, "SubmissionSensitivityChanged")) == 1


async def test_the_mark_travels_upward_and_the_office_above_may_lift_it(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.ok("PUT", f"/submissions/{sid}/sensitivity", as_="county-editor", json=MARK)
    await intake.ok("POST", f"/submissions/{sid}/forward", as_="county-editor")
    [forwarded] = await _events(intake, "SubmissionForwarded")
    assert forwarded["sensitive"] is True
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="city-editor", json={"outcome": "accepted"})
    await intake.ok("PUT", f"/submissions/{sid}/sensitivity", as_="city-editor", json=LIFT)
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="city-editor",
                    json={"publication": "city-xinxi"})
    [adopted] = await _events(intake, "SubmissionAdopted")
    assert adopted["sensitive"] is False
    changes = await _events(intake, "SubmissionSensitivityChanged")
    assert [(e["office_id"], e["sensitive"]) for e in changes] == [("dx", True), ("lj", False)]

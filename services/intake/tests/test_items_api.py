"""Drafts, urgent items and follow-ups, instruction feedback, and what editors changed."""

from __future__ import annotations

from datetime import timedelta

from services.intake.tests.conftest import ITEM, IntakeHarness, submitted

URGENT = {"title": "河山镇发生山体滑坡", "body": "11月20日8时，河山镇发生山体滑坡，无人员伤亡。",
          "category": "突发事件", "urgent": True}


async def test_an_urgent_draft_announces_its_report_within_deadline(intake: IntakeHarness) -> None:
    happened = intake.clock() - timedelta(minutes=30)
    draft = await intake.ok("POST", "/submissions", as_="officer",
                            json={**URGENT, "occurred_at": happened.isoformat()})
    deadline = next(e for e in await intake.published() if e["type"] == "DeadlineSet")
    assert deadline["subject"] == "urgent_report" and deadline["reference_id"] == draft["submission_id"]
    assert draft["report_due"] == deadline["due_at"]
    await intake.ok("POST", f"/submissions/{draft['submission_id']}/sign-off", as_="head")
    item = await intake.ok("GET", f"/submissions/{draft['submission_id']}", as_="officer")
    assert item["late"] is False


async def test_an_urgent_item_signed_off_after_two_hours_is_flagged_late(intake: IntakeHarness) -> None:
    happened = intake.clock() - timedelta(hours=3)
    item = await intake.ok("POST", "/submissions", as_="head",
                           json={**URGENT, "occurred_at": happened.isoformat()})
    assert item["late"] is True
    received = next(e for e in await intake.published() if e["type"] == "SubmissionReceived")
    assert received["late"] is True and received["urgent"] is True


async def test_a_follow_up_report_links_to_the_first_one(intake: IntakeHarness) -> None:
    first = (await intake.ok("POST", "/submissions", as_="head", json=URGENT))["submission_id"]
    follow_up = await intake.ok("POST", "/submissions", as_="head", json={
        **URGENT, "title": "河山镇山体滑坡续报", "follow_up_of": first,
    })
    received = [e for e in await intake.published() if e["type"] == "SubmissionReceived"]
    assert received[-1]["follow_up_of"] == first
    original = await intake.ok("GET", f"/submissions/{first}", as_="county-editor")
    assert original["follow_ups"] == [follow_up["submission_id"]]
    other = (await intake.ok("POST", "/submissions", as_="other-head", json=URGENT))["submission_id"]
    response = await intake.call("POST", "/submissions", as_="head",
                                 json={**URGENT, "follow_up_of": other})
    assert response.status_code == 422


async def test_the_unit_edits_its_draft_before_sign_off_without_announcing_it(intake: IntakeHarness) -> None:
    sid = (await intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"]
    await intake.ok("POST", f"/submissions/{sid}/revise", as_="head",
                    json={"title": ITEM["title"], "body": "新的正文。"})
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert item["body"] == "新的正文。" and item["revision"] == 0
    assert await intake.published() == [] or all(
        e["type"] not in ("SubmissionRevised", "SubmissionReceived") for e in await intake.published()
    )


async def test_the_author_sees_exactly_what_the_editor_changed(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.ok("POST", f"/submissions/{sid}/revise", as_="county-editor", json={
        "title": "河山镇秋粮收购进度过半",
        "body": "截至11月20日，河山镇已收购秋粮1.3万吨，占计划的61%。\n\n"
                "一是设立收购点8个。\n\n二是新增烘干设备3台。",
    })
    history = await intake.ok("GET", f"/submissions/{sid}/revisions", as_="officer")
    assert [v["by"] for v in history["versions"]] == ["officer", "county-editor"]
    (change,) = history["changes"]
    assert change["by_editor"] is True and change["title"] is None
    marked = [p["marked"] for p in change["paragraphs"]]
    assert marked == ["截至11月20日，河山镇已收购秋粮[-1.2-]{+1.3+}万吨，占计划的[-56-]{+61+}%。",
                      "{+二是新增烘干设备3台。+}"]
    await intake.refused("GET", f"/submissions/{sid}/revisions", as_="other-officer")


async def test_the_unit_reports_back_on_an_instruction_and_its_deadline_is_announced(
    intake: IntakeHarness,
) -> None:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                    json={"publication": "county-xinxi"})
    due = (intake.clock() + timedelta(days=3)).date().isoformat()
    await intake.ok("POST", f"/submissions/{sid}/instructions", as_="county-leader",
                    json={"leader_rank": "county", "text": "请总结推广。", "feedback_due": due})
    deadline = next(e for e in await intake.published() if e["type"] == "DeadlineSet")
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    iid = item["instructions"][0]["instruction_id"]
    assert deadline["subject"] == "instruction_feedback" and deadline["reference_id"] == iid
    assert deadline["unit_id"] == "hs" and deadline["office_id"] == "dx"
    url = f"/submissions/{sid}/instructions/{iid}/feedback"
    await intake.refused("POST", url, as_="county-editor", json={"text": "x"})
    feedback = await intake.ok("POST", url, as_="officer", json={"text": "已在全镇推广预约售粮。"})
    assert feedback["late"] is False
    [given] = [e for e in await intake.published() if e["type"] == "InstructionFeedbackGiven"]
    assert (given["instruction_id"], given["given_by"], given["late"]) == (iid, "officer", False)
    item = await intake.ok("GET", f"/submissions/{sid}", as_="county-leader")
    assert item["instructions"][0]["feedback"][0]["text"] == "已在全镇推广预约售粮。"
    audit = await intake.ok("GET", f"/submissions/{sid}/audit", as_="officer")
    assert audit[-1]["action"] == f"feedback:{iid}"

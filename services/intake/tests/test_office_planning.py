"""Commissioned topics, priorities and quotas: what the office asks and who is behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.intake.tests.conftest import ITEM, IntakeHarness, submitted
from shared.clock import month_of


async def test_a_commission_announces_a_deadline_to_each_unit_asked(intake: IntakeHarness) -> None:
    deadline = (intake.clock() + timedelta(days=7)).isoformat()
    commission = await intake.ok("POST", "/commissions", as_="county-editor", json={
        "theme": "秋粮收购进展", "units": ["hs", "ls"], "deadline": deadline,
    })
    cid = commission["commission_id"]
    deadlines = [e for e in await intake.published() if e["type"] == "DeadlineSet"]
    assert {(e["unit_id"], e["subject"], e["reference_id"]) for e in deadlines} == {
        ("hs", "commission", cid), ("ls", "commission", cid),
    }
    asked = await intake.ok("GET", "/commissions", as_="officer")
    assert [c["commission_id"] for c in asked] == [cid]
    [published] = [e for e in await intake.published() if e["type"] == "CommissionPublished"]
    assert (published["commission_id"], published["kind"], published["units"]) == (
        cid, "commission", ["hs", "ls"],
    )


async def test_the_status_shows_who_has_answered_and_who_has_not(intake: IntakeHarness) -> None:
    deadline = (intake.clock() + timedelta(days=7)).isoformat()
    cid = (await intake.ok("POST", "/commissions", as_="county-editor", json={
        "theme": "秋粮收购进展", "deadline": deadline,
    }))["commission_id"]
    sid = await submitted(intake, commission_id=cid)
    received = next(e for e in await intake.published() if e.get("submission_id") == sid)
    assert received["commission_id"] == cid
    status = await intake.ok("GET", f"/commissions/{cid}/status", as_="county-head")
    by_unit = {row["unit_id"]: row for row in status["units_status"]}
    assert by_unit["hs"]["status"] == "answered" and by_unit["hs"]["answers"][0]["submission_id"] == sid
    assert by_unit["ls"]["status"] == "pending"
    assert status["counts"] == {"answered": 1, "late": 0, "missing": 0, "pending": 1}
    await intake.refused("GET", f"/commissions/{cid}/status", as_="city-editor")


async def test_only_the_office_s_staff_commission_and_only_units_below_it(intake: IntakeHarness) -> None:
    deadline = (intake.clock() + timedelta(days=7)).isoformat()
    body = {"theme": "x", "deadline": deadline}
    await intake.refused("POST", "/commissions", as_="officer", json=body)
    response = await intake.call("POST", "/commissions", as_="county-editor",
                                 json={**body, "units": ["dx"]})
    assert response.status_code == 422
    response = await intake.call("POST", "/commissions", as_="county-editor", json={"theme": "x"})
    assert response.status_code == 422
    priority = await intake.ok("POST", "/commissions", as_="county-editor",
                               json={"kind": "priority", "theme": "冬季安全生产"})
    assert priority["units"] == ["hs", "ls"] and priority["deadline"] is None


async def test_an_item_cannot_answer_a_commission_that_does_not_ask_its_unit(intake: IntakeHarness) -> None:
    deadline = (intake.clock() + timedelta(days=7)).isoformat()
    cid = (await intake.ok("POST", "/commissions", as_="county-editor", json={
        "theme": "x", "units": ["ls"], "deadline": deadline,
    }))["commission_id"]
    response = await intake.call("POST", "/submissions", as_="officer", json={**ITEM, "commission_id": cid})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "commission_id"]


async def test_the_quota_board_lists_who_is_behind(intake: IntakeHarness) -> None:
    period = month_of(intake.clock())
    for unit_id, required in (("hs", 1), ("ls", 2)):
        await intake.ok("POST", "/quotas", as_="county-editor",
                        json={"unit_id": unit_id, "period": period, "items_required": required})
    await submitted(intake)
    quota_events = [e for e in await intake.published() if e["type"] == "QuotaSet"]
    assert {(e["unit_id"], e["items_required"], e["period_kind"]) for e in quota_events} == {
        ("hs", 1, "month"), ("ls", 2, "month"),
    }
    board = await intake.ok("GET", "/quotas/board", as_="county-leader",
                            params={"office_id": "dx", "period": period})
    assert board["behind"] == ["ls"]
    assert [(r["unit_id"], r["submitted"], r["missing"]) for r in board["units"]] == [
        ("ls", 0, 2), ("hs", 1, 0),
    ]
    year = await intake.ok("GET", "/quotas/board", as_="county-editor",
                           params={"office_id": "dx", "period": period[:4]})
    assert year["units"] == []


async def test_quotas_are_set_by_the_office_above_the_unit_only(intake: IntakeHarness) -> None:
    body = {"unit_id": "hs", "period": "2026-Q4", "items_required": 3, "due": "2026-12-31"}
    await intake.refused("POST", "/quotas", as_="city-editor", json=body)
    await intake.refused("POST", "/quotas", as_="head", json=body)
    quota = await intake.ok("POST", "/quotas", as_="county-head", json=body)
    assert quota["period_kind"] == "quarter"
    deadline = next(e for e in await intake.published() if e["type"] == "DeadlineSet")
    assert deadline["subject"] == "quota" and deadline["due_at"].startswith("2026-12-31T15:59:59")
    response = await intake.call("POST", "/quotas", as_="county-editor", json={**body, "period": "26"})
    assert response.status_code == 422
    await intake.refused("GET", "/quotas/board", as_="officer", params={"office_id": "dx", "period": "2026"})


async def test_an_item_submitted_at_half_past_midnight_beijing_time_counts_for_the_new_month(
    intake: IntakeHarness,
) -> None:
    """2026-11-30 16:30 UTC is 00:30 on 1 December in Beijing: December's quota, not November's."""
    intake.clock.set(datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    for period in ("2026-11", "2026-12"):
        await intake.ok("POST", "/quotas", as_="county-editor",
                        json={"unit_id": "hs", "period": period, "items_required": 1})
    sid = await submitted(intake)
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert item["period"] == "2026-12"
    received = next(e for e in await intake.published() if e["type"] == "SubmissionReceived")
    assert received["period"] == "2026-12"
    assert received["occurred_at"].startswith("2026-11-30T16:30:00")
    boards = {
        period: await intake.ok("GET", "/quotas/board", as_="county-editor",
                                params={"office_id": "dx", "period": period})
        for period in ("2026-11", "2026-12")
    }
    assert "hs" in boards["2026-11"]["behind"] and "hs" not in boards["2026-12"]["behind"]

"""Reminders on an injected clock: commissioned topics, instruction feedback, urgent
reports and quotas; default and office schedules; overdue highlighted; office alerts."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.notify.tests.harness import Acting, Notify, local, received
from shared.contracts import DeadlineSet, InstructionFeedbackGiven, InstructionRecorded, QuotaSet


def deadline(subject: str = "commission", ref: str = "c1", due: str = "2026-11-25 18:00") -> DeadlineSet:
    return DeadlineSet.originated(
        producer="intake", unit_id="hs", office_id="dx", subject=subject, reference_id=ref, due_at=local(due)
    )


def office(notify: Notify) -> Acting:
    """The county office's editor, who set the deadlines and chooses the schedule."""
    return notify.as_("editor-dx", "dx", ("editor",))


async def contacts(notify: Notify) -> None:
    hs = {"name": "河山镇", "officers": ["officer"], "heads": ["head"]}
    await notify.ok("PUT", "/units/hs/contacts", json=hs, auth=notify.as_("head", "hs", ("unit_head",)))
    dx = {"name": "东溪县政府办", "editors": ["editor-dx"]}
    await notify.ok("PUT", "/units/dx/contacts", json=dx, auth=office(notify))


async def tick_at(notify: Notify, when: str) -> int:
    notify.clock.now = local(when)
    return (await notify.tick())["reminders"]


async def kinds(notify: Notify, person: str) -> list[str]:
    return [n["kind"] for n in reversed(await notify.inbox(person))]


async def test_default_schedule_reminds_three_days_and_one_day_before_and_leaves_the_due_time_to_intake(
    notify: Notify,
) -> None:
    await contacts(notify)
    await notify.send(deadline())
    fired = [
        await tick_at(notify, when)
        for when in (
            "2026-11-18 10:00",
            "2026-11-22 18:00",
            "2026-11-22 18:05",
            "2026-11-24 18:00",
            "2026-11-25 18:00",
            "2026-11-26 18:00",
        )
    ]
    # at the due time intake's DeadlineMissed tells the unit and the office (test_missed_deadlines)
    assert fired == [0, 1, 0, 1, 0, 0]
    assert await kinds(notify, "officer") == ["reminder", "reminder"]
    assert await kinds(notify, "head") == [], "heads hear once it is overdue, not before"
    first = (await notify.inbox("officer"))[-1]
    assert first["subject"] == "提醒：约稿任务将于2026-11-25 18:00到期" and "还剩3天" in first["body"]
    assert await notify.inbox("officer", highlight=True) == []
    listed = await notify.ok("GET", "/reminders", params={"status": "overdue"})
    assert [r["obligation_id"] for r in listed["items"]] == ["hs:commission:c1"]


async def test_an_answered_commission_is_not_reminded(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(deadline())
    await notify.send(received("s9", commission_id="c1"))
    assert [await tick_at(notify, w) for w in ("2026-11-22 18:00", "2026-11-26 00:00")] == [0, 0]
    [row] = (await notify.ok("GET", "/reminders", params={"unit_id": "hs"}))["items"]
    assert row["state"] == "closed"


async def test_a_commission_answered_before_its_deadline_arrived_is_closed_at_once(notify: Notify) -> None:
    await notify.send(received("s9", commission_id="c1"))
    await notify.send(deadline())
    assert await tick_at(notify, "2026-11-26 00:00") == 0


async def test_a_commission_still_overdue_is_reminded_again_unit_heads_too(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(deadline())
    await notify.ok(
        "PUT", "/offices/dx/reminder-schedule",
        json={"before_hours": [], "overdue": True, "overdue_repeat_hours": 24}, auth=office(notify),
    )
    fired = [await tick_at(notify, w) for w in ("2026-11-25 18:00", "2026-11-26 18:00")]
    assert fired == [0, 1], "the due time is DeadlineMissed's; the day after, still overdue"
    for person in ("officer", "head"):
        [again] = await notify.inbox(person, highlight=True)
        assert again["kind"] == "overdue" and again["subject"].startswith("【已逾期】")


async def test_an_office_changes_its_schedule(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(deadline())
    changed = await notify.ok(
        "PUT",
        "/offices/dx/reminder-schedule",
        json={"before_hours": [48], "overdue": False},
        auth=office(notify),
    )
    assert changed["rearmed"] == 1
    fired = [await tick_at(notify, w) for w in ("2026-11-22 18:00", "2026-11-23 18:00", "2026-11-25 18:00")]
    assert fired == [0, 1, 0]
    schedule = await notify.ok("GET", "/offices/dx/reminder-schedule", auth=office(notify))
    assert schedule["before_hours"] == [48] and schedule["default"] is False


async def test_after_an_outage_only_the_latest_reminder_fires(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(deadline())
    assert await tick_at(notify, "2026-11-25 09:00") == 1  # the 3-day and 1-day slots both passed
    assert await kinds(notify, "officer") == ["reminder"]
    assert await tick_at(notify, "2026-11-26 09:00") == 0, "past due: intake's DeadlineMissed says it"


async def test_an_urgent_report_sent_in_time_raises_no_alert(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(deadline("urgent_report", "s-urgent", due="2026-11-18 12:00"))
    await notify.send(received("s-urgent", urgent=True))
    assert await tick_at(notify, "2026-11-18 12:00") == 0 and await notify.inbox("editor-dx") == []


async def test_a_unit_behind_its_quota_is_reminded_until_it_catches_up(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(received("s1"))
    await notify.send(
        QuotaSet.originated(
            producer="intake",
            unit_id="hs",
            office_id="dx",
            period="2026-11",
            period_kind="month",
            items_required=3,
        )
    )
    assert await tick_at(notify, "2026-11-28 00:00") == 1
    [reminder] = await notify.inbox("officer")
    assert "本期应报 3 条，已报 1 条" in reminder["body"]
    await notify.send(received("s2"))
    await notify.send(received("s3"))
    assert await tick_at(notify, "2026-12-01 00:00") == 0
    [row] = (await notify.ok("GET", "/reminders", params={"unit_id": "hs"}))["items"]
    assert row["state"] == "met" and row["submitted"] == 3


async def test_instruction_feedback_is_one_obligation_and_an_office_can_close_it(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(received("s1"))
    instruction = InstructionRecorded.originated(
        producer="intake",
        submission_id="s1",
        unit_id="hs",
        instruction_id="i1",
        leader_name="张省长",
        leader_rank="province",
        text="请反馈落实情况。",
        feedback_due=date(2026, 11, 30),
        recorded_by="ed",
    )
    await notify.send(instruction)
    await notify.send(deadline("instruction_feedback", "i1", due="2026-11-30 23:59"))
    [row] = (await notify.ok("GET", "/reminders", params={"unit_id": "hs"}))["items"]
    assert row["obligation_id"] == "hs:instruction_feedback:i1"
    assert await tick_at(notify, "2026-11-28 00:00") == 1
    await notify.ok("POST", "/reminders/hs:instruction_feedback:i1/close", auth=office(notify))
    assert await tick_at(notify, "2026-11-30 00:00") == 0


async def test_feedback_given_closes_the_instruction_s_reminders(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(received("s1"))
    await notify.send(deadline("instruction_feedback", "i1", due="2026-11-30 23:59"))
    await notify.send(InstructionFeedbackGiven.originated(
        producer="intake", submission_id="s1", unit_id="hs", instruction_id="i1",
        text="已落实。", given_by="officer", late=False,
    ))
    [row] = (await notify.ok("GET", "/reminders", params={"unit_id": "hs"}))["items"]
    assert row["status"] == "closed"
    assert await tick_at(notify, "2026-11-28 00:00") == 0


async def test_a_redelivered_deadline_reminds_once(notify: Notify) -> None:
    await contacts(notify)
    event = deadline()
    await notify.send(event)
    await notify.send(event)
    assert await tick_at(notify, "2026-11-22 18:00") == 1
    assert await tick_at(notify, "2026-11-22 18:00") == 0
    assert len(await notify.inbox("officer")) == 1


async def test_a_unit_without_named_people_gets_reminders_in_its_own_inbox(notify: Notify) -> None:
    await notify.send(deadline())
    await tick_at(notify, "2026-11-22 18:00")
    assert await kinds(notify, "hs") == ["reminder"]


async def test_a_moved_deadline_reminds_afresh(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(deadline())
    assert await tick_at(notify, "2026-11-22 18:00") == 1
    await notify.send(deadline(due="2026-12-02 18:00"))
    fired: list[Any] = [await tick_at(notify, w) for w in ("2026-11-24 18:00", "2026-11-29 18:00")]
    assert fired == [0, 1]

"""DeadlineMissed in: the unit's people and the office's editors are told, once each;
SignOffRequested in: the unit head is asked, once; CommissionPublished and BriefingIssued
in: the units concerned hear of them."""

from __future__ import annotations

from datetime import datetime

from services.notify.tests.harness import Notify, local
from services.notify.tests.test_reminders import contacts, deadline, kinds, office, tick_at
from shared.contracts import (
    BriefingIssued,
    BriefingItem,
    CommissionPublished,
    DeadlineMissed,
    SignOffRequested,
)


def missed(subject: str = "commission", ref: str = "c1", unit: str = "hs") -> DeadlineMissed:
    return DeadlineMissed.originated(
        producer="intake", deadline_id=f"{unit}:{subject}:{ref}", unit_id=unit, office_id="dx",
        subject=subject, reference_id=ref, due_at=local("2026-11-25 18:00"),
        submission_id=ref if subject == "urgent_report" else None,
    )


async def test_the_unit_and_its_office_hear_of_a_missed_commission_once(notify: Notify) -> None:
    await contacts(notify)
    event = missed()
    await notify.send(event)
    await notify.send(event)                                    # redelivered
    for person in ("officer", "head"):
        [message] = await notify.inbox(person)
        assert message["kind"] == "deadline_missed" and message["highlight"]
        assert "约稿任务" in message["subject"] and "2026-11-25 18:00" in message["body"]
    [alert] = await notify.inbox("editor-dx")
    assert alert["kind"] == "deadline_missed_office" and "河山镇" in alert["subject"]


async def test_a_missed_urgent_report_is_urgent_and_names_the_item(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(missed("urgent_report", "s-urgent"))
    [alert] = await notify.inbox("editor-dx")
    assert alert["urgent"] and alert["submission_id"] == "s-urgent"


async def test_a_unit_without_named_people_hears_in_its_own_inbox(notify: Notify) -> None:
    await notify.send(missed("instruction_feedback", "i1"))
    [message] = await notify.inbox("hs")
    assert message["kind"] == "deadline_missed" and "领导批示反馈" in message["subject"]
    assert [m["kind"] for m in await notify.inbox("dx")] == ["deadline_missed_office"]


async def test_the_unit_head_is_asked_to_sign_off_once(notify: Notify) -> None:
    await contacts(notify)
    event = SignOffRequested.originated(
        producer="intake", submission_id="s-wait", unit_id="hs", title="河山镇秋粮收购进度过半",
        requested_by="officer", resubmission=True,
    )
    await notify.send(event)
    await notify.send(event)                                    # redelivered
    [message] = await notify.inbox("head")
    assert message["kind"] == "sign_off_requested" and message["submission_id"] == "s-wait"
    assert "河山镇秋粮收购进度过半" in message["subject"] and "修改稿" in message["body"]
    assert await notify.inbox("officer") == []


async def test_the_units_asked_hear_of_a_commission_and_units_in_a_briefing_of_it(notify: Notify) -> None:
    await contacts(notify)
    commission = CommissionPublished.originated(
        producer="intake", commission_id="c9", office_id="dx", kind="commission",
        theme="冬季安全生产", units=["hs", "ls"], deadline=local("2026-12-10 18:00"),
    )
    await notify.send(commission)
    await notify.send(commission)                               # redelivered
    [asked] = await notify.inbox("officer")
    assert asked["kind"] == "commission_published" and "冬季安全生产" in asked["subject"]
    assert "2026-12-10 18:00" in asked["body"]
    assert [m["kind"] for m in await notify.inbox("ls")] == ["commission_published"]
    await notify.send(BriefingIssued.originated(
        producer="intake", briefing_id="b1", office_id="dx", publication="xinxi", name="东溪信息",
        issue_no="2026年第3期", signed_off_by="county-head",
        items=[BriefingItem(submission_id="s1", unit_id="hs", title="河山镇秋粮收购进度过半")],
    ))
    issued = next(m for m in await notify.inbox("officer") if m["kind"] == "briefing_issued")
    assert "2026年第3期" in issued["subject"] and "河山镇秋粮收购进度过半" in issued["body"]
    assert await notify.inbox("head") == []


async def test_the_due_time_is_told_once_by_deadline_missed_and_not_by_a_reminder_as_well(
    notify: Notify,
) -> None:
    await contacts(notify)
    await notify.send(deadline("urgent_report", "s-urgent", due="2026-11-25 18:00"))
    await notify.send(deadline("commission", "c1", due="2026-11-25 18:00"))
    assert await tick_at(notify, "2026-11-25 18:00") == 0
    await notify.send(missed("urgent_report", "s-urgent"))
    await notify.send(missed("commission", "c1"))
    assert await kinds(notify, "officer") == ["deadline_missed", "deadline_missed"]
    assert await kinds(notify, "editor-dx") == ["deadline_missed_office", "deadline_missed_office"]


async def test_a_missed_urgent_report_alerts_the_office_at_once_even_in_quiet_hours(notify: Notify) -> None:
    await contacts(notify)
    await notify.ok(
        "PUT",
        "/people/editor-dx/preferences",
        json={"channels": ["email"], "email": "ed@dx.example.cn", "quiet_hours": "22:00-07:00"},
        auth=office(notify),
    )
    notify.clock.now = local("2026-11-25 23:00")
    await notify.send(missed("urgent_report", "s-urgent"))
    [alert] = await notify.inbox("editor-dx")
    assert alert["kind"] == "deadline_missed_office" and alert["urgent"] and "河山镇" in alert["subject"]
    [mail] = await notify.deliveries(recipient_id="editor-dx")
    assert datetime.fromisoformat(mail["next_attempt_at"]) == local("2026-11-25 23:00"), "not held"

"""DeadlineMissed in: the unit's people and the office's editors are told, once each;
SignOffRequested in: the unit head is asked, once."""

from __future__ import annotations

from services.notify.tests.harness import Notify, local
from services.notify.tests.test_reminders import contacts
from shared.contracts import DeadlineMissed, SignOffRequested


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

"""Obligations and reminder slots: pure rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.notify.domain import Obligation, ReminderSchedule
from services.notify.domain.reminders import (
    JUDGED_BY_INTAKE,
    MET,
    OPEN,
    arm,
    count_submission,
    fire,
    period_contains,
    period_end,
    reschedule,
)
from services.notify.tests.harness import local

DUE = local("2026-11-25 18:00")
DEFAULT = ReminderSchedule()


def obligation(since: str = "2026-11-18 10:00", **extra: object) -> Obligation:
    fields: dict[str, object] = {
        "obligation_id": "hs:commission:c1",
        "unit_id": "hs",
        "office_id": "dx",
        "subject": "commission",
        "reference_id": "c1",
        "due_at": DUE,
        "since": local(since),
    }
    return Obligation(**{**fields, **extra})  # type: ignore[arg-type]


def run(ob: Obligation, schedule: ReminderSchedule, times: list[str]) -> list[str | None]:
    fired = []
    for when in times:
        ob, slot = fire(ob, schedule, local(when))
        fired.append(slot.name if slot else None)
    return fired


TIMES = [
    "2026-11-22 17:59",
    "2026-11-22 18:00",
    "2026-11-22 19:00",
    "2026-11-24 18:00",
    "2026-11-25 18:00",
    "2026-11-26 18:00",
]


def test_default_schedule_fires_three_days_and_one_day_before_then_when_overdue() -> None:
    quota = obligation(subject="quota", obligation_id="hs:quota:2026-11")
    assert run(quota, DEFAULT, TIMES) == [None, "before:72h", None, "before:24h", "overdue", None]


def test_the_due_time_of_what_intake_judges_is_left_to_its_deadline_missed() -> None:
    for subject in JUDGED_BY_INTAKE:
        ob = obligation(subject=subject)
        assert run(ob, DEFAULT, TIMES) == [None, "before:72h", None, "before:24h", None, None], subject


def test_the_next_fire_time_is_armed_for_the_scheduler() -> None:
    ob = arm(obligation(), DEFAULT, local("2026-11-18 10:00"))
    assert ob.next_fire_at == DUE - timedelta(hours=72)
    ob, _ = fire(ob, DEFAULT, DUE)
    assert ob.next_fire_at is None


def test_only_the_latest_due_slot_fires_after_a_long_pause() -> None:
    quota = obligation(subject="quota")
    assert run(quota, DEFAULT, ["2026-11-26 09:00", "2026-11-27 09:00"]) == ["overdue", None]
    assert run(obligation(), DEFAULT, ["2026-11-24 19:00"]) == ["before:24h"]


def test_no_due_soon_reminder_fires_once_the_due_time_has_passed() -> None:
    assert run(obligation(), DEFAULT, ["2026-11-26 09:00", "2026-11-27 09:00"]) == [None, None]


def test_slots_before_the_deadline_was_known_never_fire() -> None:
    late = obligation(since="2026-11-23 12:00")  # 2 days 6 hours ahead: the 3-day slot has passed
    assert run(late, DEFAULT, ["2026-11-23 12:01", "2026-11-24 18:00"]) == [None, "before:24h"]


def test_overdue_reminders_repeat_when_the_office_asks() -> None:
    daily = ReminderSchedule(before_hours=(), overdue=True, overdue_repeat_hours=24)
    times = ["2026-11-25 18:00", "2026-11-26 17:00", "2026-11-26 18:00", "2026-11-28 19:00"]
    assert run(obligation(subject="quota"), daily, times) == ["overdue", None, "overdue:1", "overdue:3"]
    assert run(obligation(), daily, times) == [None, None, "overdue:1", "overdue:3"], "the first: intake's"


def test_a_closed_obligation_fires_nothing() -> None:
    closed = obligation(status="closed")
    assert run(closed, DEFAULT, ["2026-11-22 18:00", "2026-11-26 00:00"]) == [None, None]


def test_a_moved_deadline_starts_the_reminders_afresh() -> None:
    ob, _ = fire(obligation(), DEFAULT, local("2026-11-22 18:00"))
    moved = reschedule(ob, DUE + timedelta(days=7), local("2026-11-22 19:00"))
    assert moved.fired == () and reschedule(moved, moved.due_at, local("2026-11-23 00:00")) is moved
    assert run(moved, DEFAULT, ["2026-11-29 18:00"]) == ["before:72h"]


def test_a_quota_is_met_by_enough_submissions_and_reopens_on_withdrawal() -> None:
    quota = obligation(subject="quota", reference_id="2026-11", required=2)
    quota = count_submission(count_submission(quota, +1), +1)
    assert quota.status == MET and arm(quota, DEFAULT, DUE).next_fire_at is None
    assert count_submission(quota, -1).status == OPEN


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        ("2026-Q4", "2026-11", True),
        ("2026", "2026-02", True),
        ("2026-11", "2026-11", True),
        ("2026-Q3", "2026-11", False),
        ("2026-11", "2026-Q4", False),
        ("c1", "2026-11", False),
    ],
)
def test_periods_contain_their_months(outer: str, inner: str, inside: bool) -> None:
    assert period_contains(outer, inner) is inside


def test_a_period_ends_at_local_midnight_after_its_last_day() -> None:
    assert period_end("2026-11", "Asia/Shanghai") == local("2026-12-01 00:00")
    assert period_end("2026-Q4", "Asia/Shanghai") == local("2027-01-01 00:00")

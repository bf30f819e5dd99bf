"""Deliveries, quiet hours and preferences: pure rules."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from services.notify.domain import Conflict, Delivery, Invalid, Outcome, Preferences, QuietHours, RetryPolicy
from services.notify.domain.preferences import release_at
from services.notify.tests.harness import local

NOW = local("2026-11-18 10:00")
ZONE = "Asia/Shanghai"


def delivery(**extra: object) -> Delivery:
    fields: dict[str, object] = {
        "delivery_id": "e1:p1:email",
        "channel": "email",
        "recipient_id": "p1",
        "address": "p@x.cn",
        "subject": "s",
        "body": "b",
        "kind": "score",
        "created_at": NOW,
        "next_attempt_at": NOW,
    }
    return Delivery(**{**fields, **extra})  # type: ignore[arg-type]


def test_backoff_doubles_from_the_base_up_to_the_cap() -> None:
    policy = RetryPolicy(max_attempts=10, base_seconds=30, max_seconds=200)
    assert [policy.delay(n).total_seconds() for n in range(1, 6)] == [30, 60, 120, 200, 200]


def test_a_failed_attempt_schedules_a_retry_and_the_last_one_is_dead() -> None:
    policy = RetryPolicy(max_attempts=2, base_seconds=30)
    failed, first = delivery().record(Outcome(False, error="451"), NOW, policy)
    assert failed.status == "failed" and failed.next_attempt_at == NOW + timedelta(seconds=30)
    assert first.number == 1 and not first.ok
    dead, second = failed.record(Outcome(False, error="451"), NOW, policy)
    assert dead.status == "dead" and dead.final and second.number == 2


def test_a_permanent_failure_is_dead_at_once() -> None:
    dead, _ = delivery().record(Outcome(False, error="550", permanent=True), NOW, RetryPolicy())
    assert dead.status == "dead" and dead.attempts == 1


def test_replay_starts_a_fresh_round_and_keeps_the_attempt_count() -> None:
    policy = RetryPolicy(max_attempts=1)
    dead, _ = delivery().record(Outcome(False, error="x"), NOW, policy)
    again = dead.replay(NOW + timedelta(hours=1))
    assert again.status == "pending" and again.round_attempts == 0 and again.attempts == 1
    assert again.replays == 1
    sent, attempt = again.record(Outcome(True), NOW, policy)
    assert sent.status == "sent" and attempt.number == 2
    with pytest.raises(Conflict):
        sent.replay(NOW)


def test_a_retry_falling_into_quiet_hours_waits_for_the_window_to_end() -> None:
    late = local("2026-11-18 21:59") + timedelta(seconds=45)  # the 30 s back-off ends at 22:00:15
    failed, _ = delivery(quiet_hours="22:00-07:00").record(Outcome(False, error="x"), late, RetryPolicy())
    assert failed.next_attempt_at == local("2026-11-19 07:00")


def test_quiet_hours_past_midnight() -> None:
    quiet = QuietHours.parse("22:00-07:00")
    assert quiet.contains(time(23, 30)) and quiet.contains(time(6, 59))
    assert not quiet.contains(time(7, 0)) and not quiet.contains(time(21, 59))
    assert release_at(local("2026-11-18 23:00"), quiet, ZONE, urgent=False) == local("2026-11-19 07:00")
    assert release_at(local("2026-11-19 03:00"), quiet, ZONE, urgent=False) == local("2026-11-19 07:00")
    assert release_at(local("2026-11-18 23:00"), quiet, ZONE, urgent=True) == local("2026-11-18 23:00")
    assert release_at(NOW, quiet, ZONE, urgent=False) == NOW


def test_quiet_hours_within_a_day_and_in_another_zone() -> None:
    lunch = QuietHours.parse("12:00-14:00")
    noon_london = datetime(2026, 11, 18, 12, 30, tzinfo=UTC)
    assert lunch.release(noon_london, "Europe/London") == datetime(2026, 11, 18, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["22-07", "25:00-07:00", "07:00-07:00", ""])
def test_bad_quiet_hours_are_refused(text: str) -> None:
    with pytest.raises(Invalid):
        QuietHours.parse(text)


def test_channels_need_their_addresses() -> None:
    with pytest.raises(Invalid, match="email"):
        Preferences("p", ("inbox", "email"))
    with pytest.raises(Invalid, match="phone"):
        Preferences("p", ("sms",))
    with pytest.raises(Invalid, match="timezone"):
        Preferences("p", timezone="Mars/Olympus")
    prefs = Preferences("p", ("inbox", "email", "sms"), email="p@x.cn", phone="+8613800000000")
    assert prefs.external() == [("email", "p@x.cn"), ("sms", "+8613800000000")]


def test_digest_readers_get_urgent_and_overdue_messages_singly() -> None:
    prefs = Preferences("p", ("email",), email="p@x.cn", digest=True)
    assert prefs.holds_for_digest(urgent=False, highlight=False)
    assert not prefs.holds_for_digest(urgent=True, highlight=False)
    assert not prefs.holds_for_digest(urgent=False, highlight=True)
    assert not Preferences("q", digest=True).holds_for_digest(urgent=False, highlight=False)

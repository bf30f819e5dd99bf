"""Obligations units owe and when to remind them. Pure.

An obligation (a commissioned topic, instruction feedback, an urgent report or a quota)
is open until done. Its office's schedule names the reminder slots: some time before the
due date (default 3 days and 1 day) and, once overdue, at once (optionally repeated).
When several slots are due together (the service was down, the deadline was set late)
only the latest fires, so nobody gets a burst of stale reminders; before-slots that lie
before the obligation was known (or before its schedule last changed) never fire, and
none fires once the due time has passed ("due in a day" after the fact).

The word at the due time of a commission, instruction feedback or urgent report is intake's:
its deadline scheduler announces DeadlineMissed, whose message tells the unit and the office
(and is urgent for an urgent report). Those subjects have no at-due slot here, so nobody hears
twice; their overdue repeats stay. A quota's period end has no such event: its at-due slot
stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.notify.domain.errors import Invalid

OPEN, MET, CLOSED = "open", "met", "closed"
SUBJECTS = ("commission", "instruction_feedback", "urgent_report", "quota")
JUDGED_BY_INTAKE = ("commission", "instruction_feedback", "urgent_report")
"""Subjects whose passing intake announces (DeadlineMissed): no at-due reminder of notify's own."""


@dataclass(frozen=True)
class ReminderSchedule:
    """When an office's units are reminded: hours before the due time, and when overdue."""

    before_hours: tuple[int, ...] = (72, 24)
    overdue: bool = True
    overdue_repeat_hours: int = 0
    """Remind again every so many hours while overdue; 0 reminds once."""

    def __post_init__(self) -> None:
        if any(h <= 0 for h in self.before_hours) or self.overdue_repeat_hours < 0:
            raise Invalid("before_hours", "hours must be positive")


@dataclass(frozen=True)
class Slot:
    name: str
    at: datetime
    overdue: bool


@dataclass(frozen=True)
class Obligation:
    """Something a unit owes an office by a time."""

    obligation_id: str
    unit_id: str
    office_id: str
    subject: str
    reference_id: str
    due_at: datetime
    since: datetime
    """When reminders were (re)armed: before-slots earlier than this never fire."""
    status: str = OPEN
    fired: tuple[str, ...] = ()
    next_fire_at: datetime | None = None
    required: int = 0
    submitted: int = 0
    cause_event_id: str | None = None
    correlation_id: str = ""


def obligation_id(unit_id: str, subject: str, reference_id: str) -> str:
    """One obligation per unit, subject and reference, whichever event announced it."""
    return f"{unit_id}:{subject}:{reference_id}"


def slots(ob: Obligation, schedule: ReminderSchedule, after: datetime | None = None) -> list[Slot]:
    """The obligation's slots not yet fired, in time order (overdue repeats up to ``after``)."""
    found = [
        Slot(f"before:{h}h", ob.due_at - timedelta(hours=h), False)
        for h in sorted(set(schedule.before_hours), reverse=True)
        if ob.due_at - timedelta(hours=h) >= ob.since
    ]
    if schedule.overdue:
        if ob.subject not in JUDGED_BY_INTAKE:
            found.append(Slot("overdue", ob.due_at, True))
        if schedule.overdue_repeat_hours:
            step = timedelta(hours=schedule.overdue_repeat_hours)
            horizon = max(after or ob.due_at, ob.due_at) + step
            n = 1
            while ob.due_at + n * step <= horizon:
                found.append(Slot(f"overdue:{n}", ob.due_at + n * step, True))
                n += 1
    return [s for s in found if s.name not in ob.fired]


def arm(ob: Obligation, schedule: ReminderSchedule, now: datetime) -> Obligation:
    """The obligation with its next reminder time (None when nothing more will fire)."""
    if ob.status != OPEN:
        return replace(ob, next_fire_at=None)
    upcoming = slots(ob, schedule, after=now)
    return replace(ob, next_fire_at=upcoming[0].at if upcoming else None)


def fire(ob: Obligation, schedule: ReminderSchedule, now: datetime) -> tuple[Obligation, Slot | None]:
    """The slot to fire now (the latest due one) and the obligation re-armed after it."""
    if ob.status != OPEN:
        return arm(ob, schedule, now), None
    due = [s for s in slots(ob, schedule, after=now) if s.at <= now]
    if not due:
        return arm(ob, schedule, now), None
    fired = replace(ob, fired=(*ob.fired, *(s.name for s in due)))
    live = [s for s in due if s.overdue or now < ob.due_at]
    return arm(fired, schedule, now), (live[-1] if live else None)


def reschedule(ob: Obligation, due_at: datetime, now: datetime) -> Obligation:
    """A new due time starts the reminders afresh; the same one changes nothing."""
    if due_at == ob.due_at:
        return ob
    return replace(ob, due_at=due_at, since=now, fired=())


def count_submission(ob: Obligation, delta: int) -> Obligation:
    """A quota obligation after an item was submitted (+1) or withdrawn (-1)."""
    submitted = max(0, ob.submitted + delta)
    status = ob.status if ob.status == CLOSED else (MET if submitted >= ob.required else OPEN)
    return replace(ob, submitted=submitted, status=status)


# periods ------------------------------------------------------------------------------
_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")


def period_months(period: str) -> tuple[int, int]:
    """First and last month of a period as year*12+month-1 ('2026-Q4' → Oct..Dec 2026)."""
    found = _PERIOD.match(period)
    if not found:
        raise Invalid("period", f"not a period: {period!r}")
    year, month, quarter = found.groups()
    base = int(year) * 12
    if month:
        return base + int(month) - 1, base + int(month) - 1
    if quarter:
        first = base + (int(quarter) - 1) * 3
        return first, first + 2
    return base, base + 11


def is_period(text: str) -> bool:
    """True for '2026', '2026-Q4' or '2026-11'."""
    return bool(_PERIOD.match(text))


def period_contains(outer: str, inner: str) -> bool:
    """True when every month of ``inner`` lies in ``outer`` (False when either is no period)."""
    if not (is_period(outer) and is_period(inner)):
        return False
    a, b = period_months(outer)
    c, d = period_months(inner)
    return a <= c and d <= b


def period_end(period: str, zone: str) -> datetime:
    """The first instant after the period, local midnight in ``zone``."""
    last = period_months(period)[1] + 1
    return datetime.combine(datetime(last // 12, last % 12 + 1, 1).date(), time(), ZoneInfo(zone))


def time_left(due_at: datetime, now: datetime) -> tuple[str, int]:
    """('days', n) or ('hours', n), rounded up, for a reminder's text."""
    seconds = max(0.0, (due_at - now).total_seconds())
    if seconds >= 86400:
        return "days", int(-(-seconds // 86400))
    return "hours", max(1, int(-(-seconds // 3600)))

"""Obligations and their reminders: recorded from events, closed by submissions, fired by
the scheduler tick.

Idempotency: an obligation's id is ``<unit>:<subject>:<reference>`` (whichever event
announced it); a reminder's messages are keyed ``reminder:<obligation>:<slot>``, so a slot
that two instances fire at once still reaches each person once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from services.notify.domain import Conflict, Message, NotFound, Obligation, ReminderSchedule
from services.notify.domain.notices import reminder_message
from services.notify.domain.reminders import (
    CLOSED,
    OPEN,
    Slot,
    arm,
    count_submission,
    fire,
    obligation_id,
    period_contains,
    reschedule,
)
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases.common import Cause, Deps, NotifyRules, each_isolated
from services.notify.usecases.outbound import send_message


async def schedule_of(uow: NotifyUnitOfWork, office_id: str, rules: NotifyRules) -> ReminderSchedule:
    return await uow.schedules.get(office_id) or rules.schedule


async def record_obligation(
    uow: NotifyUnitOfWork,
    *,
    unit_id: str,
    office_id: str,
    subject: str,
    reference_id: str,
    due_at: datetime,
    cause: Cause,
    now: datetime,
    rules: NotifyRules,
    required: int | None = None,
) -> Obligation:
    """Create or update the obligation and arm its next reminder."""
    oid = obligation_id(unit_id, subject, reference_id)
    ob = await uow.obligations.get(oid)
    if ob is None:
        ob = Obligation(
            oid,
            unit_id,
            office_id,
            subject,
            reference_id,
            due_at,
            since=now,
            cause_event_id=cause.causation_id,
            correlation_id=cause.correlation_id,
        )
        ob = await _already_done(uow, ob)
    else:
        ob = reschedule(ob, due_at, now)
        ob = replace(ob, office_id=office_id or ob.office_id)
    if subject == "quota":
        ob = replace(ob, required=ob.required if required is None else required)
        ob = count_submission(ob, 0) if ob.status != CLOSED else ob
    ob = arm(ob, await schedule_of(uow, ob.office_id, rules), now)
    await uow.obligations.save(ob)
    return ob


async def _already_done(uow: NotifyUnitOfWork, ob: Obligation) -> Obligation:
    """Submissions may arrive before the deadline does (different topics): count them."""
    items = [i for i in await uow.items.of_unit(ob.unit_id) if i.get("author_id") and not i.get("withdrawn")]
    if ob.subject == "quota":
        submitted = sum(1 for i in items if i.get("period") and period_contains(ob.reference_id, i["period"]))
        return replace(ob, submitted=submitted)
    if ob.subject == "urgent_report" and any(i["_id"] == ob.reference_id for i in items):
        return replace(ob, status=CLOSED)
    if ob.subject == "commission" and any(i.get("commission_id") == ob.reference_id for i in items):
        return replace(ob, status=CLOSED)
    return ob


async def note_submission(
    uow: NotifyUnitOfWork,
    unit_id: str,
    submission_id: str,
    period: str,
    commission_id: str | None,
    delta: int,
    now: datetime,
    rules: NotifyRules,
) -> None:
    """An item left the unit (+1) or was withdrawn (-1): close what it answers, count quotas."""
    if delta > 0:
        answered = [obligation_id(unit_id, "urgent_report", submission_id)]
        if commission_id:
            answered.append(obligation_id(unit_id, "commission", commission_id))
        for oid in answered:
            ob = await uow.obligations.get(oid)
            if ob is not None and ob.status == OPEN:
                await uow.obligations.save(replace(ob, status=CLOSED, next_fire_at=None))
    for ob in await uow.obligations.find({"unit_id": unit_id, "subject": "quota"}):
        if ob.status != CLOSED and period_contains(ob.reference_id, period):
            counted = count_submission(ob, delta)
            await uow.obligations.save(arm(counted, await schedule_of(uow, ob.office_id, rules), now))


async def close_answered(uow: NotifyUnitOfWork, unit_id: str, subject: str, reference_id: str) -> None:
    """What the obligation asked for was delivered (e.g. instruction feedback): no more reminders."""
    ob = await uow.obligations.get(obligation_id(unit_id, subject, reference_id))
    if ob is not None and ob.status == OPEN:
        await uow.obligations.save(replace(ob, status=CLOSED, next_fire_at=None))


async def close_obligation(deps: Deps, oid: str) -> Obligation:
    """An office marks an obligation done by hand."""
    async with deps.new_uow() as uow:
        ob = await uow.obligations.get(oid)
        if ob is None:
            raise NotFound(f"reminder {oid!r}")
        if ob.status == CLOSED:
            raise Conflict(f"reminder {oid!r} is already closed")
        ob = replace(ob, status=CLOSED, next_fire_at=None)
        await uow.obligations.save(ob)
        await uow.commit()
    return ob


async def set_schedule(deps: Deps, office_id: str, schedule: ReminderSchedule) -> int:
    """An office changes its schedule; its open obligations re-arm (slots already past do
    not fire late). Returns how many were re-armed."""
    now = deps.clock()
    async with deps.new_uow() as uow:
        await uow.schedules.save(office_id, schedule, now)
        found = await uow.obligations.find({"office_id": office_id, "status": OPEN})
        for ob in found:
            await uow.obligations.save(arm(replace(ob, since=now), schedule, now))
        await uow.commit()
    return len(found)


async def fire_due_reminders(deps: Deps) -> int:
    """Scheduler tick: send every reminder whose time has come; how many slots fired."""
    now = deps.clock()
    async with deps.new_uow() as uow:
        due = await uow.obligations.due(now, deps.rules.batch * 10)
    fired = await each_isolated([ob.obligation_id for ob in due], lambda oid: _fire_one(deps, oid, now))
    return sum(fired)


async def _fire_one(deps: Deps, oid: str, now: datetime) -> int:
    async with deps.new_uow() as uow:
        ob = await uow.obligations.get(oid)
        if ob is None:
            return 0
        ob, slot = fire(ob, await schedule_of(uow, ob.office_id, deps.rules), now)
        if slot is not None:
            cause = Cause(f"reminder:{oid}:{slot.name}", ob.correlation_id, ob.cause_event_id)
            for message in await _reminders(uow, ob, slot, now, deps.rules.timezone):
                await send_message(uow, message, cause, now, deps.rules)
        await uow.obligations.save(ob)
        await uow.commit()
    return 1 if slot is not None else 0


async def _reminders(
    uow: NotifyUnitOfWork, ob: Obligation, slot: Slot, now: datetime, zone: str
) -> list[Message]:
    """Officers hear before the due time; heads too once overdue (the office's editors hear
    of a missed deadline from DeadlineMissed, urgently for an urgent report). A unit without
    named people gets them in its own inbox."""
    unit = await uow.units.get(ob.unit_id)
    people = list(unit.officers) + (list(unit.heads) if slot.overdue else [])
    recipients = list(dict.fromkeys(people)) or [ob.unit_id]
    return [reminder_message(ob, r, unit.name or ob.unit_id, slot, now, zone) for r in recipients]


def status_of(ob: Obligation, now: datetime) -> str:
    """'overdue' for an open obligation past due, else its stored status."""
    return "overdue" if ob.status == OPEN and ob.due_at <= now else ob.status

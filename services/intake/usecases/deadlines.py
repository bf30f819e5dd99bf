"""Deadlines: announced when set, judged by the scheduler when their time has passed.

- ``set_deadline``: inside the caller's unit of work, DeadlineSet out and, for the
  subjects that expire by themselves, the deadline recorded (setting it again moves it and
  opens it again).
- ``expire_due_deadlines``: the scheduler's step. Every open deadline past its time is
  judged in a transaction of its own; a missed one emits DeadlineMissed through the outbox.
  Idempotency key: ``deadline-judged:<deadline_id>:<DeadlineSet id>`` claimed in the inbox,
  and the event id is derived from the same pair, so two replicas judging the same deadline at once commit
  once (the other's transaction fails on the inbox's unique key and is dropped). A
  scheduler that was down catches up on its next step: due means ``due_at <= now``, and the
  judgement reads the items' own times, not the moment of the step; DeadlineMissed is dated
  with the deadline, so the policy and the period are those of ``due_at``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from pymongo.errors import OperationFailure

from services.intake.domain.deadlines import (
    EXPIRING,
    Deadline,
    Outcome,
    is_due,
    judge_commission,
    judge_feedback,
    judge_urgent_report,
    missed_event_id,
)
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, UnitOfWorkFactory
from shared.contracts import DeadlineMissed, DeadlineSet
from shared.persistence.conflicts import lost_race

log = logging.getLogger("xinbao.intake.deadlines")


async def set_deadline(
    uow: IntakeUnitOfWork,
    *,
    unit_id: str,
    office_id: str,
    subject: str,
    reference_id: str,
    due_at: datetime,
    now: datetime,
    submission_id: str | None = None,
    correlation_id: str | None = None,
) -> DeadlineSet:
    """Announce the deadline (DeadlineSet) and, when it expires by itself, record it."""
    event = DeadlineSet.originated(
        producer=PRODUCER, occurred_at=now, correlation_id=correlation_id,
        unit_id=unit_id, office_id=office_id, subject=subject, reference_id=reference_id,
        due_at=due_at,
    )
    uow.emit(event)
    if subject in EXPIRING:
        await uow.deadlines.save(Deadline(
            unit_id=unit_id, office_id=office_id, subject=subject,  # type: ignore[arg-type]
            reference_id=reference_id, due_at=due_at, set_event_id=event.event_id,
            correlation_id=event.correlation_id, submission_id=submission_id,
        ))
    return event


@dataclass(frozen=True)
class Expiry:
    """What one scheduler step did."""

    judged: int = 0
    missed: int = 0
    taken_by_another: int = 0


async def expire_due_deadlines(new_uow: UnitOfWorkFactory, now: datetime, limit: int = 200) -> Expiry:
    """Judge every open deadline whose time has passed (up to ``limit`` per step)."""
    async with new_uow() as uow:
        candidates = [d.deadline_id for d in await uow.deadlines.open_by_due(limit) if is_due(d, now)]
    judged = missed = raced = 0
    for key in candidates:
        try:
            outcome = await _judge_one(new_uow, key, now)
        except OperationFailure as error:
            if not lost_race(error):
                raise
            raced += 1
            log.info("deadline %s was judged by another instance", key)
            continue
        if outcome is not None:
            judged += 1
            missed += outcome == Outcome.MISSED
    return Expiry(judged, missed, raced)


async def _judge_one(new_uow: UnitOfWorkFactory, key: str, now: datetime) -> Outcome | None:
    async with new_uow() as uow:
        deadline = await uow.deadlines.get(key)
        if deadline is None or not is_due(deadline, now):
            return None
        if not await uow.claim(f"deadline-judged:{key}:{deadline.set_event_id}"):
            return None
        outcome = await _outcome(uow, deadline)
        await uow.deadlines.save(replace(deadline, outcome=outcome, judged_at=now))
        if outcome == Outcome.MISSED:
            uow.emit(_missed(deadline))
        await uow.commit()
    return outcome


async def _outcome(uow: IntakeUnitOfWork, deadline: Deadline) -> Outcome:
    if deadline.subject == "commission":
        answers = await uow.items.find({"commission_id": deadline.reference_id, "unit_id": deadline.unit_id})
        return judge_commission(deadline, answers)
    item = await uow.items.get(deadline.submission_id or deadline.reference_id)
    if deadline.subject == "instruction_feedback":
        return judge_feedback(deadline, item)
    return judge_urgent_report(deadline, item)


def _missed(deadline: Deadline) -> DeadlineMissed:
    submission_id = deadline.submission_id
    if deadline.subject == "urgent_report":
        submission_id = deadline.reference_id
    return DeadlineMissed(
        event_id=missed_event_id(deadline.deadline_id, deadline.set_event_id),
        producer=PRODUCER,
        occurred_at=deadline.due_at,
        correlation_id=deadline.correlation_id,
        causation_id=deadline.set_event_id,
        deadline_id=deadline.deadline_id,
        unit_id=deadline.unit_id,
        office_id=deadline.office_id,
        subject=deadline.subject,
        reference_id=deadline.reference_id,
        submission_id=submission_id,
        due_at=deadline.due_at,
    )


__all__ = ["Expiry", "expire_due_deadlines", "set_deadline"]

"""Deadlines that expire by themselves: what was due, and whether it came in time.

A deadline is set when intake announces DeadlineSet for a commissioned topic (约稿), an
instruction's feedback (批示反馈) or an urgent report's report-within limit (紧急信息报送
时限). Once its time has passed the scheduler judges it from the items themselves, never
from when the scheduler happened to look: an answer submitted after ``due_at`` does not
count, even if it came before the tick. The outcome is final.

- ``met``: answered in time; nothing follows.
- ``missed``: not answered in time; DeadlineMissed goes out (incentives deducts, notify
  tells the unit and its office).
- ``cancelled``: nothing is owed any more (the urgent draft was withdrawn before it was
  submitted, the commission's item or instruction no longer exists).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from services.intake.domain.model import Item, ItemState

Subject = Literal["commission", "instruction_feedback", "urgent_report"]
EXPIRING: frozenset[str] = frozenset({"commission", "instruction_feedback", "urgent_report"})
"""Subjects whose deadlines the scheduler judges (a quota is judged at the period close)."""

_NOT_ANSWERS = {ItemState.DRAFT, ItemState.WITHDRAWN}
_EVENT_IDS = uuid.UUID("5d1f0c6e-2b7a-4f43-9a57-8f0e3c1d2b6a")


class Outcome(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """One unit's obligation, as intake recorded it when it announced DeadlineSet."""

    unit_id: str
    office_id: str
    subject: Subject
    reference_id: str
    due_at: datetime
    set_event_id: str
    correlation_id: str
    submission_id: str | None = None
    outcome: Outcome = Outcome.OPEN
    judged_at: datetime | None = None

    @property
    def deadline_id(self) -> str:
        return deadline_id(self.unit_id, self.subject, self.reference_id)


def deadline_id(unit_id: str, subject: str, reference_id: str) -> str:
    """The deadline's key: one per unit, subject and reference (setting it again moves it)."""
    return f"{unit_id}:{subject}:{reference_id}"


def missed_event_id(deadline_key: str, set_event_id: str) -> str:
    """The id of the one DeadlineMissed a deadline (as set by ``set_event_id``) may produce:
    the same on every replica."""
    return uuid.uuid5(_EVENT_IDS, f"deadline-missed:{deadline_key}:{set_event_id}").hex


def is_due(deadline: Deadline, now: datetime) -> bool:
    """Open and past its time: the scheduler judges it now."""
    return deadline.outcome == Outcome.OPEN and deadline.due_at <= now


def judge_commission(deadline: Deadline, answers: Iterable[Item]) -> Outcome:
    """Met when one of the unit's items answering the commission left the unit in time."""
    in_time = (
        i for i in answers
        if i.unit_id == deadline.unit_id and i.state not in _NOT_ANSWERS
        and i.submitted_at is not None and i.submitted_at <= deadline.due_at
    )
    return Outcome.MET if any(True for _ in in_time) else Outcome.MISSED


def judge_feedback(deadline: Deadline, item: Item | None) -> Outcome:
    """Met when the unit reported back on the instruction in time."""
    instruction = next(
        (i for i in (item.instructions if item else []) if i["instruction_id"] == deadline.reference_id),
        None,
    )
    if instruction is None:
        return Outcome.CANCELLED
    given = [f["at"] for f in instruction.get("feedback", []) if f.get("at") is not None]
    return Outcome.MET if any(at <= deadline.due_at for at in given) else Outcome.MISSED


def judge_urgent_report(deadline: Deadline, item: Item | None) -> Outcome:
    """Met when the urgent item was submitted within its limit; cancelled when its draft was
    withdrawn (or is gone) before it was ever submitted."""
    if item is None or (item.state == ItemState.WITHDRAWN and item.submitted_at is None):
        return Outcome.CANCELLED
    submitted = item.submitted_at
    return Outcome.MET if submitted is not None and submitted <= deadline.due_at else Outcome.MISSED


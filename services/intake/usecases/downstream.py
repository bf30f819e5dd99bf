"""What downstream services said about each item, kept for its readers.

Each runs inside the unit of work of the consumer's batch, which has claimed the event id
(the inbox; ``shared.messaging.batch``). Idempotency key: the incoming event_id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import UnitOfWorkFactory
from shared.contracts import NotificationDelivered, PointsAwarded, PointsReversed, SubmissionScored
from shared.persistence import apply_once


async def keep_score(uow: IntakeUnitOfWork, event: SubmissionScored) -> None:
    """Keep the latest score of an item for its readers."""
    score = event.model_dump(mode="json")
    await _update_downstream(uow, event.submission_id, lambda view: view.update(score=score))


async def record_score(new_uow: UnitOfWorkFactory, event: SubmissionScored) -> None:
    """``keep_score`` in its own unit of work (nothing for a duplicate)."""
    await apply_once(new_uow, event.event_id, lambda uow: keep_score(uow, event))


async def keep_ledger_entry(uow: IntakeUnitOfWork, event: PointsAwarded | PointsReversed) -> None:
    """Keep a ledger entry about an item for its readers."""
    entry = event.model_dump(mode="json", include=_LEDGER_FIELDS)
    await _update_downstream(uow, event.submission_id, lambda view: view["ledger"].append(entry))


async def keep_notification(uow: IntakeUnitOfWork, event: NotificationDelivered) -> None:
    """Keep a notification about an item for its readers."""
    note = event.model_dump(mode="json", include=_NOTIFICATION_FIELDS)
    await _update_downstream(uow, event.submission_id, lambda view: view["notifications"].append(note))


_LEDGER_FIELDS = {
    "type", "entry_id", "unit_id", "points", "money", "rule", "reason", "policy_version",
    "occurred_at",
}
_NOTIFICATION_FIELDS = {"notification_id", "recipient_id", "channel", "kind", "subject", "occurred_at"}


async def _update_downstream(
    uow: IntakeUnitOfWork, submission_id: str | None, change: Callable[[dict[str, Any]], None]
) -> None:
    if submission_id is None:
        return
    view = await uow.downstream.get(submission_id)
    change(view)
    await uow.downstream.save(view)

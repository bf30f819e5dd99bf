"""What downstream services said about each item, kept for its readers.

Idempotency key: the incoming event_id (inbox).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.intake.usecases.common import UnitOfWorkFactory
from shared.contracts import NotificationDelivered, PointsAwarded, PointsReversed, SubmissionScored


async def record_score(new_uow: UnitOfWorkFactory, event: SubmissionScored) -> bool:
    """Keep the latest score of an item for its readers; False for a duplicate."""
    score = event.model_dump(mode="json")
    return await _update_downstream(new_uow, event, lambda view: view.update(score=score))


async def record_ledger_entry(
    new_uow: UnitOfWorkFactory, event: PointsAwarded | PointsReversed
) -> bool:
    """Keep a ledger entry about an item for its readers; False for a duplicate."""
    entry = event.model_dump(mode="json", include=_LEDGER_FIELDS)
    return await _update_downstream(new_uow, event, lambda view: view["ledger"].append(entry))


async def record_notification(new_uow: UnitOfWorkFactory, event: NotificationDelivered) -> bool:
    """Keep a notification about an item for its readers; False for a duplicate."""
    note = event.model_dump(mode="json", include=_NOTIFICATION_FIELDS)
    return await _update_downstream(new_uow, event, lambda view: view["notifications"].append(note))


_LEDGER_FIELDS = {
    "type", "entry_id", "unit_id", "points", "money", "rule", "reason", "policy_version",
    "occurred_at",
}
_NOTIFICATION_FIELDS = {"notification_id", "recipient_id", "channel", "kind", "subject", "occurred_at"}


async def _update_downstream(
    new_uow: UnitOfWorkFactory,
    event: SubmissionScored | PointsAwarded | PointsReversed | NotificationDelivered,
    change: Callable[[dict[str, Any]], None],
) -> bool:
    submission_id = event.submission_id
    if submission_id is None:
        return False
    async with new_uow() as uow:
        if not await uow.claim(event.event_id):
            return False
        view = await uow.downstream.get(submission_id)
        change(view)
        await uow.downstream.save(view)
        await uow.commit()
    return True

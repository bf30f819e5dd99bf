"""Kafka subscribers of intake: what downstream services said about each item."""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from services.intake import usecases
from shared.contracts import (
    LedgerEvent,
    NotificationDelivered,
    NotificationEvent,
    PointsAwarded,
    PointsReversed,
    ScoreEvent,
    topics,
)
from shared.messaging import subscriber_options
from shared.observability import event_context

GROUP = "intake"


def register(broker: KafkaBroker, new_uow: usecases.UnitOfWorkFactory) -> None:
    """Attach intake's subscribers to ``broker``."""

    @broker.subscriber(topics.SCORES, **subscriber_options(GROUP))
    async def on_score(event: ScoreEvent) -> None:
        """SubmissionScored in, the item's score view updated; key: event_id."""
        with event_context(event):
            await usecases.record_score(new_uow, event)

    @broker.subscriber(topics.LEDGER, **subscriber_options(GROUP))
    async def on_ledger(event: LedgerEvent) -> None:
        """PointsAwarded/Reversed in, the item's points view updated; key: event_id."""
        if isinstance(event, PointsAwarded | PointsReversed):
            with event_context(event):
                await usecases.record_ledger_entry(new_uow, event)

    @broker.subscriber(topics.NOTIFICATIONS, **subscriber_options(GROUP))
    async def on_notification(event: NotificationEvent) -> None:
        """NotificationDelivered in, the item's notification view updated; key: event_id."""
        if isinstance(event, NotificationDelivered):
            with event_context(event):
                await usecases.record_notification(new_uow, event)

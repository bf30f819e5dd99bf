"""Kafka subscribers of notify: parse, then call a use case."""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from services.notify import usecases
from shared.contracts import (
    InstructionRecorded,
    LedgerEvent,
    PointsAwarded,
    PointsReversed,
    ScoreEvent,
    SubmissionAdopted,
    SubmissionEvent,
    SubmissionReceived,
    SubmissionScreened,
    topics,
)
from shared.messaging import subscriber_options
from shared.observability import event_context

GROUP = "notify"


def register(broker: KafkaBroker, new_uow: usecases.UnitOfWorkFactory) -> None:
    """Attach notify's subscribers to ``broker``."""

    @broker.subscriber(topics.SUBMISSIONS, **subscriber_options(GROUP))
    async def on_submission_event(event: SubmissionEvent) -> None:
        """Received: remember the author; returned/adopted/instruction: tell them. Key: event_id."""
        with event_context(event):
            if isinstance(event, SubmissionReceived):
                await usecases.remember_item(new_uow, event)
            elif isinstance(event, SubmissionScreened | SubmissionAdopted | InstructionRecorded):
                await usecases.notify_item_event(new_uow, event)

    @broker.subscriber(topics.SCORES, **subscriber_options(GROUP))
    async def on_score(event: ScoreEvent) -> None:
        """SubmissionScored in, a message to the author; key: event_id."""
        with event_context(event):
            await usecases.notify_score(new_uow, event)

    @broker.subscriber(topics.LEDGER, **subscriber_options(GROUP))
    async def on_ledger(event: LedgerEvent) -> None:
        """PointsAwarded/Reversed in, a message to the officer; key: event_id."""
        if isinstance(event, PointsAwarded | PointsReversed):
            with event_context(event):
                await usecases.notify_points(new_uow, event)

"""Kafka subscribers of intake: what downstream services said about each item, kept for
its readers, a broker batch per transaction (``shared.messaging.batch``)."""

from __future__ import annotations

from typing import Any

from faststream.kafka import KafkaBroker

from services.intake import usecases
from services.intake.repositories import IntakeUnitOfWork
from shared.contracts import (
    LedgerEvent,
    NotificationDelivered,
    NotificationEvent,
    PointsAwarded,
    PointsReversed,
    ScoreEvent,
    topics,
)
from shared.messaging import Step, subscribe_batches

GROUP = "intake"
DownstreamStep = Step[IntakeUnitOfWork, Any, None]


def score_step(event: ScoreEvent) -> DownstreamStep:
    """SubmissionScored in, the item's score view updated; key: event_id."""
    return usecases.keep_score


def ledger_step(event: LedgerEvent) -> DownstreamStep | None:
    """PointsAwarded/Reversed in, the item's points view updated; key: event_id."""
    return usecases.keep_ledger_entry if isinstance(event, PointsAwarded | PointsReversed) else None


def notification_step(event: NotificationEvent) -> DownstreamStep | None:
    """NotificationDelivered in, the item's notification view updated; key: event_id."""
    return usecases.keep_notification if isinstance(event, NotificationDelivered) else None


def register(broker: KafkaBroker, new_uow: usecases.UnitOfWorkFactory) -> None:
    """Attach intake's subscribers to ``broker``."""
    for topic, events, route in (
        (topics.SCORES, ScoreEvent, score_step),
        (topics.LEDGER, LedgerEvent, ledger_step),
        (topics.NOTIFICATIONS, NotificationEvent, notification_step),
    ):
        subscribe_batches(broker, topic, group=GROUP, events=events, new_uow=new_uow, route=route)

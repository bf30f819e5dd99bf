"""Kafka subscribers of incentives: parse, then call a use case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from faststream.kafka import KafkaBroker

from services.incentives import usecases
from services.incentives.domain import PolicyBook
from services.incentives.metrics import IncentivesMetrics
from shared.contracts import QuotaSet, ScoreEvent, SubmissionEvent, UnitEvent, UnitRegistered, topics, utcnow
from shared.messaging import subscriber_options
from shared.observability import event_context

GROUP = "incentives"


@dataclass
class IncentivesDeps:
    new_uow: usecases.UnitOfWorkFactory
    book: PolicyBook
    metrics: IncentivesMetrics
    clock: Callable[[], datetime] = field(default=utcnow)


def register(broker: KafkaBroker, deps: IncentivesDeps) -> None:
    """Attach the incentives subscribers to ``broker``."""

    @broker.subscriber(topics.SUBMISSIONS, **subscriber_options(GROUP))
    async def on_submission_event(event: SubmissionEvent) -> None:
        """Item facts in; fact kept, entries and totals, PointsAwarded/Reversed out; key: event_id."""
        with event_context(event):
            deps.metrics.record(await usecases.apply_event(deps.new_uow, deps.book, event))

    @broker.subscriber(topics.SCORES, **subscriber_options(GROUP))
    async def on_score(event: ScoreEvent) -> None:
        """SubmissionScored in, quality-band entries out; key: event_id."""
        with event_context(event):
            deps.metrics.record(await usecases.apply_event(deps.new_uow, deps.book, event))

    @broker.subscriber(topics.UNITS, **subscriber_options(GROUP))
    async def on_unit_event(event: UnitEvent) -> None:
        """UnitRegistered in, the unit's profile kept; QuotaSet in, the quota kept; key: event_id."""
        with event_context(event):
            if isinstance(event, UnitRegistered):
                await usecases.register_unit(deps.new_uow, event)
            elif isinstance(event, QuotaSet):
                await usecases.record_quota(deps.new_uow, event)

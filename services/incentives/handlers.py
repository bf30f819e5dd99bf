"""Kafka subscribers of incentives: parse, then call a use case, a broker batch at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from faststream.kafka import KafkaBroker

from services.incentives import usecases
from services.incentives.domain import LedgerEntry, PolicyBook
from services.incentives.metrics import IncentivesMetrics
from services.incentives.repositories import IncentivesUnitOfWork
from shared.contracts import (
    DeadlineMissed,
    EmergencyReportConcealed,
    Event,
    QuotaSet,
    ScoreEvent,
    SubmissionEvent,
    UnitEvent,
    UnitRegistered,
    topics,
    utcnow,
)
from shared.messaging import Step, subscribe_batches

GROUP = "incentives"


@dataclass
class IncentivesDeps:
    new_uow: usecases.UnitOfWorkFactory
    book: PolicyBook
    metrics: IncentivesMetrics
    clock: Callable[[], datetime] = field(default=utcnow)


def register(broker: KafkaBroker, deps: IncentivesDeps) -> None:
    """Attach the incentives subscribers to ``broker`` (one transaction per broker batch)."""

    async def apply_fact(uow: IncentivesUnitOfWork, event: Event) -> list[LedgerEntry]:
        return await usecases.apply_event(uow, deps.book, event)

    def fact_step(event: Event) -> Step[IncentivesUnitOfWork, Any, list[LedgerEntry]]:
        """Item facts and scores in; fact kept, entries and totals, PointsAwarded/Reversed out;
        key: event_id."""
        return apply_fact

    def unit_step(event: UnitEvent) -> Step[IncentivesUnitOfWork, Any, Any] | None:
        """UnitRegistered in, the unit's profile kept; QuotaSet in, the quota kept;
        DeadlineMissed and EmergencyReportConcealed in, the policy's deduction appended;
        key: event_id."""
        if isinstance(event, DeadlineMissed | EmergencyReportConcealed):
            return apply_fact
        return UNIT_STEPS.get(type(event))

    def count_entries(results: list[list[LedgerEntry] | None]) -> None:
        for entries in results:
            if entries:
                deps.metrics.record(entries)

    for topic, events in ((topics.SUBMISSIONS, SubmissionEvent), (topics.SCORES, ScoreEvent)):
        subscribe_batches(
            broker, topic, group=GROUP, events=events, new_uow=deps.new_uow, route=fact_step,
            applied=count_entries,
        )
    subscribe_batches(
        broker, topics.UNITS, group=GROUP, events=UnitEvent, new_uow=deps.new_uow, route=unit_step,
        applied=count_entries,
    )


UNIT_STEPS: dict[type, Step[IncentivesUnitOfWork, Any, None]] = {
    UnitRegistered: usecases.register_unit,
    QuotaSet: usecases.record_quota,
}

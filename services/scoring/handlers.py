"""Kafka subscribers of the scoring service: parse, then call a use case."""

from __future__ import annotations

from dataclasses import dataclass

from faststream.kafka import KafkaBroker

from services.scoring import usecases
from services.scoring.domain import Rubric
from services.scoring.metrics import ScoringMetrics
from shared.contracts import (
    SubmissionAdopted,
    SubmissionEvent,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScreened,
    topics,
)
from shared.messaging import subscriber_options
from shared.observability import event_context

GROUP = "scoring"


@dataclass
class ScoringDeps:
    """What the handlers and routes need; built once by the composition root."""

    new_uow: usecases.UnitOfWorkFactory
    rubric: Rubric
    metrics: ScoringMetrics


def register(broker: KafkaBroker, deps: ScoringDeps) -> None:
    """Attach the scoring subscribers to ``broker``."""

    @broker.subscriber(topics.SUBMISSIONS, **subscriber_options(GROUP))
    async def on_submission_event(event: SubmissionEvent) -> None:
        """Received/Revised in, SubmissionScored out; Screened/Adopted kept; key: event_id."""
        with event_context(event):
            if isinstance(event, SubmissionReceived | SubmissionRevised):
                scored = await usecases.score_submission(deps.new_uow, deps.rubric, event)
                if scored is not None:
                    deps.metrics.record(scored)
            elif isinstance(event, SubmissionScreened | SubmissionAdopted):
                await usecases.record_outcome(deps.new_uow, event)

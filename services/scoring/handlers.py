"""Kafka subscribers of the scoring service: parse, then call a use case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faststream import AckPolicy
from faststream.kafka import KafkaBroker

from services.scoring import usecases
from services.scoring.domain import Rubric
from services.scoring.metrics import ScoringMetrics
from shared.clock import Clock, system_clock
from shared.contracts import (
    DraftPreviewRequested,
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
PREVIEW_GROUP = "scoring-preview"


@dataclass
class ScoringDeps:
    """What the handlers and routes need; built once by the composition root."""

    new_uow: usecases.UnitOfWorkFactory
    rubric: Rubric
    metrics: ScoringMetrics
    clock: Clock = system_clock


def register(broker: KafkaBroker, deps: ScoringDeps) -> None:
    """Attach the scoring subscribers to ``broker``."""

    @broker.subscriber(topics.SUBMISSIONS, **subscriber_options(GROUP))
    async def on_submission_event(event: SubmissionEvent) -> None:
        """Received/Revised in, SubmissionScored out; Screened/Adopted kept; key: event_id."""
        with event_context(event):
            if isinstance(event, SubmissionReceived | SubmissionRevised):
                scored = await usecases.score_submission(deps.new_uow, deps.rubric, event, deps.clock())
                if scored is not None:
                    deps.metrics.record(scored)
            elif isinstance(event, SubmissionScreened | SubmissionAdopted):
                await usecases.record_outcome(deps.new_uow, event)

    @broker.subscriber(
        topics.PREVIEW_REQUESTS,
        group_id=PREVIEW_GROUP,
        ack_policy=AckPolicy.ACK_FIRST,  # at-most-once on purpose: an old preview helps nobody
        auto_offset_reset="latest",
    )
    async def on_preview_request(draft: DraftPreviewRequested) -> dict[str, Any] | None:
        """A draft in, its scorecard back on reply_to (FastStream answers); nothing stored."""
        if draft.expires_at < system_clock():  # a transport deadline: wall time on purpose
            return None
        return usecases.preview_payload(deps.rubric, draft.title, draft.body, draft.category)

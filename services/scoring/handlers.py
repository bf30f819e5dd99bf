"""Kafka subscribers of the scoring service: parse, then call a use case.

Item events are consumed in batches, one transaction per broker batch
(``shared.messaging.batch``); the preview request stays per message: each request gets its
own answer on its reply topic, nothing is stored, and an old one is not worth answering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faststream import AckPolicy
from faststream.kafka import KafkaBroker

from services.scoring import usecases
from services.scoring.domain import Rubric
from services.scoring.metrics import ScoringMetrics
from services.scoring.ports import ScoringUnitOfWork
from shared.clock import OFFICE_TIMEZONE, Clock, system_clock
from shared.contracts import (
    DraftPreviewRequested,
    SubmissionAdopted,
    SubmissionEvent,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScored,
    SubmissionScreened,
    topics,
)
from shared.messaging import Step, subscribe_batches

GROUP = "scoring"
PREVIEW_GROUP = "scoring-preview"


@dataclass
class ScoringDeps:
    """What the handlers and routes need; built once by the composition root."""

    new_uow: usecases.UnitOfWorkFactory
    rubric: Rubric
    metrics: ScoringMetrics
    clock: Clock = system_clock
    zone: str = OFFICE_TIMEZONE
    """The office's zone: its calendar day is the one timeliness counts to."""


def register(broker: KafkaBroker, deps: ScoringDeps) -> None:
    """Attach the scoring subscribers to ``broker``."""

    async def score(uow: ScoringUnitOfWork, event: SubmissionReceived | SubmissionRevised) -> Any:
        return await usecases.score(uow, deps.rubric, event, deps.clock(), zone=deps.zone)

    def submission_step(event: SubmissionEvent) -> Step[ScoringUnitOfWork, Any, Any] | None:
        """Received/Revised in, SubmissionScored out; Screened/Adopted kept; key: event_id."""
        if isinstance(event, SubmissionReceived | SubmissionRevised):
            return score
        if isinstance(event, SubmissionScreened | SubmissionAdopted):
            return usecases.record_outcome
        return None

    def count_scores(results: list[Any]) -> None:
        for scored in results:
            if isinstance(scored, SubmissionScored):
                deps.metrics.record(scored)

    subscribe_batches(
        broker, topics.SUBMISSIONS, group=GROUP, events=SubmissionEvent, new_uow=deps.new_uow,
        route=submission_step, applied=count_scores,
    )

    @broker.subscriber(
        topics.PREVIEW_REQUESTS,
        group_id=PREVIEW_GROUP,
        ack_policy=AckPolicy.ACK_FIRST,  # at-most-once on purpose: an old preview helps nobody
        auto_offset_reset="latest",
    )
    async def on_preview_request(draft: DraftPreviewRequested) -> dict[str, Any] | None:
        """A draft in, its scorecard as a submission now would get it back on reply_to
        (FastStream answers); nothing stored."""
        if draft.expires_at < system_clock():  # a transport deadline: wall time on purpose
            return None
        return await usecases.preview_payload(
            deps.new_uow, deps.rubric, draft.title, draft.body, draft.category,
            language=draft.language, now=deps.clock(), zone=deps.zone,
        )

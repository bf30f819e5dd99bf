"""Kafka subscribers of notify: parse, then call the use case for that event type.

Every use case claims the event id in its transaction, so a redelivery changes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from faststream.kafka import KafkaBroker

from services.notify import usecases
from shared.contracts import (
    AdoptionRevoked,
    DeadlineSet,
    InstructionRecorded,
    LedgerEvent,
    PointsAwarded,
    PointsReversed,
    QuotaSet,
    ScoreEvent,
    SubmissionAdopted,
    SubmissionEvent,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScreened,
    SubmissionWithdrawn,
    UnitEvent,
    UnitRegistered,
    topics,
)
from shared.messaging import subscriber_options
from shared.observability import event_context

GROUP = "notify"

Handler = Callable[[usecases.Deps, Any], Awaitable[bool]]
SUBMISSION_USE_CASES: dict[type, Handler] = {
    SubmissionReceived: usecases.on_received,
    SubmissionRevised: usecases.on_revised,
    SubmissionWithdrawn: usecases.on_withdrawn,
    SubmissionScreened: usecases.on_screened,
    SubmissionAdopted: usecases.on_adopted,
    AdoptionRevoked: usecases.on_adoption_revoked,
    InstructionRecorded: usecases.on_instruction,
}
UNIT_USE_CASES: dict[type, Handler] = {
    UnitRegistered: usecases.on_unit_registered,
    QuotaSet: usecases.on_quota_set,
    DeadlineSet: usecases.on_deadline_set,
}


def register(broker: KafkaBroker, deps: usecases.Deps) -> None:
    """Attach notify's subscribers to ``broker``."""

    @broker.subscriber(topics.SUBMISSIONS, **subscriber_options(GROUP))
    async def on_submission_event(event: SubmissionEvent) -> None:
        """Item life: remember, tell the author and leaders, feed agencies, track deadlines."""
        use_case = SUBMISSION_USE_CASES.get(type(event))
        if use_case is not None:
            with event_context(event):
                await use_case(deps, event)

    @broker.subscriber(topics.UNITS, **subscriber_options(GROUP))
    async def on_unit_event(event: UnitEvent) -> None:
        """Unit names, classes and offices (messages, bulletins); quotas and deadlines (reminders)."""
        with event_context(event):
            await UNIT_USE_CASES[type(event)](deps, event)

    @broker.subscriber(topics.SCORES, **subscriber_options(GROUP))
    async def on_score(event: ScoreEvent) -> None:
        """SubmissionScored in, a message to the author; may open the item to feeds."""
        with event_context(event):
            await usecases.on_scored(deps, event)

    @broker.subscriber(topics.LEDGER, **subscriber_options(GROUP))
    async def on_ledger(event: LedgerEvent) -> None:
        """PointsAwarded/Reversed in, a message to the officer."""
        if isinstance(event, PointsAwarded | PointsReversed):
            with event_context(event):
                await usecases.on_points(deps, event)

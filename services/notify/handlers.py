"""Kafka subscribers of notify: parse, then call the use case for that event type.

Each topic is consumed a broker batch per transaction (``shared.messaging.batch``), which
claims every event id of the batch in the inbox, so a redelivery changes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from faststream.kafka import KafkaBroker

from services.notify import usecases
from services.notify.repositories import NotifyUnitOfWork
from shared.contracts import (
    AdoptionRevoked,
    BriefingIssued,
    CommissionPublished,
    DeadlineMissed,
    DeadlineSet,
    InstructionFeedbackGiven,
    InstructionRecorded,
    LedgerEvent,
    PointsAwarded,
    PointsReversed,
    QuotaSet,
    ScoreEvent,
    SignOffRequested,
    StandingChanged,
    SubmissionAdopted,
    SubmissionEvent,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScreened,
    SubmissionSensitivityChanged,
    SubmissionWithdrawn,
    UnitEvent,
    UnitRegistered,
    topics,
)
from shared.messaging import Step, subscribe_batches

GROUP = "notify"

Handler = Callable[[usecases.Deps, NotifyUnitOfWork, Any], Awaitable[None]]
NotifyStep = Step[NotifyUnitOfWork, Any, None]
SUBMISSION_USE_CASES: dict[type, Handler] = {
    SubmissionReceived: usecases.on_received,
    SubmissionRevised: usecases.on_revised,
    SubmissionWithdrawn: usecases.on_withdrawn,
    SubmissionScreened: usecases.on_screened,
    SubmissionAdopted: usecases.on_adopted,
    SubmissionSensitivityChanged: usecases.on_sensitivity_changed,
    AdoptionRevoked: usecases.on_adoption_revoked,
    InstructionRecorded: usecases.on_instruction,
    InstructionFeedbackGiven: usecases.on_feedback_given,
    SignOffRequested: usecases.on_sign_off_requested,
}
UNIT_USE_CASES: dict[type, Handler] = {
    UnitRegistered: usecases.on_unit_registered,
    QuotaSet: usecases.on_quota_set,
    DeadlineSet: usecases.on_deadline_set,
    DeadlineMissed: usecases.on_deadline_missed,
    CommissionPublished: usecases.on_commission_published,
    BriefingIssued: usecases.on_briefing_issued,
}


def register(broker: KafkaBroker, deps: usecases.Deps) -> None:
    """Attach notify's subscribers to ``broker``."""

    def step_of(use_case: Handler | None) -> NotifyStep | None:
        return partial(use_case, deps) if use_case is not None else None

    def submission_step(event: SubmissionEvent) -> NotifyStep | None:
        """Item life: remember, tell the author and leaders, feed agencies, track deadlines."""
        return step_of(SUBMISSION_USE_CASES.get(type(event)))

    def unit_step(event: UnitEvent) -> NotifyStep | None:
        """Unit names, classes and offices (messages, bulletins); quotas and deadlines (reminders);
        missed deadlines (the unit and its office told)."""
        return step_of(UNIT_USE_CASES.get(type(event)))

    def score_step(event: ScoreEvent) -> NotifyStep | None:
        """SubmissionScored in, a message to the author; may open the item to feeds."""
        return step_of(usecases.on_scored)

    def ledger_step(event: LedgerEvent) -> NotifyStep | None:
        """PointsAwarded/Reversed in, a message to the officer; StandingChanged in, the unit's
        heads told its new rank (once a day)."""
        if isinstance(event, StandingChanged):
            return step_of(usecases.on_standing_changed)
        return step_of(usecases.on_points if isinstance(event, PointsAwarded | PointsReversed) else None)

    for topic, events, route in (
        (topics.SUBMISSIONS, SubmissionEvent, submission_step),
        (topics.UNITS, UnitEvent, unit_step),
        (topics.SCORES, ScoreEvent, score_step),
        (topics.LEDGER, LedgerEvent, ledger_step),
    ):
        subscribe_batches(broker, topic, group=GROUP, events=events, new_uow=deps.new_uow, route=route)

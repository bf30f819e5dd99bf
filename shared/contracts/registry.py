"""Which topic each event type travels on, and lookup of event classes by wire type."""

from __future__ import annotations

from shared.contracts import incentives, intake, notify, scoring, topics
from shared.contracts.envelope import Event

_TOPIC_OF: dict[type[Event], str] = {
    **{
        cls: topics.SUBMISSIONS
        for cls in (
            intake.SubmissionReceived,
            intake.SubmissionRevised,
            intake.SubmissionWithdrawn,
            intake.SubmissionScreened,
            intake.SubmissionAdopted,
            intake.AdoptionRevoked,
            intake.SubmissionForwarded,
            intake.SubmissionSensitivityChanged,
            intake.InstructionRecorded,
            intake.InstructionFeedbackGiven,
            intake.SignOffRequested,
            intake.EmergencyReportFalse,
            intake.CriticisedByHigherLevel,
        )
    },
    intake.UnitRegistered: topics.UNITS,
    intake.QuotaSet: topics.UNITS,
    intake.DeadlineSet: topics.UNITS,
    intake.DeadlineMissed: topics.UNITS,
    intake.EmergencyReportConcealed: topics.UNITS,
    intake.CommissionPublished: topics.UNITS,
    intake.BriefingIssued: topics.UNITS,
    intake.SessionRevoked: topics.SESSIONS,
    scoring.SubmissionScored: topics.SCORES,
    incentives.PointsAwarded: topics.LEDGER,
    incentives.PointsReversed: topics.LEDGER,
    incentives.StandingChanged: topics.LEDGER,
    notify.NotificationDelivered: topics.NOTIFICATIONS,
    notify.NotificationFailed: topics.NOTIFICATIONS,
    notify.BulletinPublished: topics.NOTIFICATIONS,
}

_NAMED_AT_RUN_TIME: tuple[type[Event], ...] = (notify.FeedItemPublished, notify.FeedItemRetracted)
"""Events whose topic is chosen when they are emitted (an agency's own feed topic)."""

_CLASS_OF: dict[str, type[Event]] = {
    cls.model_fields["type"].default: cls for cls in (*_TOPIC_OF, *_NAMED_AT_RUN_TIME)
}


def topic_for(event: Event) -> str:
    """The topic ``event`` is published on; KeyError for an unregistered event class."""
    return _TOPIC_OF[type(event)]


def event_class(wire_type: str) -> type[Event]:
    """The event class for a wire ``type`` string; KeyError when unknown."""
    return _CLASS_OF[wire_type]

ALL_EVENT_TYPES: tuple[type[Event], ...] = (*_TOPIC_OF, *_NAMED_AT_RUN_TIME)
"""Every event class the system publishes."""

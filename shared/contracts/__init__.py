"""Event contracts: every event the services exchange, and the topics they travel on.

Import events from here; each is defined once, in the module of the service that
produces it (``intake``, ``scoring``, ``incentives``, ``notify``).
"""

from shared.contracts import topics
from shared.contracts.envelope import Event, new_id, utcnow
from shared.contracts.incentives import (
    LedgerEvent,
    PointsAwarded,
    PointsReversed,
    StandingChanged,
)
from shared.contracts.intake import (
    AdoptionRevoked,
    ContributingUnit,
    CriticisedByHigherLevel,
    DeadlineMissed,
    DeadlineSet,
    DeadlineSubject,
    DraftPreviewRequested,
    EmergencyReportConcealed,
    EmergencyReportFalse,
    InstructionRecorded,
    QuotaSet,
    SessionRevoked,
    SignOffRequested,
    SubmissionAdopted,
    SubmissionEvent,
    SubmissionForwarded,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScreened,
    SubmissionWithdrawn,
    UnitEvent,
    UnitRegistered,
)
from shared.contracts.notify import (
    BulletinPublished,
    FeedItemPublished,
    NotificationDelivered,
    NotificationEvent,
    NotificationFailed,
)
from shared.contracts.registry import ALL_EVENT_TYPES, event_class, topic_for
from shared.contracts.scoring import (
    CriterionResult,
    DraftPreviewed,
    ScoreEvent,
    ScoreSuggestion,
    SubmissionScored,
)
from shared.contracts.vocabulary import (
    AdoptionForm,
    OrgLevel,
    PeriodKind,
    ScoreBand,
    ScreeningOutcome,
    UnitKind,
)

__all__ = [
    "ALL_EVENT_TYPES",
    "AdoptionForm",
    "AdoptionRevoked",
    "BulletinPublished",
    "ContributingUnit",
    "CriterionResult",
    "CriticisedByHigherLevel",
    "DeadlineMissed",
    "DeadlineSet",
    "DeadlineSubject",
    "DraftPreviewRequested",
    "DraftPreviewed",
    "EmergencyReportConcealed",
    "EmergencyReportFalse",
    "Event",
    "FeedItemPublished",
    "InstructionRecorded",
    "LedgerEvent",
    "NotificationDelivered",
    "NotificationEvent",
    "NotificationFailed",
    "OrgLevel",
    "PeriodKind",
    "PointsAwarded",
    "PointsReversed",
    "QuotaSet",
    "ScoreBand",
    "ScoreEvent",
    "ScoreSuggestion",
    "ScreeningOutcome",
    "SessionRevoked",
    "SignOffRequested",
    "StandingChanged",
    "SubmissionAdopted",
    "SubmissionEvent",
    "SubmissionForwarded",
    "SubmissionReceived",
    "SubmissionRevised",
    "SubmissionScored",
    "SubmissionScreened",
    "SubmissionWithdrawn",
    "UnitEvent",
    "UnitKind",
    "UnitRegistered",
    "event_class",
    "new_id",
    "topic_for",
    "topics",
    "utcnow",
]

"""Facts from the shared contract events: the one place the domain reads the wire shapes.

Adoptions and instructions carry no period on the wire: they count in the month they
happened on the office's local clock, as offices' monthly bulletins list them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from services.incentives.domain.facts import (
    AdoptionRevoked,
    Contribution,
    DeadlineMissed,
    ErrorCriticised,
    Fact,
    InstructionRecorded,
    ItemAdopted,
    ItemReceived,
    ItemScored,
    ItemScreened,
    ItemWithdrawn,
    UrgentReportFailed,
)
from services.incentives.domain.periods import month_of
from shared.contracts.envelope import Event
from shared.contracts.intake import (
    AdoptionRevoked as AdoptionRevokedEvent,
)
from shared.contracts.intake import (
    CriticisedByHigherLevel,
    EmergencyReportConcealed,
    EmergencyReportFalse,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScreened,
    SubmissionWithdrawn,
)
from shared.contracts.intake import (
    DeadlineMissed as DeadlineMissedEvent,
)
from shared.contracts.intake import (
    InstructionRecorded as InstructionRecordedEvent,
)
from shared.contracts.scoring import SubmissionScored
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand, ScreeningOutcome


def _item_keys(event: Any) -> dict[str, Any]:
    """The fields every item fact takes from its event's envelope and item."""
    return {
        "event_id": event.event_id,
        "occurred_at": event.occurred_at,
        "submission_id": event.submission_id,
        "unit_id": event.unit_id,
    }


def fact_from_event(event: Event, utc_offset_hours: int = 8) -> Fact | None:
    """The fact an event carries, or None for events the incentives domain ignores."""
    match event:
        case SubmissionReceived():
            return ItemReceived(
                **_item_keys(event),
                person_id=event.author_id,
                period=event.period,
                urgent=event.urgent,
                late=event.late,
                commission_id=event.commission_id,
            )
        case SubmissionScored():
            return ItemScored(
                **_item_keys(event),
                person_id=event.author_id,
                period=event.period,
                band=ScoreBand(event.band),
                overall=Decimal(str(event.overall)),
                revision=event.revision,
            )
        case SubmissionScreened():
            return _screened(event, utc_offset_hours)
        case SubmissionAdopted():
            return _adopted(event, utc_offset_hours)
        case _:
            return _taken_back_or_instructed(event, utc_offset_hours)


def _screened(event: SubmissionScreened, utc_offset_hours: int) -> ItemScreened:
    return ItemScreened(
        **_item_keys(event),
        period=month_of(event.occurred_at, utc_offset_hours),
        outcome=ScreeningOutcome(event.outcome),
        inaccurate=event.inaccurate,
    )


def _adopted(event: SubmissionAdopted, utc_offset_hours: int) -> ItemAdopted:
    return ItemAdopted(
        **_item_keys(event),
        period=month_of(event.occurred_at, utc_offset_hours),
        adoption_id=event.adoption_id,
        publication=event.publication,
        office_level=OrgLevel(event.office_level),
        form=AdoptionForm(event.form),
        contributors=tuple(
            Contribution(c.unit_id, Decimal(str(c.share))) for c in event.contributing_units
        ),
        forwarded_by=tuple(event.forwarded_by),
    )


def _taken_back_or_instructed(event: Event, utc_offset_hours: int) -> Fact | None:
    match event:
        case AdoptionRevokedEvent():
            return AdoptionRevoked(
                **_item_keys(event),
                adoption_id=event.adoption_id,
                reason=event.reason,
            )
        case SubmissionWithdrawn():
            return ItemWithdrawn(
                **_item_keys(event),
                reason=event.reason,
            )
        case InstructionRecordedEvent():
            return InstructionRecorded(
                **_item_keys(event),
                period=month_of(event.occurred_at, utc_offset_hours),
                instruction_id=event.instruction_id,
                leader_rank=OrgLevel(event.leader_rank),
            )
        case DeadlineMissedEvent():
            return _missed(event, utc_offset_hours)
    return _recorded_failure(event, utc_offset_hours)


def _recorded_failure(event: Event, utc_offset_hours: int) -> Fact | None:
    """Failures an office recorded with evidence; they count in the month recorded."""
    match event:
        case EmergencyReportFalse():
            return UrgentReportFailed(
                event_id=event.event_id, occurred_at=event.occurred_at, unit_id=event.unit_id,
                period=month_of(event.occurred_at, utc_offset_hours), kind="false",
                submission_id=event.submission_id, serious=event.serious, note=event.note,
            )
        case EmergencyReportConcealed():
            return UrgentReportFailed(
                event_id=event.event_id, occurred_at=event.occurred_at, unit_id=event.unit_id,
                period=month_of(event.occurred_at, utc_offset_hours),
                kind="concealed" if event.concealed else "missed", note=event.incident,
            )
        case CriticisedByHigherLevel():
            return ErrorCriticised(
                event_id=event.event_id, occurred_at=event.occurred_at, unit_id=event.unit_id,
                period=month_of(event.occurred_at, utc_offset_hours),
                submission_id=event.submission_id, note=f"{event.criticised_by}：{event.note}",
            )
    return None


def _missed(event: DeadlineMissedEvent, utc_offset_hours: int) -> DeadlineMissed | UrgentReportFailed:
    """A deadline that passed: a missed commission or feedback, or an urgent report late
    (迟报: it may still come; a report that never comes is recorded by the office as missed).
    It counts in the month it was due."""
    period = month_of(event.due_at, utc_offset_hours)
    if event.subject == "urgent_report":
        return UrgentReportFailed(
            event_id=event.event_id, occurred_at=event.occurred_at, unit_id=event.unit_id,
            period=period, kind="late", submission_id=event.submission_id,
        )
    return DeadlineMissed(
        event_id=event.event_id, occurred_at=event.occurred_at, unit_id=event.unit_id,
        period=period, subject=event.subject, reference_id=event.reference_id,
    )

"""The facts the incentives domain decides on: frozen, wire-free versions of upstream events.

Each fact keeps the ``event_id`` of the event it came from (the idempotency key and the
``cause_event_id`` of every entry it produces) and the ``occurred_at`` that picks the
policy version. ``period`` is the period the resulting entries count for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal, TypeAlias

from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand, ScreeningOutcome


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemReceived:
    """An item reached the office above its unit (maybe late, maybe answering a commission)."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    person_id: str | None = None
    period: str
    urgent: bool = False
    late: bool = False
    commission_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemScored:
    """The item was scored (or rescored): its quality band decides the quality points."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    person_id: str | None = None
    period: str
    band: ScoreBand
    overall: Decimal
    revision: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemScreened:
    """An editor screened the item: accepted, filed for reference, or returned (inaccurate?)."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    period: str
    outcome: ScreeningOutcome
    inaccurate: bool = False


@dataclass(frozen=True, slots=True)
class Contribution:
    """A unit credited for an adopted item and its share of the credit (0 < share <= 1)."""

    unit_id: str
    share: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemAdopted:
    """A publication adopted the item; ``forwarded_by``: offices it passed, lowest first."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    period: str
    adoption_id: str
    publication: str
    office_level: OrgLevel
    form: AdoptionForm
    contributors: tuple[Contribution, ...] = ()
    forwarded_by: tuple[str, ...] = ()

    def credited(self) -> tuple[Contribution, ...]:
        """The units credited, each once; the submitting unit alone when none are named."""
        if not self.contributors:
            return (Contribution(self.unit_id),)
        seen: dict[str, Contribution] = {}
        for contribution in self.contributors:
            seen.setdefault(contribution.unit_id, contribution)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class AdoptionRevoked:
    """An adoption was taken back; the entries it earned are reversed."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    adoption_id: str
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemWithdrawn:
    """The unit withdrew the item; every award it earned is reversed (deductions stay)."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class InstructionRecorded:
    """A leader of ``leader_rank`` wrote an instruction (批示) on the item."""

    event_id: str
    occurred_at: datetime
    submission_id: str
    unit_id: str
    period: str
    instruction_id: str
    leader_rank: OrgLevel


UrgentFailureKind = Literal["late", "missed", "concealed", "false"]


@dataclass(frozen=True, slots=True, kw_only=True)
class UrgentReportFailed:
    """An emergency report was late (迟报), missed (漏报), concealed (瞒报) or false (谎报).

    ``serious`` marks false information with serious consequences (loses eligibility).
    ``submission_id`` is None for a report that never came (missed, concealed).
    """

    event_id: str
    occurred_at: datetime
    unit_id: str
    period: str
    kind: UrgentFailureKind
    submission_id: str | None = None
    serious: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorCriticised:
    """A higher level criticised an error in something the unit reported (通报批评)."""

    event_id: str
    occurred_at: datetime
    unit_id: str
    period: str
    submission_id: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineMissed:
    """A commissioned topic (约稿) or instruction feedback (批示反馈) was not delivered in time."""

    event_id: str
    occurred_at: datetime
    unit_id: str
    period: str
    subject: Literal["commission", "instruction_feedback"]
    reference_id: str


ItemFact: TypeAlias = (
    ItemReceived
    | ItemScored
    | ItemScreened
    | ItemAdopted
    | AdoptionRevoked
    | ItemWithdrawn
    | InstructionRecorded
)
"""A fact about one information item (its history is the item's ledger entries)."""

Fact: TypeAlias = ItemFact | UrgentReportFailed | ErrorCriticised | DeadlineMissed
"""Any fact ``decide`` accepts."""

"""Events produced by the incentives service (topic ``incentives.ledger.v1``, key: unit_id)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from shared.contracts.envelope import Event


class _LedgerEntryEvent(Event):
    key_field: ClassVar[str] = "unit_id"

    entry_id: str = Field(description="Id of the ledger entry: '<cause event id>:<rule>:<unit>'.")
    unit_id: str = Field(description="Unit the points belong to.")
    person_id: str | None = Field(default=None, description="Information officer, where known.")
    submission_id: str | None = Field(default=None, description="Item concerned, if any.")
    period: str = Field(description="Period the entry counts for, e.g. '2026-11'.")
    points: Decimal = Field(description="Points of this entry (negative for deductions).")
    money: Decimal = Field(default=Decimal(0), description="Reward money in yuan, if any.")
    rule: str = Field(description="Policy rule that produced the entry.")
    policy_version: str = Field(description="Version of the policy applied.")
    cause_event_id: str = Field(description="Event that caused the entry.")
    reason: str = Field(description="Human-readable reason, e.g. '质量评分 良好'.")


class PointsAwarded(_LedgerEntryEvent):
    """A ledger entry was appended: points (or a deduction) for a unit."""

    type: Literal["PointsAwarded"] = "PointsAwarded"


class PointsReversed(_LedgerEntryEvent):
    """A reversing entry was appended because an upstream fact was taken back."""

    type: Literal["PointsReversed"] = "PointsReversed"
    reverses_entry_id: str = Field(description="The entry this one cancels.")


class StandingChanged(Event):
    """A unit's rank among its peers in a period changed (incentives' standings watcher).

    One per unit whose rank moved between two snapshots of the period's standings; the
    first snapshot of a period is a baseline and announces nothing. ``event_id`` is derived
    from (period, unit, snapshot version), so two replicas taking the same snapshot emit one.
    """

    key_field: ClassVar[str] = "unit_id"
    type: Literal["StandingChanged"] = "StandingChanged"
    unit_id: str = Field(description="Unit whose standing changed.")
    period: str = Field(description="Period of the standing, e.g. '2026-11'.")
    peer_group: str = Field(
        default="all",
        description="Peer group the unit is ranked in (its class, its level, or 'all').",
    )
    rank: int | None = Field(
        default=None,
        ge=1,
        description="Rank in the peer group now (1 = best; ties share the better rank); "
        "None only in payloads from before ranks were carried.",
    )
    previous_rank: int | None = Field(
        default=None,
        ge=1,
        description="Rank in the previous snapshot; None when the unit first appears in the "
        "period's standings (or has just moved to another peer group).",
    )
    group_size: int = Field(default=0, ge=0, description="Number of units in the peer group.")
    total_points: Decimal = Field(description="Unit's total points in the period.")
    entries: int = Field(ge=0, description="Number of ledger entries behind the total.")


LedgerEvent = Annotated[
    PointsAwarded | PointsReversed | StandingChanged, Field(discriminator="type")
]
"""Any event on ``incentives.ledger.v1``."""

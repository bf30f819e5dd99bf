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
    """A unit's total for a period changed."""

    key_field: ClassVar[str] = "unit_id"
    type: Literal["StandingChanged"] = "StandingChanged"
    unit_id: str = Field(description="Unit whose standing changed.")
    period: str = Field(description="Period of the standing.")
    total_points: Decimal = Field(description="Unit's total points in the period.")
    entries: int = Field(ge=0, description="Number of ledger entries behind the total.")


LedgerEvent = Annotated[
    PointsAwarded | PointsReversed | StandingChanged, Field(discriminator="type")
]
"""Any event on ``incentives.ledger.v1``."""

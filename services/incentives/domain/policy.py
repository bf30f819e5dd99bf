"""An office's incentive policy (one version) and the book of versions that picks by date."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from services.incentives.domain.periods import last_day, local_date, month_of
from services.incentives.domain.policy_sections import (
    AdoptionAwards,
    AdoptionRateRule,
    AssessedUnits,
    Assessment,
    Deductions,
    FixedAward,
    InstructionAwards,
    MoneyRewards,
    QualityAwards,
    Quotas,
    Ranking,
    Section,
)
from shared.contracts.bulletin_rules import BulletinSection
from shared.contracts.vocabulary import OrgLevel


class Policy(Section):
    """One version of an office's rules; it applies to events from ``effective_from`` on.

    Points come from outcomes only (receipt, quality, adoption, instructions, timeliness):
    there is deliberately no rule for log-ins, time online or other activity.
    """

    version: str = Field(min_length=1)
    office_id: str = Field(min_length=1)
    office_level: OrgLevel
    name: str = ""
    effective_from: date
    utc_offset_hours: int = Field(default=8, ge=-12, le=14)
    based_on: list[str] = Field(default_factory=list)
    submission: FixedAward = Field(default_factory=lambda: FixedAward(points=Decimal(0)))
    quality: QualityAwards | None = None
    commission_answered: FixedAward | None = None
    compliant_not_adopted: FixedAward | None = None
    adoption: AdoptionAwards = Field(default_factory=AdoptionAwards)
    instructions: InstructionAwards | None = None
    deductions: Deductions = Field(default_factory=Deductions)
    quotas: Quotas | None = None
    adoption_rate: AdoptionRateRule | None = None
    assessed: AssessedUnits = Field(default_factory=AssessedUnits)
    ranking: Ranking = Field(default_factory=Ranking)
    assessment: Assessment | None = None
    money: MoneyRewards = Field(default_factory=MoneyRewards)
    bulletins: BulletinSection = Field(default_factory=BulletinSection)
    """How the office's bulletins (通报, composed by notify) count, rank and commend."""

    def disqualifying_rules(self) -> frozenset[str]:
        """Rules whose live entries cost a unit its eligibility for the annual selection."""
        return frozenset(
            name
            for name, deduction in self.deductions
            if deduction is not None and deduction.loses_eligibility
        )


class PolicyBook:
    """Several versions of one office's policy; ``at`` picks the one in force at a moment."""

    def __init__(self, policies: Iterable[Policy]) -> None:
        ordered = sorted(policies, key=lambda p: p.effective_from)
        if not ordered:
            raise ValueError("a policy book needs at least one policy")
        dates = [p.effective_from for p in ordered]
        if len(set(dates)) != len(dates):
            raise ValueError("two policy versions take effect on the same date")
        self._policies = tuple(ordered)
        self._dates = dates

    @property
    def versions(self) -> tuple[Policy, ...]:
        """All versions, oldest first."""
        return self._policies

    def at(self, moment: datetime) -> Policy:
        """The version in force at ``moment`` (on the office's local calendar)."""
        first = self._policies[0]
        day = local_date(moment, first.utc_offset_hours)
        index = bisect_right(self._dates, day) - 1
        if index < 0:
            raise LookupError(
                f"no policy version is in force on {day} (first: {first.effective_from})"
            )
        return self._policies[index]

    def month_at(self, moment: datetime) -> str:
        """The month ('2026-11') ``moment`` falls in on the office's clock: the zone of the
        version in force then (of the first version, before any is)."""
        try:
            policy = self.at(moment)
        except LookupError:
            policy = self._policies[0]
        return month_of(moment, policy.utc_offset_hours)

    def for_period(self, period: str) -> Policy:
        """The version in force on the last day of ``period``: the one that closes and ranks it.

        A period that ended before the first version is read under the first version.
        """
        index = bisect_right(self._dates, last_day(period)) - 1
        return self._policies[max(index, 0)]

    def version(self, name: str) -> Policy:
        """The version called ``name``."""
        for policy in self._policies:
            if policy.version == name:
                return policy
        raise LookupError(f"no policy version {name!r}")

"""Building entries for one decision: common fields, caps and budget, and readable reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from services.incentives.domain.history import CapUsage, ItemHistory, cap_key_of
from services.incentives.domain.ledger import (
    LedgerEntry,
    entry_id_for,
    reversal_of,
)
from services.incentives.domain.money import ZERO, to_cents, within_budget
from services.incentives.domain.periods import enclosing
from services.incentives.domain.policy import Policy
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand

LEVEL_NAMES = {
    OrgLevel.NATIONAL: "国家级",
    OrgLevel.PROVINCE: "省级",
    OrgLevel.CITY: "市级",
    OrgLevel.COUNTY: "县级",
    OrgLevel.TOWNSHIP: "乡镇级",
}
FORM_NAMES = {
    AdoptionForm.FULL_TEXT: "单篇",
    AdoptionForm.EXCERPT: "摘编",
    AdoptionForm.COMBINED: "综合",
}
BAND_NAMES = {
    ScoreBand.EXCELLENT: "优秀",
    ScoreBand.GOOD: "良好",
    ScoreBand.FAIR: "一般",
    ScoreBand.POOR: "较差",
}


@dataclass(frozen=True, slots=True)
class Drafter:
    """Makes the entries of one decision: same cause, policy version and (default) item."""

    cause_event_id: str
    policy: Policy
    submission_id: str | None
    period: str
    person_id: str | None = None

    def entry(
        self,
        rule: str,
        unit_id: str,
        points: Decimal,
        reason: str,
        *,
        money: Decimal = ZERO,
        reference_id: str | None = None,
        person_id: str | None = None,
        period: str | None = None,
    ) -> LedgerEntry:
        """An award or deduction for ``unit_id`` (in this decision's period unless given)."""
        return LedgerEntry(
            entry_id=entry_id_for(self.cause_event_id, rule, unit_id),
            unit_id=unit_id,
            person_id=person_id or self.person_id,
            submission_id=self.submission_id,
            period=period or self.period,
            points=to_cents(points),
            money=to_cents(money),
            rule=str(rule),
            policy_version=self.policy.version,
            cause_event_id=self.cause_event_id,
            reason=reason,
            reference_id=reference_id,
        )

    def reverse(self, entry: LedgerEntry, reason: str) -> LedgerEntry:
        """The entry that cancels ``entry``, caused by this decision's event."""
        return reversal_of(entry, cause_event_id=self.cause_event_id, reason=reason)


@dataclass(slots=True)
class Allowance:
    """What caps and the budget still allow within one decision (counts its own grants)."""

    policy: Policy
    usage: CapUsage
    granted_points: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    granted_money: Decimal = ZERO

    def points(
        self, unit_id: str, rule: str, window: str, wanted: Decimal, cap: Decimal | None
    ) -> Decimal:
        """``wanted`` cut to what the unit's cap for ``rule`` in ``window`` leaves."""
        if cap is None or wanted <= 0:
            return wanted
        key = (unit_id, cap_key_of(rule), window)
        used = self.usage.points_used(unit_id, key[1], window) + self.granted_points.get(key, ZERO)
        allowed = max(ZERO, min(wanted, cap - used))
        self.granted_points[key] = self.granted_points.get(key, ZERO) + allowed
        return allowed

    def release(self, reversal: LedgerEntry, window: str) -> None:
        """Count a reversal made in this decision: the points it cancels are free again."""
        key = (reversal.unit_id, cap_key_of(reversal.rule), window)
        self.granted_points[key] = self.granted_points.get(key, ZERO) + reversal.points

    def money(self, period: str, wanted: Decimal) -> Decimal:
        """``wanted`` cut to what the budget of the period containing ``period`` leaves."""
        budget = self.policy.money.budget
        if budget is None:
            return wanted
        window = enclosing(period, budget.per)
        spent = self.usage.money_spent(window) + self.granted_money
        allowed = within_budget(wanted, spent, budget.amount)
        self.granted_money += allowed
        return allowed


def penalty_factor(history: ItemHistory, policy: Policy, unit_id: str) -> Decimal:
    """What remains of a unit's points on an item after its emergency-report failures (梅州)."""
    shares = [ZERO]
    for entry in history.live_urgent_failures():
        deduction = getattr(policy.deductions, entry.rule, None)
        if deduction is not None and entry.unit_id == unit_id:
            shares.append(deduction.share_of_item_points)
    return Decimal(1) - max(shares)

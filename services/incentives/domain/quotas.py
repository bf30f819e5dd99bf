"""Period end: the base for meeting a quota, deductions for shortfalls and low adoption rates.

``close_period`` is pure and its entry ids are ``"close:<period>:<rule>:<unit_id>"``, so
closing a period twice appends nothing new. What a unit achieved can be counted from the
ledger itself with ``period_counts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from services.incentives.domain.drafting import Allowance, Drafter
from services.incentives.domain.history import NO_USAGE, CapUsage
from services.incentives.domain.ledger import EntryDraft, LedgerEntry, Rule, live_entries
from services.incentives.domain.money import to_cents
from services.incentives.domain.periods import contains, kind_of, year_of
from services.incentives.domain.policy import Policy
from services.incentives.domain.units import UnitProfile


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    """What a unit did in a period; ``required`` overrides its class quota (a QuotaSet)."""

    submitted: int = 0
    adopted: int = 0
    required: int | None = None


NOTHING = PeriodCounts()


def close_period(
    period: str,
    units: Iterable[UnitProfile],
    counts: Mapping[str, PeriodCounts],
    policy: Policy,
    usage: CapUsage = NO_USAGE,
) -> list[EntryDraft]:
    """Quota base, quota shortfall and adoption-rate entries for every unit at ``period``'s end."""
    drafter = Drafter(f"close:{period}", policy, None, period)
    allowance = Allowance(policy, usage)
    entries: list[LedgerEntry] = []
    for unit in sorted(units, key=lambda u: u.unit_id):
        done = counts.get(unit.unit_id, NOTHING)
        entries.extend(_quota_entries(period, unit, done, policy, drafter, allowance))
        entries.extend(_adoption_rate_entries(period, unit, done, policy, drafter))
    return entries


def required_items(
    period: str, unit: UnitProfile, done: PeriodCounts, policy: Policy
) -> int | None:
    """Items the unit owes in ``period``: a quota set for it, else its class quota."""
    if done.required is not None:
        return done.required
    if policy.quotas is None:
        return None
    return policy.quotas.classes.get(unit.unit_class, {}).get(kind_of(period))


@dataclass(frozen=True, slots=True)
class QuotaStatus:
    """Where a unit stands against its quota: ``missing`` items to go (0 when met or no quota)."""

    unit_id: str
    required: int | None
    submitted: int
    adopted: int
    achieved: int
    missing: int
    adoption_rate: Decimal | None

    @property
    def behind(self) -> bool:
        """True while the unit has not reached its quota."""
        return self.missing > 0


def quota_status(
    period: str, units: Iterable[UnitProfile], counts: Mapping[str, PeriodCounts], policy: Policy
) -> list[QuotaStatus]:
    """Each unit against its quota in ``period``, those furthest behind first."""
    counted_by_adoption = policy.quotas is not None and policy.quotas.counts == "adopted"
    rows = []
    for unit in units:
        done = counts.get(unit.unit_id, NOTHING)
        required = required_items(period, unit, done, policy)
        achieved = done.adopted if counted_by_adoption else done.submitted
        rate = to_cents(Decimal(done.adopted) * 100 / done.submitted) if done.submitted else None
        missing = max(0, required - achieved) if required is not None else 0
        rows.append(
            QuotaStatus(
                unit.unit_id, required, done.submitted, done.adopted, achieved, missing, rate
            )
        )
    return sorted(rows, key=lambda r: (-r.missing, r.unit_id))


def period_counts(entries: Iterable[LedgerEntry], period: str) -> dict[str, PeriodCounts]:
    """Items received (not withdrawn) and items adopted per unit in ``period``, from the ledger."""
    submitted: dict[str, set[str]] = {}
    adopted: dict[str, set[str]] = {}
    for entry in live_entries(e for e in entries if contains(period, e.period)):
        if entry.submission_id is None:
            continue
        if entry.rule == Rule.SUBMISSION:
            submitted.setdefault(entry.unit_id, set()).add(entry.submission_id)
        elif entry.rule == Rule.ADOPTION:
            adopted.setdefault(entry.unit_id, set()).add(entry.submission_id)
    return {
        unit: PeriodCounts(len(submitted.get(unit, ())), len(adopted.get(unit, ())))
        for unit in submitted.keys() | adopted.keys()
    }


def _quota_entries(
    period: str,
    unit: UnitProfile,
    done: PeriodCounts,
    policy: Policy,
    drafter: Drafter,
    allowance: Allowance,
) -> list[LedgerEntry]:
    quotas = policy.quotas
    required = required_items(period, unit, done, policy)
    if quotas is None or required is None:
        return []
    kind = kind_of(period)
    achieved = done.adopted if quotas.counts == "adopted" else done.submitted
    entries = []
    if quotas.base and quotas.base.per == kind and achieved >= required:
        points = allowance.points(
            unit.unit_id,
            Rule.QUOTA_BASE,
            year_of(period),
            quotas.base.points,
            quotas.base.cap_per_year,
        )
        entries.append(
            drafter.entry(
                Rule.QUOTA_BASE,
                unit.unit_id,
                points,
                f"完成{period}信息任务（{achieved}/{required}条）",
            )
        )
    missing = required - achieved
    if quotas.shortfall and quotas.shortfall.per == kind and missing > 0:
        points = quotas.shortfall.points_per_missing_item * missing
        reason = f"{period}信息任务差{missing}条（应报{required}条，实报{achieved}条）"
        entries.append(drafter.entry(Rule.QUOTA_SHORTFALL, unit.unit_id, points, reason))
    return entries


def _adoption_rate_entries(
    period: str, unit: UnitProfile, done: PeriodCounts, policy: Policy, drafter: Drafter
) -> list[LedgerEntry]:
    rule = policy.adoption_rate
    if (
        rule is None
        or rule.per != kind_of(period)
        or done.submitted < max(rule.minimum_submitted, 1)
    ):
        return []
    rate = Decimal(done.adopted) / Decimal(done.submitted)
    if rate >= rule.below:
        return []
    percent = to_cents(rate * 100)
    reason = f"{period}采用率{percent}%，低于{to_cents(rule.below * 100)}%"
    return [drafter.entry(Rule.ADOPTION_RATE_LOW, unit.unit_id, rule.points, reason)]

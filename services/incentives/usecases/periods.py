"""Quotas and period close.

- ``quota_board``: each unit's items received and adopted against its quota (who is behind).
- ``close_period``: a command; quota base, shortfall and adoption-rate entries appended once
  (ids ``close:<period>:<rule>:<unit>``, so closing again appends nothing), counted in the
  totals and announced as PointsAwarded, in one unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from services.incentives.domain import (
    Assessed,
    LedgerEntry,
    PeriodCounts,
    PolicyBook,
    QuotaStatus,
    Rule,
    assessed_units,
    period_counts,
    quota_status,
    usage_from_entries,
)
from services.incentives.domain import close_period as closing_entries
from services.incentives.domain.periods import is_over, year_of
from services.incentives.repositories import Closure, IncentivesUnitOfWork
from services.incentives.usecases.applying import record_entries
from services.incentives.usecases.common import UnitOfWorkFactory


class PeriodStillOpen(Exception):
    """A period cannot be closed before it has ended."""


@dataclass(frozen=True)
class QuotaBoard:
    """Units against their quotas in a period, furthest behind first."""

    period: str
    office_id: str | None
    policy_version: str
    counts: str
    rows: list[QuotaStatus]
    names: dict[str, str]
    classes: dict[str, str]
    quota_set: set[str]


@dataclass(frozen=True)
class ClosedPeriod:
    """The outcome of a close: the entries appended now (none when closed before)."""

    closure: Closure
    appended: list[LedgerEntry]


async def quota_board(
    new_uow: UnitOfWorkFactory, book: PolicyBook, period: str, office_id: str | None = None
) -> QuotaBoard:
    """Each unit the office assesses (those reporting to ``office_id``, if given) against its
    quota in ``period``, its items counted with those of the units that roll up into it."""
    policy = book.for_period(period)
    async with new_uow() as uow:
        scope = assessed_units(policy, await uow.units.all())
        reporting = {u.unit_id for u in await uow.units.reporting_to(office_id)} if office_id else None
        units = [u for u in scope.units if reporting is None or u.unit_id in reporting]
        counts = await _counts(uow, period, scope)
        quota_set = set(await uow.quotas.for_period(period))
    return QuotaBoard(
        period=period,
        office_id=office_id,
        policy_version=policy.version,
        counts=policy.quotas.counts if policy.quotas else "submitted",
        rows=quota_status(period, units, counts, policy),
        names={u.unit_id: u.name for u in units},
        classes={u.unit_id: u.unit_class for u in units},
        quota_set=quota_set,
    )


async def close_period(
    new_uow: UnitOfWorkFactory,
    book: PolicyBook,
    period: str,
    now: datetime,
    correlation_id: str | None = None,
) -> ClosedPeriod:
    """Close ``period`` under the policy in force at its end for the units the office
    assesses (``domain.assessed``); raises PeriodStillOpen."""
    policy = book.for_period(period)
    if not is_over(period, now, policy.utc_offset_hours):
        raise PeriodStillOpen(f"{period} has not ended yet")
    async with new_uow() as uow:
        scope = assessed_units(policy, await uow.units.all())
        counts = await _counts(uow, period, scope)
        bases = await uow.ledger.in_period(year_of(period), rules=(Rule.QUOTA_BASE,))
        drafts = closing_entries(period, scope.units, counts, policy, usage_from_entries(bases))
        appended = await record_entries(
            uow, drafts, cause=None, at=now, correlation_id=correlation_id
        )
        before = await uow.closures.get(period)
        closure = Closure(
            period,
            before.closed_at if before else now,
            policy.version,
            (before.appended if before else 0) + len(appended),
        )
        await uow.closures.save(closure)
        await uow.commit()
    return ClosedPeriod(closure, appended)


async def _counts(uow: IncentivesUnitOfWork, period: str, scope: Assessed) -> dict[str, PeriodCounts]:
    """Items received and adopted per assessed unit (from the ledger, those of the units that
    roll up into it included), with quotas set for the period."""
    entries = await uow.ledger.in_period(period, rules=(Rule.SUBMISSION, Rule.ADOPTION))
    counts = period_counts(scope.entries(entries), period)
    for unit_id, quota in (await uow.quotas.for_period(period)).items():
        counts[unit_id] = replace(counts.get(unit_id, PeriodCounts()), required=quota.items_required)
    return counts

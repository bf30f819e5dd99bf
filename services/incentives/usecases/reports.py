"""Reports read from the ledger: the annual assessment and the reward list."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.incentives.domain import Assessed, LedgerEntry, PolicyBook, assess_year, assessed_units
from services.incentives.reports import AssessmentReport, RewardList, budget_period, reward_list
from services.incentives.usecases.common import UnitOfWorkFactory


class NoAssessmentRules(Exception):
    """The policy in force has no assessment section."""


async def annual_assessment(
    new_uow: UnitOfWorkFactory, book: PolicyBook, year: str, now: datetime | None = None
) -> AssessmentReport:
    """Score, rank, grade, commendations and criticism of ``year`` under the policy at its end,
    of the units the office assesses (``domain.assessed``: its subtree, rolled up as it says);
    issued by that office on ``now``'s day on its clock (undated without ``now``)."""
    policy = book.for_period(year)
    if policy.assessment is None:
        raise NoAssessmentRules(f"policy {policy.version} has no assessment section")
    async with new_uow() as uow:
        entries = await uow.ledger.in_period(year)
        units = await uow.units.all()
        people = await uow.people.names()
    scope = assessed_units(policy, units)
    return AssessmentReport(
        assessment=assess_year(year, scope.entries(entries), scope.units, policy),
        office_name=policy.name,
        unit_names={u.unit_id: u.name for u in units},
        person_names=people,
        issuer=next((u.name for u in units if u.unit_id == policy.office_id), ""),
        issued_on=(now + timedelta(hours=policy.utc_offset_hours)).date() if now else None,
    )


async def rewards(new_uow: UnitOfWorkFactory, book: PolicyBook, period: str) -> RewardList:
    """Money per unit and officer of the office's scope in ``period`` and what is left of the
    budget."""
    policy = book.for_period(period)
    window = budget_period(period, policy)
    async with new_uow() as uow:
        entries = await uow.ledger.with_money(period)
        paid = await uow.ledger.with_money(window) if window else []
        units = await uow.units.all()
        names = {u.unit_id: u.name for u in units} | await uow.people.names()
    scope = assessed_units(policy, units)
    return reward_list(period, _paid_by(scope, entries), _paid_by(scope, paid), policy, names)


def _paid_by(scope: Assessed, entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """The entries of units in the office's scope: it pays its own units (each the unit that
    earned the money, roll-up or not), never another office's."""
    return [e for e in entries if scope.credit(e.unit_id) is not None]

"""Reports read from the ledger: the annual assessment and the reward list."""

from __future__ import annotations

from services.incentives.domain import PolicyBook, assess_year
from services.incentives.reports import AssessmentReport, RewardList, budget_period, reward_list
from services.incentives.usecases.common import UnitOfWorkFactory


class NoAssessmentRules(Exception):
    """The policy in force has no assessment section."""


async def annual_assessment(new_uow: UnitOfWorkFactory, book: PolicyBook, year: str) -> AssessmentReport:
    """Score, rank, grade, commendations and criticism of ``year`` under the policy at its end."""
    policy = book.for_period(year)
    if policy.assessment is None:
        raise NoAssessmentRules(f"policy {policy.version} has no assessment section")
    async with new_uow() as uow:
        entries = await uow.ledger.in_period(year)
        units = await uow.units.all()
        people = await uow.people.names()
    return AssessmentReport(
        assessment=assess_year(year, entries, units, policy),
        office_name=policy.name,
        unit_names={u.unit_id: u.name for u in units},
        person_names=people,
    )


async def rewards(new_uow: UnitOfWorkFactory, book: PolicyBook, period: str) -> RewardList:
    """Money per unit and officer in ``period`` and what is left of the budget."""
    policy = book.for_period(period)
    window = budget_period(period, policy)
    async with new_uow() as uow:
        entries = await uow.ledger.with_money(period)
        paid = await uow.ledger.with_money(window) if window else []
        names = {u.unit_id: u.name for u in await uow.units.all()} | await uow.people.names()
    return reward_list(period, entries, paid, policy, names)

"""The reward list (奖励名单): money per unit and per officer in a period, with the budget.

Money is decided entry by entry by the domain (never above the budget); this read model
adds it up per unit and per officer and lists the entries it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from services.incentives.domain import LedgerEntry, Policy, balance, live_entries
from services.incentives.domain.money import ZERO
from services.incentives.domain.periods import enclosing, kind_of


@dataclass(frozen=True, slots=True)
class RewardLine:
    """One paid entry: the item, the rule and the reason behind an amount."""

    entry_id: str
    unit_id: str
    person_id: str | None
    submission_id: str | None
    period: str
    rule: str
    reason: str
    money: Decimal


@dataclass(frozen=True, slots=True)
class RewardRow:
    """What one unit or officer is paid, net of anything taken back."""

    subject_id: str
    name: str
    unit_id: str
    money: Decimal
    lines: tuple[RewardLine, ...]


@dataclass(frozen=True, slots=True)
class RewardList:
    """Units and officers to pay for ``period``, largest amounts first, and the budget left."""

    period: str
    policy_version: str
    total: Decimal
    budget: Decimal | None
    budget_period: str | None
    paid_in_budget_period: Decimal
    remaining: Decimal | None
    units: tuple[RewardRow, ...]
    people: tuple[RewardRow, ...]


def reward_list(
    period: str,
    entries: Iterable[LedgerEntry],
    budget_entries: Iterable[LedgerEntry],
    policy: Policy,
    names: Mapping[str, str],
) -> RewardList:
    """The list for ``period`` from its money entries; ``budget_entries``: those of the
    budget's period (a year, usually), to show what is left of it."""
    entries = list(entries)
    budget = policy.money.budget
    window = budget_period(period, policy)
    paid = balance(budget_entries)[1] if window else ZERO
    return RewardList(
        period=period,
        policy_version=policy.version,
        total=balance(entries)[1],
        budget=budget.amount if budget and window else None,
        budget_period=window,
        paid_in_budget_period=paid,
        remaining=budget.amount - paid if budget and window else None,
        units=_rows(entries, lambda e: e.unit_id, names),
        people=_rows([e for e in entries if e.person_id], lambda e: str(e.person_id), names),
    )


def budget_period(period: str, policy: Policy) -> str | None:
    """The budget's period that contains ``period`` ('2026' for '2026-11' under a yearly
    budget); None without a budget or when ``period`` is longer than the budget's."""
    budget = policy.money.budget
    if budget is None:
        return None
    window = enclosing(period, budget.per)
    return window if kind_of(window) == budget.per else None


def _rows(
    entries: list[LedgerEntry], owner: Callable[[LedgerEntry], str], names: Mapping[str, str]
) -> tuple[RewardRow, ...]:
    by_owner: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        by_owner.setdefault(owner(entry), []).append(entry)
    rows = []
    for subject_id, owned in by_owner.items():
        money = balance(owned)[1]
        if money == 0:
            continue
        lines = tuple(_line(e) for e in live_entries(owned) if e.money)
        rows.append(RewardRow(subject_id, names.get(subject_id, subject_id), owned[0].unit_id, money, lines))
    return tuple(sorted(rows, key=lambda r: (-r.money, r.subject_id)))


def _line(entry: LedgerEntry) -> RewardLine:
    return RewardLine(
        entry.entry_id,
        entry.unit_id,
        entry.person_id,
        entry.submission_id,
        entry.period,
        entry.rule,
        entry.reason,
        entry.money,
    )

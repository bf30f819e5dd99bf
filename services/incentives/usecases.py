"""Incentives use cases.

- ``apply_event``: an intake or scoring event in, ledger entries appended, one
  PointsAwarded/PointsReversed each out. Idempotency key: the incoming event_id (inbox);
  entry ids are deterministic too, so a replay appends nothing.
- ``register_unit``: UnitRegistered in, the unit's profile kept for peer groups.
- Read side: ``unit_entries``, ``unit_balance``, ``period_standings``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from services.incentives.domain import (
    NO_HISTORY,
    CapUsage,
    ItemHistory,
    LedgerEntry,
    PolicyBook,
    Standing,
    UnitProfile,
    balance,
    decide,
    fact_from_event,
    peer_grouping,
    standings,
    usage_from_entries,
)
from services.incentives.domain.periods import year_of
from services.incentives.repositories import IncentivesUnitOfWork
from shared.contracts import Event, PointsAwarded, PointsReversed, UnitRegistered

PRODUCER = "incentives"
UnitOfWorkFactory = Callable[[], IncentivesUnitOfWork]


async def apply_event(new_uow: UnitOfWorkFactory, book: PolicyBook, event: Event) -> list[LedgerEntry]:
    """Append what the policy in force says ``event`` is worth; the entries appended."""
    policy = book.at(event.occurred_at)
    fact = fact_from_event(event, policy.utc_offset_hours)
    if fact is None:
        return []
    async with new_uow() as uow:
        if not await uow.claim(event.event_id):
            return []
        submission_id = getattr(fact, "submission_id", None)
        history = (
            ItemHistory(tuple(await uow.ledger.for_submission(submission_id)))
            if submission_id else NO_HISTORY
        )
        usage = await _usage(uow, fact, history)
        appended = [e for e in decide(fact, policy, history, usage) if await uow.ledger.append(e)]
        for entry in appended:
            uow.emit(ledger_event(entry, event))
        await uow.commit()
    return appended


async def register_unit(new_uow: UnitOfWorkFactory, event: UnitRegistered) -> bool:
    """Keep the unit's class, level and place for peer groups and quotas."""
    async with new_uow() as uow:
        if not await uow.claim(event.event_id):
            return False
        await uow.units.save(
            UnitProfile(event.unit_id, event.name, event.unit_class, event.level, event.kind, event.parent_id)
        )
        await uow.commit()
    return True


@dataclass(frozen=True)
class Balance:
    unit_id: str
    period: str
    points: Decimal
    money: Decimal
    entries: int


async def unit_balance(new_uow: UnitOfWorkFactory, unit_id: str, period: str) -> Balance:
    """A unit's points and money in a period, derived from its entries."""
    async with new_uow() as uow:
        entries = await uow.ledger.for_unit(unit_id, period)
    points, money = balance(entries)
    return Balance(unit_id, period, points, money, len(entries))


async def unit_entries(
    new_uow: UnitOfWorkFactory, unit_id: str, period: str, skip: int, limit: int
) -> list[LedgerEntry]:
    """The entries behind a unit's balance, in the order they were appended."""
    async with new_uow() as uow:
        return await uow.ledger.for_unit(unit_id, period, skip=skip, limit=limit)


async def period_standings(
    new_uow: UnitOfWorkFactory, book: PolicyBook, period: str, by: str | None = None
) -> list[Standing]:
    """Every unit ranked among its peers for ``period``, from the ledger."""
    async with new_uow() as uow:
        entries = await uow.ledger.in_period(period)
        units = await uow.units.all()
    policy = book.versions[-1]
    rank_by = by or policy.ranking.by
    group_of = peer_grouping(policy, units)
    return standings(entries, [u.unit_id for u in units], period, group_of, rank_by)  # type: ignore[arg-type]


def ledger_event(entry: LedgerEntry, cause: Event) -> PointsAwarded | PointsReversed:
    """The contract event announcing ``entry``."""
    fields = dict(
        entry_id=entry.entry_id, unit_id=entry.unit_id, person_id=entry.person_id,
        submission_id=entry.submission_id, period=entry.period, points=entry.points,
        money=entry.money, rule=entry.rule, policy_version=entry.policy_version,
        cause_event_id=entry.cause_event_id, reason=entry.reason,
    )
    if entry.reverses_entry_id is not None:
        return PointsReversed.caused_by(
            cause, producer=PRODUCER, reverses_entry_id=entry.reverses_entry_id, **fields
        )
    return PointsAwarded.caused_by(cause, producer=PRODUCER, **fields)


async def _usage(uow: IncentivesUnitOfWork, fact: object, history: ItemHistory) -> CapUsage:
    unit_id, period = getattr(fact, "unit_id", None), getattr(fact, "period", None)
    if unit_id is None or period is None:
        period = history.entries[0].period if history.entries else None
    if unit_id is None or period is None:
        return usage_from_entries(())
    year = year_of(period)
    own = await uow.ledger.for_unit(unit_id, year)
    paid = [e for e in await uow.ledger.with_money(year) if e.unit_id != unit_id]
    return usage_from_entries([*own, *paid])

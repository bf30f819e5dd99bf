"""Write side: facts in, ledger entries, the totals projection and ledger events out.

Each runs inside the unit of work of the consumer's batch, which has claimed the event id
(the inbox; ``shared.messaging.batch``) and commits once for the whole batch.

- ``apply_event``: an intake or scoring event in; the fact kept, entries appended, totals
  updated and one PointsAwarded/PointsReversed per entry emitted.
  Idempotency key: the incoming event_id (inbox); entry ids are deterministic too.
- ``register_unit``: UnitRegistered in, the unit's profile kept. Key: event_id.
- ``record_quota``: QuotaSet in, the quota kept for its unit and period. Key: event_id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from services.incentives.domain import (
    NO_HISTORY,
    CapUsage,
    ItemHistory,
    LedgerEntry,
    PolicyBook,
    UnitProfile,
    decide,
    fact_from_event,
    usage_from_entries,
)
from services.incentives.domain.periods import year_of
from services.incentives.repositories import IncentivesUnitOfWork, QuotaRecord
from services.incentives.usecases.common import PRODUCER
from shared.contracts import (
    Event,
    PointsAwarded,
    PointsReversed,
    QuotaSet,
    SubmissionReceived,
    UnitRegistered,
    new_id,
)


async def apply_event(uow: IncentivesUnitOfWork, book: PolicyBook, event: Event) -> list[LedgerEntry]:
    """Append what the policy in force says ``event`` is worth; the entries appended."""
    policy = book.at(event.occurred_at)
    fact = fact_from_event(event, policy.utc_offset_hours)
    if fact is None:
        return []
    await uow.facts.keep(fact)
    if isinstance(event, SubmissionReceived):
        await uow.people.save(event.author_id, event.author_name, event.unit_id)
    submission_id = getattr(fact, "submission_id", None)
    history = (
        ItemHistory(tuple(await uow.ledger.for_submission(submission_id)))
        if submission_id
        else NO_HISTORY
    )
    usage = await _usage(uow, fact, history)
    return await record_entries(uow, decide(fact, policy, history, usage), cause=event)


async def record_entries(
    uow: IncentivesUnitOfWork,
    drafts: Iterable[LedgerEntry],
    *,
    cause: Event | None,
    at: datetime | None = None,
    correlation_id: str | None = None,
) -> list[LedgerEntry]:
    """Append ``drafts`` not yet on the ledger, count them in the totals, announce each.

    The announcements are dated with the event that caused them, else with ``at`` (the
    service clock's now): a replay dates them as the first run did."""
    appended = [entry for entry in drafts if await uow.ledger.append(entry)]
    await uow.totals.add(appended)
    await uow.usage.add(appended)
    for entry in appended:
        uow.emit(ledger_event(entry, cause, at, correlation_id))
    return appended


async def register_unit(uow: IncentivesUnitOfWork, event: UnitRegistered) -> None:
    """Keep the unit's class, level and place for peer groups and quotas."""
    profile = UnitProfile(
        event.unit_id, event.name, event.unit_class, event.level, event.kind, event.parent_id
    )
    await uow.units.save(profile, reports_to=event.reports_to)


async def record_quota(uow: IncentivesUnitOfWork, event: QuotaSet) -> None:
    """Keep the items ``event`` asks of its unit in its period (over the class quota)."""
    await uow.quotas.save(QuotaRecord(event.unit_id, event.office_id, event.period, event.items_required))


def ledger_event(
    entry: LedgerEntry, cause: Event | None, at: datetime | None = None,
    correlation_id: str | None = None,
) -> PointsAwarded | PointsReversed:
    """The contract event announcing ``entry``; without a cause event it starts a chain."""
    when = cause.occurred_at if cause is not None else at
    fields: dict[str, Any] = {"occurred_at": when} if when is not None else {}
    fields.update(
        entry_id=entry.entry_id,
        unit_id=entry.unit_id,
        person_id=entry.person_id,
        submission_id=entry.submission_id,
        period=entry.period,
        points=entry.points,
        money=entry.money,
        rule=entry.rule,
        policy_version=entry.policy_version,
        cause_event_id=entry.cause_event_id,
        reason=entry.reason,
    )
    if entry.reverses_entry_id is not None:
        fields["reverses_entry_id"] = entry.reverses_entry_id
    kind = PointsReversed if entry.reverses_entry_id is not None else PointsAwarded
    if cause is not None:
        return kind.caused_by(cause, producer=PRODUCER, **fields)
    return kind.originated(producer=PRODUCER, correlation_id=correlation_id or new_id(), **fields)


async def _usage(uow: IncentivesUnitOfWork, fact: object, history: ItemHistory) -> CapUsage:
    unit_id, period = getattr(fact, "unit_id", None), getattr(fact, "period", None)
    if unit_id is None or period is None:
        period = history.entries[0].period if history.entries else None
    if unit_id is None or period is None:
        return usage_from_entries(())
    return await uow.usage.usage(unit_id, year_of(period))

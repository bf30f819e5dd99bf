"""Replaying facts without a ledger: rebuilds, and "what if" under a draft policy.

Nothing here touches a store: the facts go through ``decide`` in the order given, with each
item's history and the cap usage kept in memory, exactly as the live service would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from services.incentives.domain.assessed import assessed_units
from services.incentives.domain.facts import Fact
from services.incentives.domain.history import CapUsage, ItemHistory, count_usage
from services.incentives.domain.ledger import LedgerEntry
from services.incentives.domain.policy import Policy, PolicyBook
from services.incentives.domain.quotas import NOTHING, PeriodCounts, close_period, period_counts
from services.incentives.domain.rules import NO_HISTORY, decide
from services.incentives.domain.standings import Standing, standings
from services.incentives.domain.units import UnitProfile, peer_grouping


def replay(facts: Iterable[Fact], policies: Policy | PolicyBook) -> list[LedgerEntry]:
    """Every entry ``facts`` produce, in the order given; each fact under the version in force.

    Like the service, the replay keeps an inbox of event ids: a redelivered fact is skipped
    even when it produced nothing the first time.
    """
    book = policies if isinstance(policies, PolicyBook) else PolicyBook([policies])
    histories: dict[str, ItemHistory] = {}
    usage = CapUsage()
    seen_events: set[str] = set()
    ledger: list[LedgerEntry] = []
    for fact in facts:
        if fact.event_id in seen_events:
            continue
        seen_events.add(fact.event_id)
        item = getattr(fact, "submission_id", None)
        history = histories.get(item, NO_HISTORY) if item else NO_HISTORY
        entries = decide(fact, book.at(fact.occurred_at), history, usage)
        if item:
            histories[item] = history.extended(entries)
        count_usage(usage, entries)
        ledger.extend(entries)
    return ledger


def what_if(
    facts: Iterable[Fact],
    draft: Policy,
    units: Sequence[UnitProfile],
    period: str,
    closing: Sequence[str] = (),
    required: Mapping[tuple[str, str], int] | None = None,
) -> list[Standing]:
    """Standings ``facts`` would give under ``draft``, closing the ``closing`` periods in order.

    The draft is judged on every fact given, whatever its ``effective_from``. ``required``
    maps (period, unit_id) to the items a QuotaSet asks of the unit, over its class quota.
    """
    entries = replay(facts, draft.model_copy(update={"effective_from": date.min}))
    scope = assessed_units(draft, units)
    usage = CapUsage()
    count_usage(usage, entries)
    for closed in closing:
        counts = _with_required(period_counts(scope.entries(entries), closed), closed, required or {})
        closing_entries = close_period(closed, scope.units, counts, draft, usage)
        count_usage(usage, closing_entries)
        entries.extend(closing_entries)
    group_of = peer_grouping(draft, scope.units)
    return standings(scope.entries(entries), scope.unit_ids, period, group_of, draft.ranking.by)


def _with_required(
    counts: dict[str, PeriodCounts], period: str, required: Mapping[tuple[str, str], int]
) -> dict[str, PeriodCounts]:
    for (quota_period, unit_id), items in required.items():
        if quota_period == period:
            counts[unit_id] = replace(counts.get(unit_id, NOTHING), required=items)
    return counts

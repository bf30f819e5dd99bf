"""What if: standings under a draft policy, replayed from the kept facts; nothing is written.

The facts of the period's year (and every fact of the items they concern) are replayed
under the draft, the periods of that year closed so far are closed again under it (with
the quotas set for them), and the result is set beside today's standings. A draft is a
draft of this office's policy: one naming another office is rejected (its units are not
the ones this service assesses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.incentives.domain import PolicyBook, PolicyError, PolicyProblem, Standing, parse_policy
from services.incentives.domain import what_if as replay_under
from services.incentives.domain.periods import year_of
from services.incentives.usecases.common import UnitOfWorkFactory
from services.incentives.usecases.reading import period_standings

_OFFICE_LINE = re.compile(r"^office_id\s*:")


@dataclass(frozen=True)
class WhatIf:
    """Standings under the draft beside those in force, unit by unit."""

    period: str
    draft_version: str
    current_version: str
    facts: int
    closed_periods: list[str]
    draft: list[Standing]
    current: dict[str, Standing]
    names: dict[str, str]


async def what_if(new_uow: UnitOfWorkFactory, book: PolicyBook, draft_text: str, period: str) -> WhatIf:
    """Standings of ``period`` under the draft in ``draft_text``; raises PolicyError (with lines)."""
    draft = parse_policy(draft_text, source="draft")
    office = book.for_period(period).office_id
    if draft.office_id != office:
        line = next((n for n, text in enumerate(draft_text.splitlines(), 1) if _OFFICE_LINE.match(text)), 0)
        message = f"the draft is for office {draft.office_id!r}; this service assesses for {office!r}"
        raise PolicyError("draft", [PolicyProblem(line, "office_id", message)])
    year = year_of(period)
    async with new_uow() as uow:
        facts = await uow.facts.for_year(year)
        units = await uow.units.all()
        closed = [c.period for c in await uow.closures.in_year(year)]
        quotas = await uow.quotas.in_year(year)
    required = {(q.period, q.unit_id): q.items_required for q in quotas}
    drafted = replay_under(facts, draft, units, period, closing=closed, required=required)
    current = await period_standings(new_uow, book, period)
    return WhatIf(
        period=period,
        draft_version=draft.version,
        current_version=current.policy_version,
        facts=len(facts),
        closed_periods=closed,
        draft=drafted,
        current={s.unit_id: s for s in current.rows},
        names=current.names,
    )

"""Incentives use cases: each opens a unit of work, calls the domain and commits.

Write side (``applying``, ``periods.close_period``), read side (``reading``, ``reports``,
``periods.quota_board``), replays (``what_if``), projection upkeep (``rebuild``) and the
standings watcher's step (``standings_watch``).
"""

from services.incentives.usecases.applying import (
    apply_event,
    ledger_event,
    record_entries,
    record_quota,
    register_unit,
)
from services.incentives.usecases.common import PRODUCER, UnitOfWorkFactory
from services.incentives.usecases.periods import (
    ClosedPeriod,
    PeriodStillOpen,
    QuotaBoard,
    close_period,
    quota_board,
)
from services.incentives.usecases.reading import (
    Balance,
    EntryPage,
    Standings,
    period_standings,
    standings_in,
    unit_balance,
    unit_entries,
    unit_parents,
)
from services.incentives.usecases.rebuild import (
    Difference,
    RebuildReport,
    rebuild_totals,
    verify_totals,
)
from services.incentives.usecases.reports import NoAssessmentRules, annual_assessment, rewards
from services.incentives.usecases.standings_watch import StandingsTick, watch_standings
from services.incentives.usecases.what_if import WhatIf, what_if

__all__ = [
    "PRODUCER",
    "Balance",
    "ClosedPeriod",
    "Difference",
    "EntryPage",
    "NoAssessmentRules",
    "PeriodStillOpen",
    "QuotaBoard",
    "RebuildReport",
    "Standings",
    "StandingsTick",
    "UnitOfWorkFactory",
    "WhatIf",
    "annual_assessment",
    "apply_event",
    "close_period",
    "ledger_event",
    "period_standings",
    "quota_board",
    "rebuild_totals",
    "record_entries",
    "record_quota",
    "register_unit",
    "rewards",
    "standings_in",
    "unit_balance",
    "unit_entries",
    "unit_parents",
    "verify_totals",
    "watch_standings",
    "what_if",
]

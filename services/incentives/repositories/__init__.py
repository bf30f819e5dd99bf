"""Incentives' repositories over the document port, bound to one unit of work.

``ledger`` (append-only entries), ``totals`` (the standings projection, kept in the same
unit of work as the ledger), ``usage`` (cap usage and money per year, kept likewise),
``facts`` (what was applied, for replays), and the records
``units``, ``quotas``, ``people`` and ``closures``; ``rank_snapshots`` (the last ranks the
standings watcher saw, per period).
"""

from __future__ import annotations

from services.incentives.repositories.facts import FactRepository
from services.incentives.repositories.ledger import LedgerRepository, Subject, period_field
from services.incentives.repositories.rank_snapshots import RankSnapshotRepository
from services.incentives.repositories.records import (
    Closure,
    ClosureRepository,
    PeopleRepository,
    QuotaRecord,
    QuotaRepository,
    UnitProfileRepository,
)
from services.incentives.repositories.totals import SUBJECTS, Cell, TotalsRepository, cells_of
from services.incentives.repositories.usage import UsageRepository
from shared.persistence import UnitOfWork


class IncentivesUnitOfWork(UnitOfWork):
    """The unit of work of incentives, with every repository bound to its transaction."""

    def bind_repositories(self) -> None:
        self.ledger = LedgerRepository(self.documents("ledger"))
        self.totals = TotalsRepository(self.documents("totals"))
        self.usage = UsageRepository(self.documents("usage"), self.ledger)
        self.facts = FactRepository(self.documents("facts"))
        self.units = UnitProfileRepository(self.documents("units"))
        self.quotas = QuotaRepository(self.documents("quotas"))
        self.people = PeopleRepository(self.documents("people"))
        self.closures = ClosureRepository(self.documents("closures"))
        self.rank_snapshots = RankSnapshotRepository(self.documents("rank_snapshots"))


__all__ = [
    "SUBJECTS",
    "Cell",
    "Closure",
    "ClosureRepository",
    "FactRepository",
    "IncentivesUnitOfWork",
    "LedgerRepository",
    "PeopleRepository",
    "QuotaRecord",
    "QuotaRepository",
    "RankSnapshotRepository",
    "Subject",
    "TotalsRepository",
    "UnitProfileRepository",
    "cells_of",
    "period_field",
]

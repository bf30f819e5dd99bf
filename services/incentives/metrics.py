"""Domain metrics of the incentives service."""

from prometheus_client import CollectorRegistry, Counter

from services.incentives.domain import LedgerEntry


class IncentivesMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.entries = Counter(
            "xinbao_ledger_entries_total", "Ledger entries appended.", ["rule", "kind"],
            registry=registry,
        )

    def record(self, entries: list[LedgerEntry]) -> None:
        for entry in entries:
            kind = "reversal" if entry.is_reversal else ("deduction" if entry.points < 0 else "award")
            self.entries.labels(rule=entry.rule, kind=kind).inc()

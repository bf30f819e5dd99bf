"""Domain metrics of the incentives service."""

from prometheus_client import CollectorRegistry, Counter, Histogram

from services.incentives.domain import LedgerEntry
from services.incentives.domain.periods import kind_of


class IncentivesMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.entries = Counter(
            "xinbao_ledger_entries_total",
            "Ledger entries appended.",
            ["rule", "kind"],
            registry=registry,
        )
        self.closes = Counter(
            "xinbao_period_closes_total",
            "Period closes run, by period kind and whether they appended.",
            ["period_kind", "outcome"],
            registry=registry,
        )
        self.what_if_seconds = Histogram(
            "xinbao_what_if_seconds",
            "Time to replay a year of facts under a draft policy.",
            registry=registry,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.standing_changes = Counter(
            "xinbao_standing_changes_total",
            "StandingChanged events emitted by the standings watcher (units whose rank moved).",
            registry=registry,
        )
        self.standings_snapshots = Counter(
            "xinbao_standings_snapshots_total",
            "Standings watcher steps, by outcome: saved, unchanged or taken by another instance.",
            ["outcome"],
            registry=registry,
        )
        self.reports = Counter(
            "xinbao_reports_total",
            "Assessment reports produced, by format.",
            ["format"],
            registry=registry,
        )

    def record(self, entries: list[LedgerEntry]) -> None:
        for entry in entries:
            kind = "reversal" if entry.is_reversal else ("deduction" if entry.points < 0 else "award")
            self.entries.labels(rule=entry.rule, kind=kind).inc()

    def closed(self, period: str, appended: list[LedgerEntry]) -> None:
        self.record(appended)
        outcome = "appended" if appended else "unchanged"
        self.closes.labels(period_kind=kind_of(period).value, outcome=outcome).inc()

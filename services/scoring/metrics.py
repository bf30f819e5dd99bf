"""Domain metrics of the scoring service."""

from prometheus_client import CollectorRegistry, Counter, Histogram

from shared.contracts import SubmissionScored


class ScoringMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.scored = Counter(
            "xinbao_scoring_items_scored_total", "Items scored.", ["band", "language"],
            registry=registry,
        )
        self.overall = Histogram(
            "xinbao_scoring_overall_score", "Overall scores given.",
            buckets=(20, 40, 50, 60, 70, 80, 90, 100), registry=registry,
        )

    def record(self, scored: SubmissionScored) -> None:
        self.scored.labels(band=scored.band, language=scored.language).inc()
        self.overall.observe(scored.overall)

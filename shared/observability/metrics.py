"""Metrics every service exposes, on the service's own registry (served at ``/metrics``)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class ServiceMetrics:
    """Plumbing metrics common to all services; services add domain metrics to ``registry``."""

    def __init__(self, service: str, registry: CollectorRegistry) -> None:
        self.service = service
        self.registry = registry
        self.dead_lettered = Counter(
            "xinbao_dead_lettered_total",
            "Messages sent to a dead-letter topic.",
            ["topic", "error"],
            registry=registry,
        )
        self.retries = Counter(
            "xinbao_consumer_retries_total", "Failed attempts that were retried.", ["topic"],
            registry=registry,
        )
        self.skipped_unknown = Counter(
            "xinbao_unknown_events_skipped_total",
            "Events of a type this service does not know, skipped.",
            ["topic"],
            registry=registry,
        )
        self.processed = Counter(
            "xinbao_events_processed_total", "Events applied to state.", ["type"],
            registry=registry,
        )
        self.duplicates = Counter(
            "xinbao_duplicate_events_total",
            "Redelivered events recognised by the inbox and ignored.",
            ["type"],
            registry=registry,
        )
        self.batch_size = Histogram(
            "xinbao_consumer_batch_records",
            "Records per batch a consumer fetched and applied in one transaction.",
            ["topic"],
            registry=registry,
            buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000),
        )
        self.batch_splits = Counter(
            "xinbao_consumer_batch_splits_total",
            "Failed batches split in two to isolate the failing event.",
            ["topic"],
            registry=registry,
        )
        self.outbox_published = Counter(
            "xinbao_outbox_published_total", "Events published by the outbox relay.",
            registry=registry,
        )
        self.outbox_lag = Gauge(
            "xinbao_outbox_pending", "Outbox rows not yet published (last seen).",
            registry=registry,
        )
        self.publish_latency = Histogram(
            "xinbao_outbox_publish_delay_seconds",
            "Time from an event's commit to its publication.",
            registry=registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )


def new_registry() -> CollectorRegistry:
    """A fresh registry, so that several apps in one test process do not collide."""
    return CollectorRegistry(auto_describe=True)

"""The Kafka broker factory every service uses."""

from __future__ import annotations

import logging

from faststream.kafka import KafkaBroker
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import CollectorRegistry

from shared.messaging.dead_letter import DeadLetterPolicy
from shared.messaging.settings import KafkaSettings
from shared.observability.metrics import ServiceMetrics


def make_broker(
    settings: KafkaSettings,
    *,
    service: str,
    registry: CollectorRegistry,
    metrics: ServiceMetrics,
) -> KafkaBroker:
    """A broker with idempotent, fully acknowledged producers, Prometheus metrics and DLQs.

    Subscribers must still be declared with ``group_id`` and an explicit ``ack_policy``;
    :func:`shared.messaging.subscriber_options` gives the standard ones.
    """
    dead_letters = DeadLetterPolicy(settings, group=service, metrics=metrics)
    broker = KafkaBroker(
        settings.bootstrap,
        client_id=f"{settings.client_id}-{service}",
        enable_idempotence=True,
        acks="all",
        # per-message "Received/Processed" lines at DEBUG, through our JSON root handler
        logger=logging.getLogger(f"xinbao.{service}.broker"),
        log_level=logging.DEBUG,
        middlewares=(
            KafkaPrometheusMiddleware(registry=registry, app_name=service),
            dead_letters,
        ),
    )
    dead_letters.broker = broker
    return broker

"""Observability: Prometheus metrics and JSON logs with correlation ids."""

from shared.observability.logs import (
    JsonFormatter,
    configure_logging,
    correlation_id_var,
    event_context,
    event_id_var,
)
from shared.observability.metrics import ServiceMetrics, new_registry

__all__ = [
    "JsonFormatter",
    "ServiceMetrics",
    "configure_logging",
    "correlation_id_var",
    "event_context",
    "event_id_var",
    "new_registry",
]

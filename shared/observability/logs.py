"""JSON logs, one object per line, carrying event and correlation ids when known."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from typing import Any

correlation_id_var: ContextVar[str | None] = ContextVar("correlation_id", default=None)
event_id_var: ContextVar[str | None] = ContextVar("event_id", default=None)

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats records as JSON with the service name and the current ids."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ("correlation_id", "event_id"):
            value = getattr(record, key, None) or _var(key)
            if value:
                entry[key] = value
        entry.update(
            {k: v for k, v in record.__dict__.items() if k not in _STANDARD and k not in entry}
        )
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _var(key: str) -> str | None:
    return correlation_id_var.get() if key == "correlation_id" else event_id_var.get()


def configure_logging(service: str, level: str = "INFO") -> None:
    """Route the root logger to stderr as JSON lines; call once from a service's main."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "pymongo", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class event_context:
    """Within the block, log lines carry ``event``'s event and correlation ids."""

    def __init__(self, event: Any) -> None:
        self.event = event

    def __enter__(self) -> None:
        self._tokens = (
            correlation_id_var.set(getattr(self.event, "correlation_id", None)),
            event_id_var.set(getattr(self.event, "event_id", None)),
        )

    def __exit__(self, *exc: object) -> None:
        correlation_id_var.reset(self._tokens[0])
        event_id_var.reset(self._tokens[1])

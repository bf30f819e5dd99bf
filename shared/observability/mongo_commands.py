"""MongoDB commands a service sends, counted per command and collection (``/metrics``).

A PyMongo command listener: ``xinbao_mongo_commands_total{command, collection}`` and
``xinbao_mongo_command_seconds{command}``. It answers the first question about a slow
pipeline (how many round trips does one item cost, and to which collections?) without a
profiler on the database; ``bench/throughput.py`` divides the counts by the items it sent.

The client is made before the service's registry exists, so the listener counts into a
registry once :meth:`MongoCommandMetrics.bind` is called and drops events until then.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from pymongo import monitoring

_NO_COLLECTION = ""
_SESSION_COMMANDS = frozenset({"commitTransaction", "abortTransaction", "endSessions", "ping", "hello"})


def collection_of(command_name: str, command: Any) -> str:
    """The collection a command names (``{"insert": "outbox", ...}``), or ``""``."""
    if command_name in _SESSION_COMMANDS:
        return _NO_COLLECTION
    try:
        target = command.get(command_name)
    except AttributeError:
        return _NO_COLLECTION
    return target if isinstance(target, str) else _NO_COLLECTION


class MongoCommandMetrics(monitoring.CommandListener):
    """Counts every command the client sends; bound to a registry after the fact."""

    def __init__(self) -> None:
        self._commands: Counter | None = None
        self._seconds: Histogram | None = None
        self._pending: dict[tuple[int, int], tuple[str, str]] = {}

    def bind(self, registry: CollectorRegistry) -> None:
        self._commands = Counter(
            "xinbao_mongo_commands_total",
            "MongoDB commands sent, by command and collection (failed ones included).",
            ["command", "collection"],
            registry=registry,
        )
        self._seconds = Histogram(
            "xinbao_mongo_command_seconds",
            "Time from sending a MongoDB command to its reply.",
            ["command"],
            registry=registry,
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
        )

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if self._commands is None:
            return
        key = (event.request_id, event.operation_id or 0)
        self._pending[key] = (event.command_name, collection_of(event.command_name, event.command))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        self._finish(event)

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._finish(event)

    def _finish(self, event: monitoring.CommandSucceededEvent | monitoring.CommandFailedEvent) -> None:
        named = self._pending.pop((event.request_id, event.operation_id or 0), None)
        if named is None or self._commands is None or self._seconds is None:
            return
        command, collection = named
        self._commands.labels(command, collection).inc()
        self._seconds.labels(command).observe(event.duration_micros / 1e6)

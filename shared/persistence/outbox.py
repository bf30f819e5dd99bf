"""Outbox records and the relay that publishes them.

The relay reads rows the unit of work committed, publishes them in commit order and marks
them published. Several instances of a service may run relays over one database: a lease
keeps them from publishing the same rows at once (a crash between publish and mark
republishes, which consumers absorb by ``event_id``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.contracts.envelope import Event, utcnow
from shared.contracts.registry import topic_for
from shared.observability.metrics import ServiceMetrics

log = logging.getLogger("xinbao.outbox")


@dataclass(frozen=True)
class OutboxRecord:
    """An event waiting in the outbox, ready to publish as it stands."""

    record_id: Any
    event_id: str
    topic: str
    key: str
    event_type: str
    correlation_id: str
    payload: dict[str, Any]
    created_at: datetime

    @classmethod
    def of(cls, event: Event, record_id: Any = None, topic: str | None = None) -> OutboxRecord:
        """The outbox row for ``event``, on its contract topic unless ``topic`` is given."""
        return cls(
            record_id=record_id,
            event_id=event.event_id,
            topic=topic or topic_for(event),
            key=event.partition_key(),
            event_type=event.type,
            correlation_id=event.correlation_id,
            payload=event.model_dump(mode="json"),
            created_at=utcnow(),
        )


class OutboxStore(ABC):
    """Port: the outbox rows of one service's database."""

    @abstractmethod
    async def lease_pending(self, owner: str, limit: int, lease_seconds: float) -> list[OutboxRecord]:
        """Unpublished rows in commit order, leased to ``owner`` for a while."""

    @abstractmethod
    async def mark_published(self, records: list[OutboxRecord]) -> None:
        """Record that these rows were published."""

    @abstractmethod
    async def count_pending(self) -> int:
        """How many rows wait for publication."""


Publish = Callable[[OutboxRecord], Awaitable[None]]


class OutboxRelay:
    """Publishes committed outbox rows; woken after each commit, polling as a fallback."""

    def __init__(
        self,
        store: OutboxStore,
        publish: Publish,
        metrics: ServiceMetrics,
        *,
        owner: str,
        poll_seconds: float = 0.5,
        batch: int = 200,
        lease_seconds: float = 30.0,
    ) -> None:
        self.store = store
        self.publish = publish
        self.metrics = metrics
        self.owner = owner
        self.poll_seconds = poll_seconds
        self.batch = batch
        self.lease_seconds = lease_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Ask the relay to look at the outbox now (called after a commit)."""
        self._wake.set()

    async def publish_pending(self) -> int:
        """Publish what is pending now, in order; returns how many rows were published."""
        total = 0
        while True:
            records = await self.store.lease_pending(self.owner, self.batch, self.lease_seconds)
            if not records:
                return total
            for record in records:
                await self.publish(record)
                self.metrics.publish_latency.observe(
                    max(0.0, (utcnow() - record.created_at).total_seconds())
                )
            await self.store.mark_published(records)
            self.metrics.outbox_published.inc(len(records))
            total += len(records)

    async def run(self) -> None:
        """Publish forever; errors are logged and retried after the poll interval."""
        while True:
            self._wake.clear()
            try:
                await self.publish_pending()
                self.metrics.outbox_lag.set(await self.store.count_pending())
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)

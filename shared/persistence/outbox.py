"""Outbox records and the relay that publishes them.

The relay reads rows the unit of work committed, publishes them in commit order and marks
them published. Several instances of a service may run relays over one database: a lease
lets one of them publish at a time, so they never publish the same rows at once and the
rows go out in commit order (a crash between publish and mark republishes, which
consumers absorb by ``event_id``).

It publishes in batches: every row of a lease (up to ``batch``) is handed to the producer
before the first acknowledgement is awaited, so the producer pipelines them (one round
trip per partition batch, not per event), and the lease is marked published with one
write. The producer keeps one request in flight per partition and is idempotent, so the
order per key holds. When a send fails, the rows acknowledged before it are marked and the
failed row and all after it stay pending, to be sent again in order on the next round.
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
        """Unpublished rows in commit order if ``owner`` holds the relay lease, taking it
        when it is free and extending it by ``lease_seconds``; none while another holds it."""

    async def release(self, owner: str) -> None:
        """Give up the relay lease now (a clean stop), so another relay need not wait."""

    @abstractmethod
    async def mark_published(self, records: list[OutboxRecord]) -> None:
        """Record that these rows were published."""

    @abstractmethod
    async def count_pending(self) -> int:
        """How many rows wait for publication."""


Send = Callable[[OutboxRecord], Awaitable[Awaitable[object]]]
"""Hand one row to the producer; the awaitable returned completes when the broker has it."""


class OutboxRelay:
    """Publishes committed outbox rows; woken after each commit, polling as a fallback."""

    def __init__(
        self,
        store: OutboxStore,
        send: Send,
        metrics: ServiceMetrics,
        *,
        owner: str,
        poll_seconds: float = 0.5,
        batch: int = 200,
        lease_seconds: float = 10.0,
    ) -> None:
        self.store = store
        self.send = send
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
            total += await self._publish_batch(records)

    async def _publish_batch(self, records: list[OutboxRecord]) -> int:
        """Send every row, await the acknowledgements, mark the acknowledged prefix."""
        acks: list[Awaitable[object]] = []
        failure: BaseException | None = None
        for record in records:
            try:
                acks.append(await self.send(record))
            except Exception as error:
                failure = error
                break
        outcomes = await asyncio.gather(*acks, return_exceptions=True)
        for n, outcome in enumerate(outcomes):
            if isinstance(outcome, BaseException):
                failure, acks = outcome, acks[:n]
                break
        published = records[: len(acks)]
        if published:
            await self.store.mark_published(published)
            self.metrics.outbox_published.inc(len(published))
            now = utcnow()
            for record in published:
                self.metrics.publish_latency.observe(max(0.0, (now - record.created_at).total_seconds()))
        if failure is not None:
            raise failure
        return len(published)

    async def run(self) -> None:
        """Publish forever; errors are logged and retried after the poll interval. Cancelled
        (the service stops), it releases the relay lease."""
        try:
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
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.store.release(self.owner), timeout=2.0)

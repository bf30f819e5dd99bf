"""Batch consumers: what the broker has, applied in one transaction, with the per-message
guarantees (inbox, outbox, dead-lettering, order per key).

The batch boundary is the broker's fetch. :func:`subscribe_batches` declares a FastStream
batch subscriber (``batch=True``): each call hands over what one ``getmany`` returned, up
to ``max_records`` records from the partitions this group member owns, in offset order
per partition. :class:`BatchConsumer` then

1. parses every record before any transaction: undecodable or invalid records go to
   ``<topic>.dlq`` with the reason, events of a type this service does not know are
   skipped and counted, events it has no step for are passed over;
2. applies the rest in ONE unit of work: claims every event id in the inbox at once (an
   id seen before, or twice in the batch, is skipped and counted as a duplicate), tells the
   unit of work the fresh events (:meth:`~shared.persistence.UnitOfWork.prefetch`: it reads
   the documents they will need in one query per collection), runs the service's step for
   each fresh event in order (state changes, outbox rows), commits;
3. returns, and only then does FastStream commit the consumer's offsets (the position
   after the batch; ``AckPolicy.NACK_ON_ERROR``). A crash between the commit and the
   offset commit redelivers the batch whole, and the inbox recognises every id in it.

Failures while applying:

- the database or the broker is down, or a write conflict: the same events are retried
  with back-off for as long as it lasts; nothing after them runs, so order holds;
- anything else aborts the whole transaction, so the events are split in two halves,
  applied left then right (order per partition, hence per key, is kept); a single event
  that still fails is settled as a per-message subscriber settles it
  (:meth:`~shared.messaging.DeadLetterPolicy.settle`): dead-lettered at once when the
  message is at fault (``PermanentError``, validation), else retried up to
  ``max_attempts`` and then dead-lettered. A poison event costs about 2·log2(batch) extra
  transactions and never stalls its partition; the events around it are applied.

A step must do nothing outside its unit of work: a split re-runs it.

The batch subscribers of one broker (one service process, one subscriber per topic) apply
their transactions one at a time (:func:`writer_lock`). They update the same documents (an
incentives unit's totals from received items and from scores), and run concurrently they
hit write conflicts: measured with ``bench/throughput.py``, incentives retried its batches
again and again and fell minutes behind. Instances of a service still run side by side;
a conflict between them is retried as above.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pydantic
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage

from shared.contracts.envelope import Event
from shared.messaging.dead_letter import DeadLetterPolicy
from shared.messaging.errors import is_infrastructure
from shared.observability.logs import event_context
from shared.persistence.unit_of_work import UnitOfWork

log = logging.getLogger("xinbao.messaging")

U = TypeVar("U", bound=UnitOfWork)
E = TypeVar("E", bound=Event)
R = TypeVar("R")

Step = Callable[[U, E], Awaitable[R]]
"""Apply one fresh event inside the batch's unit of work (its id is already claimed)."""

Record = Any
"""A consumed record as aiokafka gives it: ``topic``, ``partition``, ``offset``, ``key``, ``value``."""


@dataclass(frozen=True)
class Delivery(Generic[U, E, R]):
    """A parsed record and the step that applies it."""

    record: Record
    event: E
    step: Step[U, E, R]


class BatchConsumer(Generic[U, E, R]):
    """Applies broker batches of one topic in one unit of work each (see the module doc).

    ``route`` picks the step for an event (None: not for this service); ``applied`` is
    called with the steps' results after each commit (metrics)."""

    def __init__(
        self,
        *,
        events: pydantic.TypeAdapter[E],
        new_uow: Callable[[], U],
        route: Callable[[E], Step[U, E, R] | None],
        dead_letters: DeadLetterPolicy,
        applied: Callable[[list[R]], None] | None = None,
        writer: asyncio.Lock | None = None,
    ) -> None:
        self.writer = writer or asyncio.Lock()
        self.events = events
        self.new_uow = new_uow
        self.route = route
        self.dead_letters = dead_letters
        self.applied = applied
        self.metrics = dead_letters.metrics

    async def consume(self, records: Sequence[Record]) -> None:
        """Apply one broker batch; returns once every record is applied or settled."""
        if records:
            self.metrics.batch_size.labels(topic=records[0].topic).observe(len(records))
        deliveries = []
        for record in records:
            delivery = await self._parse(record)
            if delivery is not None:
                deliveries.append(delivery)
        await self._apply(deliveries)

    async def _parse(self, record: Record) -> Delivery[U, E, R] | None:
        try:
            event = self.events.validate_json(record.value or b"")
        except pydantic.ValidationError as error:
            await self.dead_letters.settle(record, error, attempt=1)
            return None
        step = self.route(event)
        return Delivery(record, event, step) if step is not None else None

    async def _apply(self, deliveries: list[Delivery[U, E, R]]) -> None:
        attempt = 0
        while deliveries:
            attempt += 1
            try:
                async with self.writer:
                    await self._transaction(deliveries)
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if is_infrastructure(error):
                    await self.dead_letters.wait_to_retry(deliveries[0].record.topic, attempt, error)
                elif len(deliveries) > 1:
                    await self._split(deliveries, error)
                    return
                elif await self.dead_letters.settle(deliveries[0].record, error, attempt):
                    return

    async def _split(self, deliveries: list[Delivery[U, E, R]], error: Exception) -> None:
        topic = deliveries[0].record.topic
        self.metrics.batch_splits.labels(topic=topic).inc()
        log.info(
            "batch failed, applying it in halves",
            extra={"topic": topic, "events": len(deliveries), "error": repr(error)[:300]},
        )
        half = len(deliveries) // 2
        await self._apply(deliveries[:half])
        await self._apply(deliveries[half:])

    async def _transaction(self, deliveries: list[Delivery[U, E, R]]) -> None:
        results: list[R] = []
        applied: Counter[str] = Counter()
        duplicates: Counter[str] = Counter()
        async with self.new_uow() as uow:
            fresh = await uow.claim_many([d.event.event_id for d in deliveries])
            ahead = {d.event.event_id: d.event for d in deliveries if d.event.event_id in fresh}
            await uow.prefetch(list(ahead.values()))
            for delivery in deliveries:
                event = delivery.event
                if event.event_id not in fresh:
                    duplicates[event.type] += 1
                    continue
                fresh.discard(event.event_id)
                with event_context(event):
                    results.append(await delivery.step(uow, event))
                applied[event.type] += 1
            if applied:
                await uow.commit()
        self._count(applied, duplicates)
        if self.applied is not None:
            self.applied(results)

    def _count(self, applied: Counter[str], duplicates: Counter[str]) -> None:
        for kind, n in applied.items():
            self.metrics.processed.labels(type=kind).inc(n)
        for kind, n in duplicates.items():
            self.metrics.duplicates.labels(type=kind).inc(n)


async def _records(message: StreamMessage[Any]) -> list[Record]:
    """The decoder of batch subscribers: the raw records, parsed one by one later, so that
    one undecodable record cannot fail the decoding of its whole batch."""
    raw = message.raw_message
    return list(raw) if isinstance(raw, list | tuple) else [raw]


_WRITERS: weakref.WeakKeyDictionary[KafkaBroker, asyncio.Lock] = weakref.WeakKeyDictionary()


def writer_lock(broker: KafkaBroker) -> asyncio.Lock:
    """The lock the batch subscribers of ``broker`` hold while they apply a batch."""
    if broker not in _WRITERS:
        _WRITERS[broker] = asyncio.Lock()
    return _WRITERS[broker]


def subscribe_batches(
    broker: KafkaBroker,
    topic: str,
    *,
    group: str,
    events: Any,
    new_uow: Callable[[], U],
    route: Callable[[E], Step[U, E, R] | None],
    applied: Callable[[list[R]], None] | None = None,
) -> BatchConsumer[U, E, R]:
    """Declare the batch subscriber of ``group`` on ``topic``; ``events`` is the topic's
    event union (e.g. ``SubmissionEvent``). Offsets are committed after each batch is
    applied and redelivered from the batch's first record if it escapes with an error."""
    dead_letters = DeadLetterPolicy.installed_on(broker)
    consumer: BatchConsumer[U, E, R] = BatchConsumer(
        events=pydantic.TypeAdapter(events),
        new_uow=new_uow,
        route=route,
        dead_letters=dead_letters,
        applied=applied,
        writer=writer_lock(broker),
    )
    settings = dead_letters.settings

    @broker.subscriber(
        topic,
        group_id=group,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        batch=True,
        max_records=settings.batch_max_records,
        batch_timeout_ms=settings.batch_timeout_ms,
        decoder=_records,
        title=f"{group}:{topic}",
    )
    async def consume_batch(records: list[Any]) -> None:
        await consumer.consume(records)

    return consumer

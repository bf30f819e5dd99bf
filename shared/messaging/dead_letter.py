"""Retry and dead-letter handling around every consumed message.

Installed as a broker middleware by :func:`shared.messaging.make_broker`. Permanent failures
go to ``<topic>.dlq`` (same key, original bytes, the reason in headers) and the message is
acknowledged so the partition moves on; transient failures are retried with back-off.

The middleware covers per-message subscribers; batch subscribers
(:mod:`shared.messaging.batch`) apply the same policy per event inside their batch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from faststream import BaseMiddleware
from faststream.kafka import KafkaBroker

from shared.contracts.envelope import utcnow
from shared.contracts.topics import dead_letter_topic
from shared.messaging.errors import is_infrastructure, is_permanent, is_unknown_event_type
from shared.messaging.settings import KafkaSettings
from shared.observability.metrics import ServiceMetrics

log = logging.getLogger("xinbao.messaging")


class DeadLetterPolicy:
    """Decides, per failure, between retrying, skipping and dead-lettering.

    One instance per broker; the broker is attached after it is built because the
    middleware needs it to publish to the dead-letter topics.
    """

    def __init__(self, settings: KafkaSettings, group: str, metrics: ServiceMetrics) -> None:
        self.settings = settings
        self.group = group
        self.metrics = metrics
        self.broker: KafkaBroker | None = None

    @classmethod
    def installed_on(cls, broker: KafkaBroker) -> DeadLetterPolicy:
        """The policy :func:`shared.messaging.make_broker` installed on ``broker``."""
        for middleware in broker.middlewares:
            if isinstance(middleware, cls):
                return middleware
        raise LookupError("this broker has no DeadLetterPolicy: build it with make_broker")

    def __call__(self, msg: Any, /, *, context: Any) -> _DeadLetterMiddleware:
        return _DeadLetterMiddleware(msg, context=context, policy=self)

    def backoff(self, attempt: int) -> float:
        """Exponential back-off, capped."""
        delay = self.settings.retry_base_seconds * (2 ** (attempt - 1))
        return float(min(delay, self.settings.retry_max_seconds))

    async def settle(self, record: Any, error: Exception, attempt: int) -> bool:
        """After ``attempt`` failed on ``record``: True when it is settled (skipped or
        dead-lettered, the partition moves on), False after the back-off before a retry."""
        if is_unknown_event_type(error):
            self.metrics.skipped_unknown.labels(topic=record.topic).inc()
            log.info("skipped an event type this service does not know", extra={"topic": record.topic})
            return True
        if is_permanent(error):
            await self.dead_letter(record, f"invalid message: {error}", error)
            return True
        if not is_infrastructure(error) and attempt >= self.settings.max_attempts:
            await self.dead_letter(record, f"retries exhausted: {error!r}", error)
            return True
        await self.wait_to_retry(record.topic, attempt, error)
        return False

    async def wait_to_retry(self, topic: str, attempt: int, error: Exception) -> None:
        """Count the retry, log it and sleep the back-off of ``attempt``."""
        self.metrics.retries.labels(topic=topic).inc()
        log.warning(
            "processing failed, retrying", extra={"topic": topic, "attempt": attempt}, exc_info=error
        )
        await asyncio.sleep(self.backoff(attempt))

    async def dead_letter(self, record: Any, reason: str, error: BaseException) -> None:
        """Publish the original message to its topic's DLQ with the reason."""
        assert self.broker is not None, "DeadLetterPolicy.broker must be set"
        topic = record.topic
        headers = {
            "x-dlq-reason": reason[:1000],
            "x-dlq-error-type": type(error).__name__,
            "x-dlq-source-topic": topic,
            "x-dlq-source-partition": str(record.partition),
            "x-dlq-source-offset": str(record.offset),
            "x-dlq-consumer-group": self.group,
            "x-dlq-failed-at": utcnow().isoformat(),
        }
        await self.broker.publish(
            record.value, topic=dead_letter_topic(topic), key=record.key, headers=headers
        )
        self.metrics.dead_lettered.labels(topic=topic, error=type(error).__name__).inc()
        log.warning(
            "message dead-lettered",
            extra={"topic": topic, "offset": record.offset, "reason": reason[:300]},
        )


class _DeadLetterMiddleware(BaseMiddleware):
    def __init__(self, msg: Any, /, *, context: Any, policy: DeadLetterPolicy) -> None:
        super().__init__(msg, context=context)
        self.policy = policy

    async def consume_scope(self, call_next: Callable[[Any], Awaitable[Any]], msg: Any) -> Any:
        record = msg.raw_message
        if isinstance(record, list | tuple) or record.topic.endswith(".dlq"):
            # batch subscribers handle their own failures; a DLQ reader must not feed a DLQ
            return await call_next(msg)
        attempt = 0
        while True:
            attempt += 1
            try:
                return await call_next(msg)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if await self.policy.settle(record, error, attempt):
                    return None

"""Kafka plumbing: the broker factory, batch and per-message subscribers, retry and
dead-lettering.

Consumers that change state subscribe with :func:`subscribe_batches` (a broker batch per
transaction, :mod:`shared.messaging.batch`). :func:`subscriber_options` is for the
per-message subscribers left where a batch cannot apply: request-reply (one answer per
request) and followers that keep no state in the database.
"""

from typing import Any

from faststream import AckPolicy

from shared.messaging.batch import BatchConsumer, Step, subscribe_batches
from shared.messaging.broker import make_broker
from shared.messaging.dead_letter import DeadLetterPolicy
from shared.messaging.errors import PermanentError
from shared.messaging.settings import KafkaSettings


def subscriber_options(group: str) -> dict[str, Any]:
    """Per-message subscriber options: a consumer group, commit after processing, start early.

    ``NACK_ON_ERROR`` seeks back on an escaped error so the message is redelivered
    (at-least-once); the dead-letter middleware makes escapes rare.
    """
    return {
        "group_id": group,
        "ack_policy": AckPolicy.NACK_ON_ERROR,
        "auto_offset_reset": "earliest",
    }


__all__ = [
    "BatchConsumer",
    "DeadLetterPolicy",
    "KafkaSettings",
    "PermanentError",
    "Step",
    "make_broker",
    "subscribe_batches",
    "subscriber_options",
]

"""Kafka plumbing: the broker factory, subscriber defaults, retry and dead-lettering."""

from typing import Any

from faststream import AckPolicy

from shared.messaging.broker import make_broker
from shared.messaging.dead_letter import DeadLetterPolicy
from shared.messaging.errors import PermanentError
from shared.messaging.settings import KafkaSettings


def subscriber_options(group: str) -> dict[str, Any]:
    """Standard subscriber options: a consumer group, commit after processing, start early.

    ``NACK_ON_ERROR`` seeks back on an escaped error so the message is redelivered
    (at-least-once); the dead-letter middleware makes escapes rare.
    """
    return {
        "group_id": group,
        "ack_policy": AckPolicy.NACK_ON_ERROR,
        "auto_offset_reset": "earliest",
    }


__all__ = [
    "DeadLetterPolicy",
    "KafkaSettings",
    "PermanentError",
    "make_broker",
    "subscriber_options",
]

"""The envelope every event carries, and the helpers that make new events.

Events are flat pydantic models: the envelope fields below plus the event's own data.
``type`` is the stable wire name of the event (never a Python import path) and
``schema_version`` its version; consumers ignore types they do not know.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A new random identifier (UUID4, 32 hex characters)."""
    return uuid.uuid4().hex


class Event(BaseModel):
    """Base of every event on the wire: the envelope.

    ``event_id`` is the idempotency key downstream: a consumer that has seen it does nothing.
    ``correlation_id`` follows one user action across all services; ``causation_id`` names
    the event that directly caused this one.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", use_enum_values=True)

    key_field: ClassVar[str] = "submission_id"

    event_id: str = Field(
        default_factory=new_id,
        description="Unique id of this event; the idempotency key for consumers.",
    )
    type: str = Field(description="Stable wire name of the event type, e.g. 'SubmissionReceived'.")
    schema_version: int = Field(default=1, description="Version of this event type's schema.")
    occurred_at: AwareDatetime = Field(
        default_factory=utcnow, description="When the fact happened (UTC, ISO 8601)."
    )
    producer: str = Field(description="Service that produced the event, e.g. 'intake'.")
    correlation_id: str = Field(
        description="Id shared by every event that stems from one user action or request."
    )
    causation_id: str | None = Field(
        default=None, description="event_id of the event that caused this one, if any."
    )

    def partition_key(self) -> str:
        """The Kafka message key: all events of one entity share it, so their order holds."""
        return str(getattr(self, self.key_field))

    @classmethod
    def caused_by(cls, cause: Event, *, producer: str, **data: Any) -> Self:
        """A new event caused by ``cause``: same correlation id, causation id = its event id."""
        return cls(
            producer=producer,
            correlation_id=cause.correlation_id,
            causation_id=cause.event_id,
            **data,
        )

    @classmethod
    def originated(cls, *, producer: str, correlation_id: str | None = None, **data: Any) -> Self:
        """A new event that starts a chain (a user action): a fresh correlation id by default."""
        return cls(producer=producer, correlation_id=correlation_id or new_id(), **data)


def submission_ids(events: Iterable[Event]) -> list[str]:
    """The items these events are about, for the events that name one (``submission_id``)."""
    return [s for s in (getattr(event, "submission_id", None) for event in events) if s]

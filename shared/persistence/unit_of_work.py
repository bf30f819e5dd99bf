"""The unit of work: one transaction over a service's state, its inbox and its outbox.

A use case opens a unit of work, claims the incoming event (the inbox: a second delivery
of the same ``event_id`` claims nothing), changes state, emits outgoing events (the
outbox) and commits. State, inbox row and outbox rows commit together or not at all, so
at-least-once delivery gives effectively-once effects and no event is lost or invented.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self

from shared.contracts.envelope import Event
from shared.persistence.documents import Documents
from shared.persistence.outbox import OutboxRecord


class UnitOfWork(ABC):
    """Port implemented by the Mongo adapter and by the in-memory fake."""

    def __init__(self) -> None:
        self._pending: list[tuple[Event, str | None]] = []
        self._committed = False

    async def __aenter__(self) -> Self:
        self._pending = []
        self._committed = False
        await self._begin()
        self.bind_repositories()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._committed:
            await self._rollback()
        await self._end()

    def bind_repositories(self) -> None:
        """Create the service's repositories over :meth:`documents`; nothing by default."""

    @abstractmethod
    def documents(self, name: str) -> Documents:
        """The collection ``name`` as seen inside this unit of work."""

    async def claim(self, event_id: str) -> bool:
        """Record ``event_id`` as processed; False if it was processed before (do nothing)."""
        return await self._claim(event_id)

    def emit(self, event: Event, topic: str | None = None) -> None:
        """Queue ``event`` for publication on its contract topic (or ``topic``, for topics
        named at run time such as an agency's feed); written to the outbox on commit."""
        self._pending.append((event, topic))

    @property
    def emitted(self) -> tuple[Event, ...]:
        """Events emitted so far in this unit of work."""
        return tuple(event for event, _ in self._pending)

    async def commit(self) -> None:
        """Write the outbox rows and make everything durable at once."""
        await self._commit([OutboxRecord.of(event, topic=topic) for event, topic in self._pending])
        self._committed = True

    @abstractmethod
    async def _begin(self) -> None: ...

    @abstractmethod
    async def _claim(self, event_id: str) -> bool: ...

    @abstractmethod
    async def _commit(self, records: list[OutboxRecord]) -> None: ...

    @abstractmethod
    async def _rollback(self) -> None: ...

    async def _end(self) -> None:
        """Release resources (sessions); nothing by default."""

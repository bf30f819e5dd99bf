"""The unit of work: one transaction over a service's state, its inbox and its outbox.

A use case opens a unit of work, claims the incoming event (the inbox: a second delivery
of the same ``event_id`` claims nothing), changes state, emits outgoing events (the
outbox) and commits. State, inbox row and outbox rows commit together or not at all, so
at-least-once delivery gives effectively-once effects and no event is lost or invented.

Consumers apply a whole broker batch in one unit of work (:mod:`shared.messaging.batch`):
``claim_many`` claims every id of the batch at once, then each fresh event's step runs in
the same transaction, and one commit makes them all durable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Self, TypeVar

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

    async def claim_many(self, event_ids: Sequence[str]) -> set[str]:
        """Record several event ids at once (a batch); the ids not processed before.

        An id that appears twice in ``event_ids`` is claimed once."""
        return await self._claim_many(list(dict.fromkeys(event_ids)))

    async def prefetch(self, events: Sequence[Event]) -> None:
        """Read ahead what applying ``events`` will read (a consumer batch calls it with the
        fresh events before their steps): one query per collection instead of one per event.
        Nothing by default; a service's unit of work overrides it with ``Documents.load``."""

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

    async def _claim_many(self, event_ids: list[str]) -> set[str]:
        """One claim per id by default; adapters override it with one round trip."""
        return {event_id for event_id in event_ids if await self._claim(event_id)}

    @abstractmethod
    async def _commit(self, records: list[OutboxRecord]) -> None: ...

    @abstractmethod
    async def _rollback(self) -> None: ...

    async def _end(self) -> None:
        """Release resources (sessions); nothing by default."""


U = TypeVar("U", bound=UnitOfWork)
R = TypeVar("R")


async def apply_once(
    new_uow: Callable[[], U], event_id: str, change: Callable[[U], Awaitable[R]]
) -> R | None:
    """``change`` in a unit of work of its own that claims ``event_id``: the per-message
    form of a batch step (:mod:`shared.messaging.batch`); None if the event was seen."""
    async with new_uow() as uow:
        if not await uow.claim(event_id):
            return None
        result = await change(uow)
        await uow.commit()
    return result

"""Wiring a service's storage: MongoDB in production, the in-memory fake in tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from pymongo.asynchronous.database import AsyncDatabase

from shared.observability.mongo_commands import MongoCommandMetrics
from shared.persistence import (
    MemoryDatabase,
    MemoryOutboxStore,
    MongoOutboxStore,
    connect,
    ensure_plumbing_indexes,
)
from shared.persistence.outbox import OutboxStore
from shared.runtime.app import Runtime, build_runtime
from shared.runtime.settings import ServiceSettings

U = TypeVar("U")
IndexSetup = Callable[[AsyncDatabase[dict[str, Any]]], Awaitable[None]]


class ServiceStorage(Generic[U]):
    """Chooses the adapters once and hands out unit-of-work factories bound to the relay.

    ``memory_uow`` and ``mongo_uow`` are the service's unit-of-work classes (subclasses of
    :class:`~shared.persistence.MemoryUnitOfWork` / :class:`~shared.persistence.MongoUnitOfWork`).
    """

    def __init__(
        self,
        settings: ServiceSettings,
        *,
        memory: MemoryDatabase | None,
        memory_uow: Callable[..., U],
        mongo_uow: Callable[..., U],
        indexes: IndexSetup | None = None,
    ) -> None:
        self.memory = memory
        self._memory_uow = memory_uow
        self._mongo_uow = mongo_uow
        self._indexes = indexes
        self.outbox: OutboxStore
        if memory is not None:
            self.outbox = MemoryOutboxStore(memory)
        else:
            self.commands = MongoCommandMetrics()
            self.client = connect(
                settings.mongo_uri, app_name=settings.instance_id or "xinbao", listeners=[self.commands]
            )
            self.db = self.client[settings.mongo_db]
            self.outbox = MongoOutboxStore(self.db)

    def attach(self, runtime: Runtime) -> Callable[[], U]:
        """Register start-up, shutdown and health hooks; return the unit-of-work factory."""
        wake = runtime.relay.wake
        if self.memory is not None:
            memory = self.memory
            return lambda: self._memory_uow(memory, on_commit=wake)
        self.commands.bind(runtime.registry)
        runtime.on_startup.append(self._prepare)
        runtime.on_shutdown.append(self.client.close)
        runtime.health_checks["mongodb"] = self._ping
        return lambda: self._mongo_uow(self.client, self.db, on_commit=wake)

    async def _prepare(self) -> None:
        await ensure_plumbing_indexes(self.db)
        if self._indexes is not None:
            await self._indexes(self.db)

    async def _ping(self) -> bool:
        await self.client.admin.command("ping")
        return True


def assemble(
    service: str,
    settings: ServiceSettings,
    *,
    memory: MemoryDatabase | None,
    memory_uow: Callable[..., U],
    mongo_uow: Callable[..., U],
    indexes: IndexSetup | None = None,
) -> tuple[Runtime, Callable[[], U]]:
    """The runtime of ``service`` and its unit-of-work factory, wired to MongoDB or memory.

    What every composition root starts with: storage chosen once, a broker, metrics and an
    outbox relay over that storage, and units of work that wake the relay on commit.
    """
    storage = ServiceStorage(
        settings, memory=memory, memory_uow=memory_uow, mongo_uow=mongo_uow, indexes=indexes
    )
    runtime = build_runtime(service, settings.kafka(), storage.outbox, instance_id=settings.instance_id)
    return runtime, storage.attach(runtime)

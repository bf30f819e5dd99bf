"""Composition root of the notify service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from services.notify import api, handlers
from services.notify.adapters import MemoryNotifyUnitOfWork, MongoNotifyUnitOfWork
from services.notify.settings import NotifySettings
from shared.persistence import MemoryDatabase
from shared.runtime import ServiceStorage, build_http_app, build_runtime

SERVICE = "notify"


async def ensure_indexes(db: AsyncDatabase[dict[str, Any]]) -> None:
    await db["notifications"].create_index([("recipient_id", 1), ("created_at", -1)])
    await db["notifications"].create_index([("submission_id", 1)])


def create_app(
    settings: NotifySettings | None = None, *, memory: MemoryDatabase | None = None, **overrides: Any
) -> FastAPI:
    """The notify app; ``memory`` swaps MongoDB for the in-memory fake (tests)."""
    settings = settings or NotifySettings(**overrides)
    storage = ServiceStorage(
        settings,
        memory=memory,
        memory_uow=MemoryNotifyUnitOfWork,
        mongo_uow=MongoNotifyUnitOfWork,
        indexes=ensure_indexes,
    )
    runtime = build_runtime(SERVICE, settings.kafka(), storage.outbox, instance_id=settings.instance_id)
    new_uow = storage.attach(runtime)
    handlers.register(runtime.broker, new_uow)
    app = build_http_app(
        runtime,
        title="Xinbao notify",
        description="Messages to authors and units, bulletins (通报) and feeds to other agencies.",
        routers=[api.router(new_uow)],
    )
    app.state.new_uow = new_uow
    return app

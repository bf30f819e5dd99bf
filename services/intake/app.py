"""Composition root of the intake service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from services.intake import api, api_workflow, handlers
from services.intake.adapters import MemoryIntakeUnitOfWork, MongoIntakeUnitOfWork
from services.intake.settings import IntakeSettings
from shared.persistence import MemoryDatabase
from shared.runtime import ServiceStorage, build_http_app, build_runtime

SERVICE = "intake"


async def ensure_indexes(db: AsyncDatabase[dict[str, Any]]) -> None:
    """Indexes for the lists editors and officers page through."""
    await db["items"].create_index([("unit_id", 1), ("submitted_at", -1)])
    await db["items"].create_index([("office_id", 1), ("state", 1), ("submitted_at", -1)])
    await db["items"].create_index([("period", 1)])
    await db["units"].create_index("parent_id")
    await db["people"].create_index("unit_id")


def create_app(
    settings: IntakeSettings | None = None, *, memory: MemoryDatabase | None = None, **overrides: Any
) -> FastAPI:
    """The intake app; ``memory`` swaps MongoDB for the in-memory fake (tests)."""
    settings = settings or IntakeSettings(**overrides)
    storage = ServiceStorage(
        settings,
        memory=memory,
        memory_uow=MemoryIntakeUnitOfWork,
        mongo_uow=MongoIntakeUnitOfWork,
        indexes=ensure_indexes,
    )
    runtime = build_runtime(SERVICE, settings.kafka(), storage.outbox, instance_id=settings.instance_id)
    new_uow = storage.attach(runtime)
    handlers.register(runtime.broker, new_uow)
    app = build_http_app(
        runtime,
        title="Xinbao intake",
        description="Information items in (政务信息报送), the org tree and the editorial workflow.",
        routers=[api.router(new_uow), api_workflow.router(new_uow)],
    )
    api.install_error_handlers(app)
    app.state.new_uow = new_uow
    return app

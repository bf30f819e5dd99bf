"""Composition root of the incentives service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from services.incentives import api, handlers
from services.incentives.adapters import MemoryIncentivesUnitOfWork, MongoIncentivesUnitOfWork
from services.incentives.domain import load_policy_book
from services.incentives.metrics import IncentivesMetrics
from services.incentives.settings import IncentivesSettings
from shared.persistence import MemoryDatabase
from shared.runtime import ServiceStorage, build_http_app, build_runtime

SERVICE = "incentives"


async def ensure_indexes(db: AsyncDatabase[dict[str, Any]]) -> None:
    """Indexes for the ledger's read paths (by item, by unit and period, by period)."""
    ledger = db["ledger"]
    await ledger.create_index([("submission_id", 1), ("seq", 1)])
    for field in ("period", "quarter", "year"):
        await ledger.create_index([("unit_id", 1), (field, 1), ("seq", 1)])
        await ledger.create_index([(field, 1), ("seq", 1)])
    await ledger.create_index([("year", 1), ("has_money", 1)])


def create_app(
    settings: IncentivesSettings | None = None,
    *,
    memory: MemoryDatabase | None = None,
    **overrides: Any,
) -> FastAPI:
    """The incentives app; ``memory`` swaps MongoDB for the in-memory fake (tests)."""
    settings = settings or IncentivesSettings(**overrides)
    storage = ServiceStorage(
        settings,
        memory=memory,
        memory_uow=MemoryIncentivesUnitOfWork,
        mongo_uow=MongoIncentivesUnitOfWork,
        indexes=ensure_indexes,
    )
    runtime = build_runtime(SERVICE, settings.kafka(), storage.outbox, instance_id=settings.instance_id)
    deps = handlers.IncentivesDeps(
        new_uow=storage.attach(runtime),
        book=load_policy_book(settings.policy_files),
        metrics=IncentivesMetrics(runtime.registry),
    )
    handlers.register(runtime.broker, deps)
    app = build_http_app(
        runtime,
        title="Xinbao incentives",
        description="The points ledger (积分台账), standings, quotas and the annual assessment.",
        routers=[api.router(deps)],
    )
    app.state.deps = deps
    return app

"""Composition root of the incentives service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from services.incentives import api, api_periods, api_reports, api_what_if, handlers
from services.incentives.adapters import MemoryIncentivesUnitOfWork, MongoIncentivesUnitOfWork
from services.incentives.domain import load_policy_book
from services.incentives.metrics import IncentivesMetrics
from services.incentives.settings import IncentivesSettings
from services.incentives.standings_watcher import StandingsWatcher
from shared.auth import TokenVerifier
from shared.auth.http import install
from shared.auth.setup import build_verifier
from shared.auth.subscriber import follow_revocations
from shared.contracts import utcnow
from shared.persistence import MemoryDatabase
from shared.runtime import assemble, build_http_app

SERVICE = "incentives"


async def ensure_indexes(db: AsyncDatabase[dict[str, Any]]) -> None:
    """Indexes for the read paths of the ledger, the totals projection, facts and quotas."""
    ledger = db["ledger"]
    await ledger.create_index([("submission_id", 1), ("seq", 1)])
    for field in ("period", "quarter", "year"):
        await ledger.create_index([("unit_id", 1), (field, 1), ("seq", 1)])
        await ledger.create_index([("person_id", 1), (field, 1)])
        await ledger.create_index([(field, 1), ("seq", 1)])
        await ledger.create_index([(field, 1), ("rule", 1)])
        await ledger.create_index([(field, 1), ("has_money", 1)])
        await db["totals"].create_index([("subject", 1), (field, 1)])
    await db["totals"].create_index([("subject", 1), ("subject_id", 1), ("period", 1)])
    await db["facts"].create_index([("year", 1)])
    await db["facts"].create_index([("submission_id", 1)])
    await db["quotas"].create_index([("period", 1)])
    await db["quotas"].create_index([("year", 1)])
    await db["closures"].create_index([("year", 1), ("closed_at", 1)])


def create_app(
    settings: IncentivesSettings | None = None,
    *,
    memory: MemoryDatabase | None = None,
    clock: Callable[[], datetime] = utcnow,
    verifier: TokenVerifier | None = None,
    **overrides: Any,
) -> FastAPI:
    """The incentives app; ``memory`` swaps MongoDB for the in-memory fake (tests), ``clock``
    the time that decides whether a period has ended (and whether a token has expired),
    ``verifier`` checks intake's access tokens (tests pass one that trusts their own key)."""
    settings = settings or IncentivesSettings(**overrides)
    verifier = verifier or build_verifier(SERVICE, settings.auth_jwks_url, settings.auth_jwks_file, clock)
    runtime, new_uow = assemble(
        SERVICE,
        settings,
        memory=memory,
        memory_uow=MemoryIncentivesUnitOfWork,
        mongo_uow=MongoIncentivesUnitOfWork,
        indexes=ensure_indexes,
    )
    deps = handlers.IncentivesDeps(
        new_uow=new_uow,
        book=load_policy_book(settings.policy_files),
        metrics=IncentivesMetrics(runtime.registry),
        clock=clock,
    )
    handlers.register(runtime.broker, deps)
    watcher = StandingsWatcher(
        new_uow, deps.book, clock, deps.metrics, tick_seconds=settings.standings_tick_seconds
    )
    if settings.standings_watch_enabled:
        runtime.on_startup.append(watcher.start)
        runtime.on_shutdown.insert(0, watcher.stop)
    follow_revocations(runtime.broker, verifier.revocations)
    app = build_http_app(
        runtime,
        title="Xinbao incentives",
        description="The points ledger (积分台账), standings, quotas, period close, the annual "
        "assessment, rewards and what-if under a draft policy.",
        routers=[
            api.router(deps),
            api_periods.router(deps),
            api_reports.router(deps),
            api_what_if.router(deps),
        ],
    )
    app.state.deps = deps
    app.state.standings_watcher = watcher
    app.state.verifier = verifier
    install(app)
    return app

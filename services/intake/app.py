"""Composition root of the intake service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from services.intake import (
    access_tokens,
    api,
    api_briefings,
    api_documents,
    api_failures,
    api_office,
    api_workflow,
    auth,
    handlers,
    hardening,
    web,
)
from services.intake.adapters import MemoryIntakeUnitOfWork, MongoIntakeUnitOfWork
from services.intake.repositories import backfill_standings
from services.intake.scheduler import DeadlineScheduler
from services.intake.settings import IntakeSettings
from services.intake.usecases import IntakeRules
from shared.auth.subscriber import follow_revocations
from shared.clock import Clock, system_clock
from shared.persistence import MemoryDatabase
from shared.runtime import assemble, build_http_app

SERVICE = "intake"


async def ensure_indexes(db: AsyncDatabase[dict[str, Any]]) -> None:
    """Indexes for the lists editors and officers page through; items stored before their
    standings were kept get them (once)."""
    await db["items"].create_index([("unit_id", 1), ("created_at", -1)])
    await db["items"].create_index([("office_id", 1), ("state", 1), ("created_at", -1)])
    await db["items"].create_index([("period", 1)])
    await db["items"].create_index([("follow_up_of", 1)])
    await db["items"].create_index([("commission_id", 1)])
    await backfill_standings(db["items"])
    await db["units"].create_index("parent_id")
    await db["deadlines"].create_index([("outcome", 1), ("due_at", 1)])
    await db["people"].create_index("unit_id")
    await db["audit"].create_index([("subject", 1), ("at", 1)])
    await db["audit"].create_index([("actor", 1), ("at", -1)])
    await db["sessions"].create_index("expires_at")


def create_app(
    settings: IntakeSettings | None = None,
    *,
    memory: MemoryDatabase | None = None,
    clock: Clock = system_clock,
    web_settings: web.WebSettings | None = None,
    **overrides: Any,
) -> FastAPI:
    """The intake app; ``memory`` swaps MongoDB for the in-memory fake, ``clock`` the
    wall clock and ``web_settings`` the pages' settings from the environment (tests)."""
    settings = settings or IntakeSettings(**overrides)
    runtime, new_uow = assemble(
        SERVICE,
        settings,
        memory=memory,
        memory_uow=MemoryIntakeUnitOfWork,
        mongo_uow=MongoIntakeUnitOfWork,
        indexes=ensure_indexes,
    )
    handlers.register(runtime.broker, new_uow)
    rules = IntakeRules(
        report_within_minutes=settings.report_within_minutes,
        urgent_report_minutes=settings.urgent_report_minutes,
        timezone=settings.timezone,
        resubmission_needs_sign_off=settings.resubmission_needs_sign_off,
    )
    scheduler = DeadlineScheduler(
        new_uow, clock, tick_seconds=settings.deadline_tick_seconds, batch=settings.deadline_batch,
        registry=runtime.registry,
    )
    if settings.scheduler_enabled:
        runtime.on_startup.append(scheduler.start)
        runtime.on_shutdown.insert(0, scheduler.stop)
    authenticator = auth.Authenticator(new_uow, settings, clock)
    follow_revocations(runtime.broker, authenticator.access.revocations)
    app = build_http_app(
        runtime,
        title="Xinbao intake",
        description="Information items in (政务信息报送), the org tree and the editorial workflow. "
        "Log in with POST /auth/login; every other route needs the token, the session cookie or "
        "the access token (the one the other services take; keys at /.well-known/jwks.json).",
        routers=[
            auth.router(),
            access_tokens.jwks_router(authenticator.access),
            api.router(new_uow, rules, authenticator.policy, clock),
            api_workflow.router(new_uow, rules, clock),
            api_office.router(new_uow, rules, clock),
            api_documents.router(new_uow, rules, settings, authenticator.policy, clock),
            api_briefings.router(new_uow, clock, zone=rules.timezone),
            api_failures.router(new_uow, clock),
            web.router(new_uow, rules, broker=runtime.broker, settings=web_settings, clock=clock),
            web.root_router(),
        ],
    )
    api.install_error_handlers(app)
    hardening.install(app, settings)
    app.state.new_uow = new_uow
    app.state.authenticator = authenticator
    app.state.settings = settings
    app.state.rules = rules
    app.state.clock = clock
    app.state.scheduler = scheduler
    return app

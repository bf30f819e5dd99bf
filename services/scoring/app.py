"""Composition root of the scoring service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from services.scoring import api, handlers, org, usecases
from services.scoring.adapters.memory import MemoryScoringUnitOfWork
from services.scoring.adapters.mongo import MongoScoringUnitOfWork, ensure_indexes
from services.scoring.domain import load_rubric
from services.scoring.metrics import ScoringMetrics
from services.scoring.settings import ScoringSettings
from shared.auth import TokenVerifier
from shared.auth.http import install
from shared.auth.setup import build_verifier
from shared.auth.subscriber import follow_revocations
from shared.clock import Clock, system_clock
from shared.persistence import MemoryDatabase
from shared.runtime import assemble, build_http_app

SERVICE = "scoring"


def create_app(
    settings: ScoringSettings | None = None,
    *,
    memory: MemoryDatabase | None = None,
    clock: Clock = system_clock,
    verifier: TokenVerifier | None = None,
    **overrides: Any,
) -> FastAPI:
    """The scoring app; tests swap MongoDB for the in-memory fake (``memory``), the wall
    clock (``clock``) and the verifier of intake's access tokens (``verifier``)."""
    settings = settings or ScoringSettings(**overrides)
    verifier = verifier or build_verifier(SERVICE, settings.auth_jwks_url, settings.auth_jwks_file, clock)
    runtime, new_uow = assemble(
        SERVICE,
        settings,
        memory=memory,
        memory_uow=MemoryScoringUnitOfWork,
        mongo_uow=MongoScoringUnitOfWork,
        indexes=ensure_indexes,
    )
    deps = handlers.ScoringDeps(
        new_uow=new_uow,
        rubric=load_rubric(settings.rubric_path),
        metrics=ScoringMetrics(runtime.registry),
        clock=clock,
        zone=settings.timezone,
    )
    handlers.register(runtime.broker, deps)
    org.register(runtime.broker, deps.new_uow)
    follow_revocations(runtime.broker, verifier.revocations)

    async def warm_up() -> None:
        # jieba's dictionary and the word weights load on first use (1-2 s): pay it at start-up
        usecases.preview(deps.rubric, "预热", "预热评分：截至11月20日共收购秋粮1.2万吨。", None)

    runtime.on_startup.append(warm_up)
    app = build_http_app(
        runtime,
        title="Xinbao scoring",
        description="Explainable quality scores of information items (政务信息质量评分).",
        routers=[api.router(deps)],
    )
    app.state.deps = deps
    app.state.verifier = verifier
    install(app)
    return app

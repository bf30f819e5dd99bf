"""Intake's web pages: server-rendered, Chinese first, for officers, editors and leaders.

``router(new_uow, rules, broker=...)`` returns the pages (all under ``/web``, static files
under ``/web/static``); the composition root includes it beside the API routers.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from faststream.kafka import KafkaBroker

from services.intake.usecases import IntakeRules, UnitOfWorkFactory
from services.intake.web import (
    pages_actions,
    pages_admin,
    pages_auth,
    pages_briefing,
    pages_items,
    pages_leader,
    pages_new,
    pages_office,
    pages_signoff,
)
from services.intake.web.context import Web, page_router
from services.intake.web.preview import Previewer, build_previewer
from services.intake.web.publications import Publications
from services.intake.web.rendering import PREFIX, STATIC_DIR, Pages
from services.intake.web.settings import WebSettings
from shared.clock import Clock, system_clock

__all__ = ["PREFIX", "STATIC_DIR", "WebSettings", "root_router", "router"]


def router(
    new_uow: UnitOfWorkFactory,
    rules: IntakeRules,
    *,
    broker: KafkaBroker | None = None,
    settings: WebSettings | None = None,
    previewer: Previewer | None = None,
    clock: Clock = system_clock,
) -> APIRouter:
    """The pages. ``broker`` (not started yet) carries draft previews to scoring by
    request-reply; ``previewer`` replaces that (tests); ``clock`` is the time
    every action is stamped with."""
    settings = settings or WebSettings()
    web = Web(
        new_uow=new_uow,
        rules=rules,
        pages=Pages(settings.web_timezone),
        previewer=previewer
        or build_previewer(
            settings.preview_transport,
            settings.preview_timeout_seconds,
            broker=broker,
            scoring_url=settings.scoring_url,
        ),
        settings=settings,
        publications=Publications(),
        clock=clock,
    )
    api = page_router(web)
    for module in (
        pages_auth,
        pages_new,
        pages_items,
        pages_actions,
        pages_office,
        pages_briefing,
        pages_leader,
        pages_admin,
        pages_signoff,
    ):
        module.routes(api, web)
    return api


def root_router() -> APIRouter:
    """The service's own address (``/``) leads to the pages, whose start asks to log in."""
    root = APIRouter(include_in_schema=False)

    @root.get("/")
    async def start() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=303)

    return root

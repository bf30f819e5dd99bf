"""Composition root of the notify service."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from services.notify import api, api_bulletins, api_feeds, api_operations, handlers, usecases
from services.notify.adapters import MemoryNotifyUnitOfWork, MongoNotifyUnitOfWork, ensure_indexes
from services.notify.adapters.email import SmtpChannel, SmtpConfig
from services.notify.adapters.http import HttpSmsChannel, WebhookChannel
from services.notify.adapters.secretbox import secret_box
from services.notify.adapters.targets import Resolve, WebhookTargets, system_resolve
from services.notify.ports import Channel, TargetCheck, Unconfigured
from services.notify.settings import NotifySettings
from services.notify.workers import Workers
from shared.auth import TokenVerifier
from shared.auth.http import install as install_auth
from shared.auth.setup import build_verifier
from shared.auth.subscriber import follow_revocations
from shared.contracts import utcnow
from shared.messaging.topics import KafkaTopics, MemoryTopics, TopicAdmin
from shared.persistence import MemoryDatabase
from shared.runtime import assemble, build_http_app

SERVICE = "notify"


def build_channels(
    settings: NotifySettings, client: httpx.AsyncClient, targets: TargetCheck
) -> dict[str, Channel]:
    """E-mail, SMS and webhooks as the settings configure them."""
    email: Channel = Unconfigured("email", "NOTIFY_SMTP_HOST")
    if settings.smtp_host:
        email = SmtpChannel(
            SmtpConfig(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_user,
                settings.smtp_password.get_secret_value(),
                settings.smtp_sender,
                settings.smtp_starttls,
                settings.smtp_timeout,
            )
        )
    sms: Channel = Unconfigured("sms", "NOTIFY_SMS_URL")
    if settings.sms_url:
        sms = HttpSmsChannel(
            client, settings.sms_url, settings.sms_token.get_secret_value(), settings.sms_timeout
        )
    return {"email": email, "sms": sms, "webhook": WebhookChannel(client, targets, settings.webhook_timeout)}


def create_app(
    settings: NotifySettings | None = None,
    *,
    memory: MemoryDatabase | None = None,
    clock: usecases.Clock = utcnow,
    verifier: TokenVerifier | None = None,
    resolve: Resolve = system_resolve,
    topics: TopicAdmin | None = None,
    **overrides: Any,
) -> FastAPI:
    """The notify app; ``memory`` swaps MongoDB for the in-memory fake, ``clock`` the time,
    ``verifier`` the trusted token keys, ``resolve`` the DNS lookup of webhook hosts and
    ``topics`` the creation of agencies' Kafka topics (tests)."""
    settings = settings or NotifySettings(**overrides)
    verifier = verifier or build_verifier(SERVICE, settings.auth_jwks_url, settings.auth_jwks_file, clock)
    runtime, new_uow = assemble(
        SERVICE,
        settings,
        memory=memory,
        memory_uow=MemoryNotifyUnitOfWork,
        mongo_uow=MongoNotifyUnitOfWork,
        indexes=ensure_indexes,
    )
    targets = WebhookTargets(settings.target_policy(), resolve)
    box = secret_box(
        settings.secrets_key.get_secret_value(),
        settings.secrets_key_file,
        settings.dev_secrets_key_file,
        ephemeral=memory is not None,
    )
    topics = topics or (MemoryTopics() if memory is not None else KafkaTopics(settings.kafka()))
    deps = usecases.Deps(new_uow, clock, settings.rules(), box=box, targets=targets, topics=topics)
    client = httpx.AsyncClient(follow_redirects=False)
    workers = Workers(
        deps,
        build_channels(settings, client, targets),
        owner=runtime.owner,
        poll_seconds=settings.dispatch_poll_seconds,
        tick_seconds=settings.scheduler_tick_seconds,
    )
    if settings.workers_enabled:
        runtime.on_startup.append(workers.start)
        runtime.on_shutdown.insert(0, workers.stop)
    runtime.on_shutdown.append(client.aclose)
    handlers.register(runtime.broker, deps)
    follow_revocations(runtime.broker, verifier.revocations)
    app = build_http_app(
        runtime,
        title="Xinbao notify",
        description="Messages to authors and units by inbox, e-mail and SMS; reminders and digests; "
        "feeds to other agencies (Kafka, signed webhooks, JSON Feed); bulletins (通报).",
        routers=[
            api.router(deps),
            api_operations.router(deps),
            api_feeds.router(deps, settings.public_url, settings.feed_page_size),
            api_bulletins.router(deps),
        ],
    )
    api.install_error_handlers(app)
    install_auth(app)
    app.state.verifier = verifier
    app.state.new_uow = deps.new_uow
    app.state.deps = deps
    app.state.workers = workers
    return app

"""Fixtures of notify's tests: the app with a settable clock, a real SMTP server and a real
HTTP receiver (both on free local ports, in this process)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.notify.app import create_app
from services.notify.tests.harness import (
    Clock,
    HttpReceiver,
    Notify,
    SmtpServer,
    local,
    start_receiver,
    start_smtp,
)
from shared.persistence import MemoryDatabase


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = start_smtp()
    try:
        yield server
    finally:
        server.controller.stop()


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    server = start_receiver()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def clock() -> Clock:
    """Wednesday 2026-11-18 10:00 in Beijing."""
    return Clock(local("2026-11-18 10:00"))


@pytest.fixture
def settings() -> dict[str, Any]:
    """Overrides for create_app; tests add channel settings before asking for ``notify``."""
    return {
        "workers_enabled": False,
        "retry_base_seconds": 30.0,
        "retry_max_attempts": 3,
        "webhook_allow_http": True,  # the test receivers speak plain HTTP
    }


@pytest.fixture
async def notify(clock: Clock, settings: dict[str, Any]) -> AsyncIterator[Notify]:
    memory = MemoryDatabase()
    app = create_app(memory=memory, clock=clock, **settings)
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://notify") as client:
            yield Notify(app, memory, client, clock)
    for hook in app.state.runtime.on_shutdown:
        await hook()

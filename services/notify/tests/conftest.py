"""Fixtures of notify's tests: the app with a settable clock, a real SMTP server and a real
HTTP receiver (both on free local ports, in this process)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from services.notify.tests.harness import (
    Clock,
    HttpReceiver,
    Notify,
    SmtpServer,
    local,
    running,
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
        "webhook_allow_http": True,  # the test receivers speak plain HTTP,
        "webhook_allowed_networks": ["127.0.0.0/8"],  # on loopback
    }


@pytest.fixture
async def notify(clock: Clock, settings: dict[str, Any]) -> AsyncIterator[Notify]:
    async with running(clock, MemoryDatabase(), **settings) as notify:
        yield notify

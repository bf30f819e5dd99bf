"""Fixtures shared by every test folder: the instant tests run at, and a real SecantusDB.

Time: no test reads the machine's calendar. A test that needs "now" takes the ``clock``
fixture (a :class:`shared.clock.SettableClock`) and derives periods from it. The instant
it starts at is ``--frozen-now`` (or ``XINBAO_FROZEN_NOW``), else :data:`DEFAULT_NOW`.
The wall clock of the test process is moved there too (time-machine, ticking) for every
in-process test, so any code path still reading ``datetime.now`` agrees with the tests'
clock; ``tests/frozen_dates.py`` runs the date-sensitive tests at the instants that
break real systems (month end in Beijing time, new year, quarter end, 29 February, a year on).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from pymongo import AsyncMongoClient

from shared.clock import SettableClock

DEFAULT_NOW = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)
"""The instant tests start at when none is given: a plain working day (12:00 in Beijing)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--frozen-now",
        default=os.environ.get("XINBAO_FROZEN_NOW") or None,
        help="ISO 8601 instant with offset: run every test as if the wall clock read this (ticking).",
    )


def _frozen_now(config: pytest.Config) -> datetime | None:
    raw = config.getoption("--frozen-now")
    if not raw:
        return None
    moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise pytest.UsageError("--frozen-now needs an offset, e.g. 2026-11-30T16:30:00Z")
    return moment


def pytest_report_header(config: pytest.Config) -> str:
    now = _frozen_now(config) or DEFAULT_NOW
    return f"xinbao: in-process tests run at {now.isoformat()} (clock fixture and wall clock, ticking)"


@pytest.fixture(scope="session")
def test_now(pytestconfig: pytest.Config) -> datetime:
    """The instant this run's tests start at (UTC)."""
    return (_frozen_now(pytestconfig) or DEFAULT_NOW).astimezone(UTC)


@pytest.fixture(autouse=True)
def _wall_clock_at_test_now(request: pytest.FixtureRequest, test_now: datetime) -> Iterator[None]:
    """In-process tests see the wall clock at the run's instant (ticking from there), so
    anything that still reads ``datetime.now`` (cookie jars, libraries) agrees with the
    services' clocks. Tests that drive real processes (``e2e``, ``browser``) keep real time:
    those processes and the browser run on the machine's clock."""
    if request.node.get_closest_marker("e2e") or request.node.get_closest_marker("browser"):
        yield
        return
    import time_machine

    with time_machine.travel(test_now, tick=True):
        yield


@pytest.fixture
def clock(test_now: datetime) -> SettableClock:
    """A clock standing at the run's instant; pass it to ``create_app(clock=...)`` and move it."""
    return SettableClock(test_now)


@pytest.fixture(scope="session")
def mongo_server_uri() -> Iterator[str]:
    """A SecantusDB server (MongoDB wire protocol, single-node replica set) in this process."""
    from secantus.server import SecantusDBServer

    server = SecantusDBServer(storage_path=":memory:", port=0)
    server.start()
    try:
        yield server.uri + "?directConnection=true"
    finally:
        server.stop()


@pytest.fixture
async def mongo_client(mongo_server_uri: str) -> AsyncIterator[AsyncMongoClient]:
    client: AsyncMongoClient = AsyncMongoClient(mongo_server_uri, tz_aware=True)
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
def database_name() -> str:
    """A fresh database name per test, so tests never see each other's documents."""
    return f"test_{uuid.uuid4().hex[:12]}"

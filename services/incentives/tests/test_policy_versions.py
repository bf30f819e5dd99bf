"""Several policy versions: each period is closed, ranked and paid under the one in force at its end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.incentives.app import create_app
from services.incentives.domain import PolicyBook, parse_policy
from services.incentives.tests.conftest import ASSESSOR, As
from services.incentives.tests.policies import TEST_POLICY_TEXT, write_policy
from shared.auth.testing import TestTokens
from shared.clock import SettableClock
from shared.persistence import MemoryDatabase

DEFAULT = TEST_POLICY_TEXT
NOVEMBER = DEFAULT.replace('version: "county-default-2026.1"', 'version: "county-2026.11"').replace(
    "effective_from: 2026-01-01", "effective_from: 2026-11-01"
)


def test_a_period_is_read_under_the_version_in_force_on_its_last_day() -> None:
    book = PolicyBook([parse_policy(DEFAULT), parse_policy(NOVEMBER)])
    assert book.for_period("2026-10").version == "county-default-2026.1"
    assert book.for_period("2026-11").version == "county-2026.11"
    assert book.for_period("2026-Q4").version == book.for_period("2026").version == "county-2026.11"
    assert book.for_period("2025").version == "county-default-2026.1"


@pytest.fixture
async def client(tmp_path: Path, clock: SettableClock) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the policy's office head (who reads rewards and assessments)."""
    default = write_policy(tmp_path, DEFAULT, "default.yaml")
    november = write_policy(tmp_path, NOVEMBER, "november.yaml")
    tokens = TestTokens(clock)
    app = create_app(
        memory=MemoryDatabase(), clock=clock, verifier=tokens.verifier("incentives"),
        policy_files=[default, november],
    )
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app)
        auth = As(tokens, ASSESSOR)
        async with httpx.AsyncClient(transport=transport, base_url="http://incentives", auth=auth) as client:
            yield client


async def test_the_service_lists_its_versions_and_applies_each_to_its_periods(
    client: httpx.AsyncClient,
) -> None:
    versions = (await client.get("/policy")).json()
    assert [(v["version"], v["effective_from"]) for v in versions] == [
        ("county-default-2026.1", "2026-01-01"),
        ("county-2026.11", "2026-11-01"),
    ]
    october = (await client.get("/rewards", params={"period": "2026-10"})).json()
    november = (await client.get("/rewards", params={"period": "2026-11"})).json()
    assert (october["policy_version"], november["policy_version"]) == (
        "county-default-2026.1",
        "county-2026.11",
    )
    assert (await client.get("/assessments/2026")).json()["policy_version"] == "county-2026.11"

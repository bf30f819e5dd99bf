"""Component fixtures: the incentives app on the in-memory store, fed through TestKafkaBroker,
trusting the tests' own token key; the people the tests call as.

The tests' units (events.py) report to the office ``dx``, whose policy (the default policy
adopted by it, policies.py) is in force: its head reads every unit, closes periods and reads
the assessment; the units it assesses are those below it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.incentives.app import create_app
from services.incentives.tests.policies import write_policy
from shared.auth.testing import TestTokens
from shared.contracts import Event, topic_for
from shared.persistence import MemoryDatabase

NOW = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)

Person = Mapping[str, Any]
OFFICE_HEAD: Person = {"subject": "dx.head", "unit": "dx", "roles": ("office_head",)}
"""Head of the office the tests' units report to: reads every one of them."""
ASSESSOR: Person = OFFICE_HEAD
"""Head of the office whose policy is in force (the same office): closes periods, reads
assessments and rewards."""
OFFICE_EDITOR: Person = {"subject": "dx.editor", "unit": "dx", "roles": ("editor",)}
"""An editor of that office: reads its units' points, but does not assess."""
CITY_HEAD: Person = {"subject": "lj.head", "unit": "lj", "roles": ("office_head",)}
"""Head of the office above ``dx``: heads an office, but not the one whose policy it is."""


class As(httpx.Auth):
    """Each request with a fresh token of ``person``, so that moving the service clock (which
    also judges expiry) never leaves a test holding a token from another time."""

    def __init__(self, tokens: TestTokens, person: Person) -> None:
        self.tokens = tokens
        self.person = person

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(self.tokens.headers(**self.person))
        yield request


@dataclass
class Incentives:
    app: Any
    memory: MemoryDatabase
    client: httpx.AsyncClient
    tokens: TestTokens
    now: list[datetime] = field(default_factory=lambda: [NOW])

    async def send(self, *events: Event) -> None:
        """Deliver each event to the service as Kafka would."""
        for event in events:
            await self.app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topic_for(event))

    def as_(self, person: Person) -> As:
        """``auth=`` for a request made as ``person`` (the client's default: OFFICE_HEAD)."""
        return As(self.tokens, person)

    async def get(self, url: str, who: Person = OFFICE_HEAD, **params: Any) -> Any:
        response = await self.client.get(url, params=params, auth=self.as_(who))
        assert response.status_code == 200, response.text
        return response.json()

    def published(self, event_type: str) -> list[dict[str, Any]]:
        """Payloads of the events of ``event_type`` in the outbox."""
        return [r.payload for r in self.memory.outbox if r.event_type == event_type]

    def table(self, name: str) -> dict[str, dict[str, Any]]:
        return self.memory.table(name)


@pytest.fixture(scope="session")
def policy_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """``policy_files`` of the tests' office policy (policies.py)."""
    return [write_policy(tmp_path_factory.mktemp("policy"))]


@pytest.fixture
async def service(policy_files: list[Path]) -> AsyncIterator[Incentives]:
    memory = MemoryDatabase()
    holder: list[datetime] = [NOW]
    tokens = TestTokens(lambda: holder[0])
    app = create_app(
        memory=memory,
        clock=lambda: holder[0],
        verifier=tokens.verifier("incentives"),
        policy_files=policy_files,
    )
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app)
        auth = As(tokens, OFFICE_HEAD)
        async with httpx.AsyncClient(transport=transport, base_url="http://incentives", auth=auth) as client:
            yield Incentives(app, memory, client, tokens, holder)

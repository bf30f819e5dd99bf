"""Component fixtures: the incentives app on the in-memory store, fed through TestKafkaBroker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.incentives.app import create_app
from shared.contracts import Event, topic_for
from shared.persistence import MemoryDatabase

NOW = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)


@dataclass
class Incentives:
    app: Any
    memory: MemoryDatabase
    client: httpx.AsyncClient
    now: list[datetime] = field(default_factory=lambda: [NOW])

    async def send(self, *events: Event) -> None:
        """Deliver each event to the service as Kafka would."""
        for event in events:
            await self.app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topic_for(event))

    async def get(self, url: str, **params: Any) -> Any:
        response = await self.client.get(url, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def published(self, event_type: str) -> list[dict[str, Any]]:
        """Payloads of the events of ``event_type`` in the outbox."""
        return [r.payload for r in self.memory.outbox if r.event_type == event_type]

    def table(self, name: str) -> dict[str, dict[str, Any]]:
        return self.memory.table(name)


@pytest.fixture
async def service() -> AsyncIterator[Incentives]:
    memory = MemoryDatabase()
    holder: list[datetime] = [NOW]
    app = create_app(memory=memory, clock=lambda: holder[0])
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://incentives") as client:
            yield Incentives(app, memory, client, holder)

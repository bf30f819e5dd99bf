"""Component fixtures: the intake app on the in-memory store, driven over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.intake.app import create_app
from shared.persistence import MemoryDatabase


@dataclass
class IntakeHarness:
    client: httpx.AsyncClient
    app: Any
    memory: MemoryDatabase

    async def published(self) -> list[dict[str, Any]]:
        """Publish the outbox and return every event payload published so far."""
        await self.app.state.runtime.relay.publish_pending()
        return [r.payload for r in self.memory.outbox]

    async def ok(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.client.request(method, url, **kwargs)
        assert response.status_code < 300, response.text
        return response.json()


ORG = [
    {"unit_id": "jn", "name": "江南省人民政府办公厅", "level": "province"},
    {"unit_id": "lj", "name": "临江市人民政府办公室", "level": "city", "parent_id": "jn"},
    {"unit_id": "dx", "name": "东溪县人民政府办公室", "level": "county", "parent_id": "lj"},
    {"unit_id": "hs", "name": "河山镇人民政府", "level": "township", "parent_id": "dx"},
]
PEOPLE = [
    {"person_id": "officer", "name": "李明", "unit_id": "hs", "roles": ["officer"]},
    {"person_id": "county-editor", "name": "王芳", "unit_id": "dx", "roles": ["editor"]},
    {"person_id": "city-editor", "name": "赵强", "unit_id": "lj", "roles": ["editor"]},
    {"person_id": "city-leader", "name": "陈市长", "unit_id": "lj", "roles": ["leader"]},
]
ITEM = {
    "unit_id": "hs", "author_id": "officer", "title": "河山镇秋粮收购进度过半",
    "body": "截至11月20日，河山镇已收购秋粮1.2万吨，占计划的56%。\n\n一是设立收购点8个。",
}


@pytest.fixture
async def intake() -> AsyncIterator[IntakeHarness]:
    memory = MemoryDatabase()
    app = create_app(memory=memory)
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
            harness = IntakeHarness(client, app, memory)
            for unit in ORG:
                await harness.ok("POST", "/units", json=unit)
            for person in PEOPLE:
                await harness.ok("POST", "/people", json=person)
            yield harness

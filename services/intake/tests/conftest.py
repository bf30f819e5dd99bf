"""Component fixtures: the intake app on the in-memory store, driven over HTTP as its users."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.intake.app import create_app
from shared.clock import SettableClock
from shared.persistence import MemoryDatabase

ADMIN_PASSWORD = "bootstrap-secret-1"
PASSWORD = "correct-horse-9"


@dataclass
class IntakeHarness:
    client: httpx.AsyncClient
    app: Any
    memory: MemoryDatabase
    clock: SettableClock
    tokens: dict[str, str] = field(default_factory=dict)

    async def published(self) -> list[dict[str, Any]]:
        """Publish the outbox and return every event payload published so far."""
        await self.app.state.runtime.relay.publish_pending()
        return [r.payload for r in self.memory.outbox]

    async def login(self, person_id: str, password: str = PASSWORD) -> str:
        if person_id not in self.tokens:
            response = await self.client.post(
                "/auth/login", json={"person_id": person_id, "password": password}
            )
            assert response.status_code == 200, response.text
            self.tokens[person_id] = response.json()["token"]
        return self.tokens[person_id]

    async def call(self, method: str, url: str, *, as_: str, **kwargs: Any) -> httpx.Response:
        """A request as ``as_`` (a person id), with that person's bearer token."""
        password = ADMIN_PASSWORD if as_ == "admin" else PASSWORD
        headers = {"Authorization": f"Bearer {await self.login(as_, password)}"}
        self.client.cookies.clear()
        return await self.client.request(method, url, headers=headers, **kwargs)

    async def ok(self, method: str, url: str, *, as_: str, **kwargs: Any) -> Any:
        response = await self.call(method, url, as_=as_, **kwargs)
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    async def refused(self, method: str, url: str, *, as_: str, status: int = 403, **kwargs: Any) -> str:
        """The request is refused with ``status``; returns the explanation."""
        response = await self.call(method, url, as_=as_, **kwargs)
        assert response.status_code == status, response.text
        return str(response.json()["detail"])


ORG = [
    {"unit_id": "jn", "name": "江南省人民政府办公厅", "level": "province"},
    {"unit_id": "lj", "name": "临江市人民政府办公室", "level": "city", "parent_id": "jn"},
    {"unit_id": "dx", "name": "东溪县人民政府办公室", "level": "county", "parent_id": "lj"},
    {"unit_id": "hs", "name": "河山镇人民政府", "level": "township", "parent_id": "dx"},
    {"unit_id": "ls", "name": "柳山镇人民政府", "level": "township", "parent_id": "dx"},
]
PEOPLE = [
    {"person_id": "officer", "name": "李明", "unit_id": "hs", "roles": ["officer"]},
    {"person_id": "head", "name": "张镇长", "unit_id": "hs", "roles": ["unit_head"]},
    {"person_id": "other-officer", "name": "周红", "unit_id": "ls", "roles": ["officer"]},
    {"person_id": "other-head", "name": "吴镇长", "unit_id": "ls", "roles": ["unit_head"]},
    {"person_id": "county-editor", "name": "王芳", "unit_id": "dx", "roles": ["editor"]},
    {"person_id": "county-head", "name": "吴浩", "unit_id": "dx", "roles": ["office_head"]},
    {"person_id": "county-leader", "name": "刘县长", "unit_id": "dx", "roles": ["leader"]},
    {"person_id": "county-admin", "name": "方宇", "unit_id": "dx", "roles": ["admin"]},
    {"person_id": "city-editor", "name": "赵强", "unit_id": "lj", "roles": ["editor"]},
    {"person_id": "city-leader", "name": "陈市长", "unit_id": "lj", "roles": ["leader"]},
    {"person_id": "province-leader", "name": "周省长", "unit_id": "jn", "roles": ["leader"]},
]
ITEM = {
    "title": "河山镇秋粮收购进度过半",
    "body": "截至11月20日，河山镇已收购秋粮1.2万吨，占计划的56%。\n\n一是设立收购点8个。",
}


@pytest.fixture
async def intake(clock: SettableClock) -> AsyncIterator[IntakeHarness]:
    memory = MemoryDatabase()
    app = create_app(
        memory=memory, clock=clock, bcrypt_rounds=4, bootstrap_admin_password=ADMIN_PASSWORD
    )
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
            harness = IntakeHarness(client, app, memory, clock)
            for unit in ORG:
                await harness.ok("POST", "/units", as_="admin", json=unit)
            for person in PEOPLE:
                await harness.ok("POST", "/people", as_="admin", json={**person, "password": PASSWORD})
            yield harness


async def submitted(intake: IntakeHarness, **changes: Any) -> str:
    """An item of 河山镇 written by its officer and signed off by its head; its id."""
    sid = (await intake.ok("POST", "/submissions", as_="officer", json={**ITEM, **changes}))["submission_id"]
    await intake.ok("POST", f"/submissions/{sid}/sign-off", as_="head")
    return str(sid)

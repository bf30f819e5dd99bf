"""The pages on the in-memory store, driven over HTTP with httpx as a browser without scripts."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from services.intake import web
from services.intake.app import create_app
from services.intake.web.csrf import HEADER
from shared.persistence import MemoryDatabase

ADMIN_PASSWORD = "web-admin-secret"
PASSWORD = "web-pass-123"
ORG = [
    {"unit_id": "lj", "name": "临江市人民政府办公室", "level": "city"},
    {"unit_id": "dx", "name": "东溪县人民政府办公室", "level": "county", "parent_id": "lj"},
    {"unit_id": "hs", "name": "河山镇人民政府", "level": "township", "parent_id": "dx"},
]
PEOPLE = [
    {"person_id": "officer", "name": "李明", "unit_id": "hs", "roles": ["officer"]},
    {"person_id": "head", "name": "张镇长", "unit_id": "hs", "roles": ["unit_head"]},
    {"person_id": "editor", "name": "王芳", "unit_id": "dx", "roles": ["editor"]},
    {"person_id": "leader", "name": "刘县长", "unit_id": "dx", "roles": ["leader"]},
]
CARD = {
    "overall": 64.0,
    "band": "fair",
    "language": "zh",
    "rubric_version": "test-1",
    "criteria": [
        {
            "criterion": "substance",
            "score": 40.0,
            "weight": 0.25,
            "explanation": "缺少数据。",
            "evidence": ["具体事实（0处）"],
            "suggestions": [{"text": "补充具体数字。", "location": "paragraph 1"}],
        }
    ],
}


class FixedPreview:
    """Answers every draft with the same card (or with nothing, like a scoring outage)."""

    def __init__(self, card: dict[str, Any] | None = CARD) -> None:
        self.card = card
        self.asked: list[tuple[str, str, str | None]] = []
        self.bearers: list[str | None] = []

    async def preview(
        self, title: str, body: str, category: str | None, bearer: str | None = None
    ) -> dict[str, Any] | None:
        self.asked.append((title, body, category))
        self.bearers.append(bearer)
        return self.card


@dataclass
class Pages:
    app: Any
    preview: FixedPreview

    def browser(self) -> httpx.AsyncClient:
        """A client with its own cookie jar, like one person's browser."""
        transport = httpx.ASGITransport(app=self.app, client=("10.9.8.7", 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://intake")

    @contextlib.asynccontextmanager
    async def as_(self, person_id: str, *, csrf: bool = True) -> AsyncIterator[httpx.AsyncClient]:
        """A browser in which ``person_id`` has logged in through the log-in form; its posts
        carry the session's CSRF token as the pages' forms do (``csrf=False``: they do not)."""
        async with self.browser() as client:
            response = await client.post(
                "/web/login", data={"username": person_id, "password": PASSWORD, "next": "/web/"}
            )
            assert response.status_code == 303, response.text
            if csrf:
                client.headers[HEADER] = await csrf_token(client)
            yield client


async def csrf_token(client: httpx.AsyncClient) -> str:
    """The CSRF token the pages give this browser's session."""
    page = await client.get("/web/", follow_redirects=True)
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)
    assert found, page.text
    return found.group(1)


@pytest.fixture
async def pages() -> AsyncIterator[Pages]:
    app = create_app(memory=MemoryDatabase(), bcrypt_rounds=4, bootstrap_admin_password=ADMIN_PASSWORD)
    preview = FixedPreview()
    pages = web.router(app.state.new_uow, app.state.rules, previewer=preview)
    app.router.routes[:0] = pages.routes  # ahead of any pages the composition root mounts
    harness = Pages(app, preview)
    async with harness.browser() as admin:
        token = (
            await admin.post("/auth/login", json={"person_id": "admin", "password": ADMIN_PASSWORD})
        ).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        for unit in ORG:
            assert (await admin.post("/units", json=unit, headers=headers)).status_code == 201
        for person in PEOPLE:
            body = {**person, "password": PASSWORD}
            assert (await admin.post("/people", json=body, headers=headers)).status_code == 201
    yield harness

"""Fixtures of scoring's component tests: the app on the in-memory store, fed through
TestKafkaBroker, trusting the tests' own token key; the people of a small org tree.

    jn (province office)  <-  dx, ss (county offices);  dx  <-  hs, ls (townships)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.scoring.app import create_app
from shared.auth.testing import TestTokens
from shared.clock import SettableClock
from shared.contracts import Event, SubmissionReceived, UnitRegistered, topic_for, utcnow
from shared.persistence import MemoryDatabase

GOOD_BODY = (
    "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。\n\n"
    "一是设立收购点8个，覆盖全镇23个行政村。二是引入烘干设备3台，日烘干能力达到300吨。"
    "三是开通“预约收购”服务，农户平均排队时间由4小时缩短至40分钟。\n\n"
    "通过以上措施，河山镇秋粮收购进度比去年同期提前10天。"
)


def received(submission_id: str = "s1", body: str = GOOD_BODY, **extra: Any) -> SubmissionReceived:
    fields = {
        "producer": "intake", "submission_id": submission_id, "unit_id": "hs", "unit_name": "河山镇",
        "unit_level": "township", "office_id": "dx", "author_id": "officer", "author_name": "李明",
        "title": "河山镇秋粮收购进度过半", "body": body, "language": "zh", "category": "动态",
        "period": "2026-11", "submitted_at": utcnow(),
    }
    return SubmissionReceived.originated(**{**fields, **extra})


OFFICER = {"subject": "officer", "unit": "hs", "roles": ("officer",)}
OTHER_OFFICER = {"subject": "ls.officer", "unit": "ls", "roles": ("officer",)}
COUNTY_EDITOR = {"subject": "dx.editor", "unit": "dx", "roles": ("editor",)}
COUNTY_LEADER = {"subject": "dx.leader", "unit": "dx", "roles": ("leader",)}
OTHER_COUNTY_EDITOR = {"subject": "ss.editor", "unit": "ss", "roles": ("editor",)}


def unit(unit_id: str, parent: str | None) -> UnitRegistered:
    return UnitRegistered.originated(
        producer="intake", unit_id=unit_id, name=unit_id, level="township", kind="government",
        parent_id=parent, reports_to=parent,
    )


TREE = (unit("jn", None), unit("dx", "jn"), unit("ss", "jn"), unit("hs", "dx"), unit("ls", "dx"))


@pytest.fixture
def tokens(clock: SettableClock) -> TestTokens:
    return TestTokens(clock)


@dataclass
class Scoring:
    app: Any
    memory: MemoryDatabase
    tokens: TestTokens

    async def publish(self, *events: Event) -> None:
        for event in events:
            await self.app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topic_for(event))

    async def call(
        self, person: dict[str, Any] | None, method: str, url: str, **kwargs: Any
    ) -> httpx.Response:
        """One request as ``person`` (a fresh token), or without a token when None."""
        headers = self.tokens.headers(**person) if person is not None else {}
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://scoring") as client:
            return await client.request(method, url, headers=headers, **kwargs)


@pytest.fixture
async def service(clock: SettableClock, tokens: TestTokens) -> AsyncIterator[Scoring]:
    """The app with the org tree of TREE already consumed."""
    memory = MemoryDatabase()
    app = create_app(memory=memory, clock=clock, verifier=tokens.verifier("scoring"))
    async with TestKafkaBroker(app.state.runtime.broker):
        scoring = Scoring(app, memory, tokens)
        await scoring.publish(*TREE)
        yield scoring

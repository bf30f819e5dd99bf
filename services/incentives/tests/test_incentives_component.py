"""The incentives service in one process: facts in, ledger entries and events out.

Every event happens at the tests' clock (``clock`` fixture) and every query asks for the
month that instant falls in on the office's clock, so the tests hold on any date.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from services.incentives.app import create_app
from services.incentives.tests.conftest import OFFICE_HEAD, As
from shared.auth.testing import TestTokens
from shared.clock import SettableClock, month_of
from shared.contracts import (
    Event,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionWithdrawn,
    UnitRegistered,
    topic_for,
)
from shared.persistence import MemoryDatabase

AT: list[datetime] = []
"""The instant the current test's events happen at (set by the ``incentives`` fixture)."""


def now() -> datetime:
    return AT[-1]


def period() -> str:
    return month_of(now())


def received(sid: str = "s1", unit: str = "hs") -> SubmissionReceived:
    return SubmissionReceived.originated(
        producer="intake", submission_id=sid, unit_id=unit, unit_name=unit, unit_level="township",
        office_id="dx", author_id="officer", author_name="李明", title="t", body="b",
        language="zh", category="动态", period=period(), submitted_at=now(), occurred_at=now(),
    )


def scored(sid: str = "s1", band: str = "excellent") -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring", submission_id=sid, unit_id="hs", author_id="officer", title="t",
        period=period(), revision=0, overall=92, band=band, language="zh",
        rubric_version="v1", criteria=[], occurred_at=now(),
    )


def adopted(
    level: str, publication: str, sid: str = "s1", forwarded_by: list[str] | None = None
) -> SubmissionAdopted:
    return SubmissionAdopted.originated(
        producer="intake", submission_id=sid, unit_id="hs", adoption_id=f"a-{level}",
        office_id=level, office_level=level, publication=publication, form="full_text",
        forwarded_by=forwarded_by or [], occurred_at=now(),
    )


@pytest.fixture
async def incentives(
    clock: SettableClock, policy_files: list[Path]
) -> AsyncIterator[tuple[Any, MemoryDatabase, httpx.AsyncClient]]:
    """The app, its store and a client of the head of the office the units report to (and
    whose policy is in force)."""
    AT.append(clock())
    memory = MemoryDatabase()
    tokens = TestTokens(clock)
    app = create_app(
        memory=memory, clock=clock, verifier=tokens.verifier("incentives"), policy_files=policy_files
    )
    async with TestKafkaBroker(app.state.runtime.broker):
        transport = httpx.ASGITransport(app=app)
        auth = As(tokens, OFFICE_HEAD)
        async with httpx.AsyncClient(transport=transport, base_url="http://incentives", auth=auth) as client:
            for unit in ("hs", "qs"):
                await send(app, UnitRegistered.originated(
                    producer="intake", unit_id=unit, name=unit, level="township",
                    kind="government", parent_id="dx", reports_to="dx",
                ))
            yield app, memory, client
    AT.clear()


async def send(app: Any, event: Event) -> None:
    await app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topic_for(event))


async def balance(client: httpx.AsyncClient, unit: str = "hs") -> Decimal:
    response = await client.get(f"/units/{unit}/balance", params={"period": period()})
    assert response.status_code == 200, response.text
    return Decimal(response.json()["points"])


async def test_adoption_by_city_is_worth_more_than_by_county(incentives: Any) -> None:
    app, _, client = incentives
    await send(app, received("s1", "hs"))
    await send(app, adopted("county", "dongtai", "s1"))
    await send(app, received("s2", "qs"))
    await send(app, SubmissionAdopted.originated(
        producer="intake", submission_id="s2", unit_id="qs", adoption_id="a2", office_id="lj",
        office_level="city", publication="yaoqing", form="full_text", forwarded_by=["dx"],
        occurred_at=now(),
    ))
    assert await balance(client, "qs") > await balance(client, "hs") > 0


async def test_every_entry_is_announced_with_its_rule_and_policy(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, received())
    await send(app, scored())
    events = [r.payload for r in memory.outbox if r.event_type == "PointsAwarded"]
    assert events and all(e["policy_version"] and e["rule"] for e in events)
    entries = (await client.get("/units/hs/entries", params={"period": period()})).json()
    assert {e["entry_id"] for e in entries} == {e["entry_id"] for e in events}
    assert sum(Decimal(e["points"]) for e in entries) == await balance(client)


async def test_the_same_event_twice_changes_nothing(incentives: Any) -> None:
    app, memory, client = incentives
    event = received()
    await send(app, event)
    await send(app, adopted("county", "dongtai"))
    before, count = await balance(client), len(memory.outbox)
    await send(app, event)
    assert await balance(client) == before and len(memory.outbox) == count


async def test_withdrawal_reverses_the_items_points_to_zero(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, received())
    await send(app, scored())
    assert await balance(client) > 0
    await send(app, SubmissionWithdrawn.originated(
        producer="intake", submission_id="s1", unit_id="hs", occurred_at=now(),
    ))
    assert await balance(client) == 0
    assert any(r.event_type == "PointsReversed" for r in memory.outbox)


async def test_standings_rank_units_among_their_peers(incentives: Any) -> None:
    app, _, client = incentives
    await send(app, received("s1", "hs"))
    await send(app, adopted("county", "dongtai", "s1"))
    response = await client.get("/standings", params={"period": period()})
    ranked = {s["unit_id"]: s for s in response.json()}
    assert ranked["hs"]["rank"] < ranked["qs"]["rank"]


async def test_a_malformed_period_is_refused_naming_it(incentives: Any) -> None:
    _, _, client = incentives
    response = await client.get("/units/hs/balance", params={"period": "Nov"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "period"]

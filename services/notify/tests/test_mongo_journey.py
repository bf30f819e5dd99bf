"""The notify app on SecantusDB (the MongoDB adapters, transactions and indexes) driven like
the in-memory component tests: e-mail by real SMTP, reminders, the pull feed, duplicates."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from faststream.kafka import TestKafkaBroker

from services.notify.adapters.secretbox import generate_key
from services.notify.tests.harness import (
    Acting,
    Clock,
    Notify,
    SmtpServer,
    adopted,
    build,
    client_of,
    local,
    received,
    scored,
)
from services.notify.tests.test_bulletins_component import CITY, editor, feed_city
from shared.contracts import DeadlineSet

pytestmark = pytest.mark.integration


@pytest.fixture
async def notify_on_mongo(
    mongo_server_uri: str, database_name: str, clock: Clock, smtp: SmtpServer
) -> AsyncIterator[Notify]:
    app, tokens = build(
        clock,
        secrets_key=generate_key(),
        mongo_uri=mongo_server_uri,
        mongo_db=database_name,
        workers_enabled=False,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
    )
    runtime = app.state.runtime
    for hook in runtime.on_startup:
        await hook()
    try:
        operator = Acting(tokens, "admin", roles=("admin",))
        async with TestKafkaBroker(runtime.broker), client_of(app, operator) as client:
            yield Notify(app, None, client, clock, tokens)  # type: ignore[arg-type]
    finally:
        for hook in runtime.on_shutdown:
            await hook()


async def test_notify_runs_on_mongodb(notify_on_mongo: Notify, smtp: SmtpServer) -> None:
    notify = notify_on_mongo
    prefs = {"channels": ["email"], "email": "li@hs.cn"}
    await notify.ok(
        "PUT", "/people/officer/preferences", json=prefs, auth=notify.as_("officer", "hs", ("officer",))
    )
    head = notify.as_("head-hs", "hs", ("unit_head",))
    await notify.ok("PUT", "/units/hs/contacts", json={"officers": ["officer"]}, auth=head)
    key = (await notify.ok("POST", "/agencies", json={"agency_id": "acme", "name": "Acme"}))["api_key"]
    await notify.ok("POST", "/agencies/acme/subscriptions", json={})

    event = scored()
    await notify.send(received())
    await notify.send(event)
    await notify.send(event)
    await notify.send(adopted(level="city"))
    await notify.send(
        DeadlineSet.originated(
            producer="intake",
            unit_id="hs",
            office_id="dx",
            subject="commission",
            reference_id="c1",
            due_at=local("2026-11-25 18:00"),
        )
    )
    notify.clock.now = local("2026-11-22 18:00")
    assert (await notify.tick())["reminders"] == 1
    assert await notify.dispatch() == 3  # score, adoption, reminder
    subjects = sorted(str(m["Subject"]) for m in smtp.sink.messages)
    assert len(subjects) == 3 and any("质量评分" in s for s in subjects)
    assert {d["status"] for d in await notify.deliveries()} == {"sent"}

    feed = await notify.ok("GET", "/feeds/acme.json", headers={"X-Api-Key": key}, auth=None)
    assert [i["id"] for i in feed["items"]] == ["s1"]
    nxt = await notify.ok(
        "GET",
        "/feeds/acme.json",
        params={"cursor": feed["_xinbao"]["next_cursor"]},
        headers={"X-Api-Key": key},
        auth=None,
    )
    assert nxt["items"] == [] and nxt["_xinbao"]["has_more"] is False


async def test_bulletins_archive_on_mongodb(notify_on_mongo: Notify) -> None:
    notify = notify_on_mongo
    await feed_city(notify)
    body = {"office_id": CITY, "period": "2026-11", "kind": "monthly"}
    office = editor(notify)
    meta = await notify.ok("POST", "/bulletins", json=body, auth=office)
    assert (await notify.client.post("/bulletins", json=body, auth=office)).status_code == 200
    pdf = await notify.client.get(f"/bulletins/{meta['bulletin_id']}.pdf", auth=office)
    assert pdf.content.startswith(b"%PDF")
    html = (await notify.client.get(f"/bulletins/{meta['bulletin_id']}.html", auth=office)).text
    assert "临川区" in html and "北塘县" in html
    listed = await notify.ok("GET", "/bulletins", params={"office_id": CITY}, auth=office)
    assert listed["total"] == 1 and listed["items"][0]["number"] == "2026年第1期"

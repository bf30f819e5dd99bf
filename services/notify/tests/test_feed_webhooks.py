"""Feeds to agencies by signed webhook (a real HTTP receiver that verifies signatures,
answers 500 first and then sees the retry) and by a Kafka topic per agency."""

from __future__ import annotations

import time
from typing import Any

import pytest
from faststream.kafka import TestKafkaBroker

from services.notify.domain.signing import verify
from services.notify.tests.harness import (
    Acting,
    Clock,
    HttpReceiver,
    Notify,
    Received,
    adopted,
    build,
    client_of,
    received,
    scored,
    sensitivity,
    withdrawn,
)
from shared.persistence import MemoryDatabase


class Verifier:
    """What an agency's endpoint does: check the signature and the timestamp window, and
    process each delivery id once (a replay or our retry of a handled one is a no-op)."""

    def __init__(self, secret: str, receiver: HttpReceiver) -> None:
        self.secret = secret
        self.receiver = receiver
        self.processed: list[str] = []
        self.rejected: list[str] = []

    def __call__(self, request: Received) -> int | None:
        headers = {k.lower(): v for k, v in request.headers.items()}
        signed = verify(
            self.secret,
            headers["x-xinbao-timestamp"],
            request.body,
            headers["x-xinbao-signature"],
            now=time.time(),
        )
        if not signed:
            self.rejected.append(headers["x-xinbao-delivery"])
            return 401
        if headers["x-xinbao-delivery"] in self.processed:
            return 200
        status = self.receiver.answers.pop(0) if self.receiver.answers else 200
        if status < 300:
            self.processed.append(headers["x-xinbao-delivery"])
        return status


async def webhook_agency(notify: Notify, receiver: HttpReceiver, **subscription: Any) -> Verifier:
    made = await notify.ok(
        "POST",
        "/agencies",
        json={
            "agency_id": "acme",
            "name": "Acme Bureau",
            "delivery": ["webhook", "kafka"],
            "webhook_url": f"{receiver.url}/hooks/xinbao",
        },
    )
    await notify.ok("POST", "/agencies/acme/subscriptions", json={"levels": ["province"], **subscription})
    verifier = Verifier(made["webhook_secret"], receiver)
    receiver.check = verifier
    return verifier


async def test_a_failed_webhook_is_retried_signed_with_the_same_delivery_id(
    notify: Notify, receiver: HttpReceiver
) -> None:
    verifier = await webhook_agency(notify, receiver)
    receiver.answers = [500]
    await notify.send(received())
    await notify.send(adopted(level="province"))
    assert await notify.dispatch() == 1
    notify.clock.advance(seconds=29)
    assert await notify.dispatch() == 0
    notify.clock.advance(seconds=1)
    assert await notify.dispatch() == 1
    assert receiver.statuses == [500, 200] and verifier.rejected == []
    first, second = receiver.requests
    assert first.body == second.body and first.json()["item"]["id"] == "s1"
    assert first.headers["X-Xinbao-Delivery"] == second.headers["X-Xinbao-Delivery"] == "feed:acme:s1:webhook"
    log = await notify.ok("GET", "/webhooks/log", params={"agency_id": "acme"})
    assert [(a["number"], a["ok"], a["detail"]) for a in log["items"]] == [
        (2, True, "HTTP 200"),
        (1, False, "HTTP 500"),
    ]


async def test_a_wrong_secret_is_refused_by_the_receiver_and_the_delivery_dies(
    notify: Notify, receiver: HttpReceiver
) -> None:
    verifier = await webhook_agency(notify, receiver)
    verifier.secret = "not-the-agency-secret"
    await notify.send(received())
    await notify.send(adopted(level="province"))
    await notify.dispatch()
    [delivery] = await notify.deliveries(channel="webhook", status="dead")
    assert "HTTP 401" in delivery["last_error"] and verifier.rejected == ["feed:acme:s1:webhook"]


async def test_items_outside_the_subscription_or_sensitive_are_never_sent(
    notify: Notify, receiver: HttpReceiver
) -> None:
    await webhook_agency(notify, receiver)
    await notify.send(received("s1"))
    await notify.send(adopted("s1", level="city"))
    await notify.send(received("s2"))
    await notify.send(sensitivity("s2"))
    await notify.send(adopted("s2", level="province"))
    await notify.send(received("s3"))
    await notify.send(adopted("s3", level="province", sensitive=True))  # the mark on the event itself
    assert await notify.dispatch() == 0 and receiver.requests == []


async def test_marking_an_item_sensitive_before_its_webhook_went_cancels_it_without_a_retraction(
    notify: Notify, receiver: HttpReceiver
) -> None:
    await webhook_agency(notify, receiver)
    await notify.send(received())
    await notify.send(adopted(level="province"))
    await notify.send(sensitivity("s1"))
    assert await notify.dispatch() == 0 and receiver.requests == []
    [delivery] = await notify.deliveries(channel="webhook")
    assert delivery["status"] == "cancelled"
    assert (await notify.client.post("/deliveries/feed:acme:s1:webhook/replay")).status_code == 409


async def test_an_item_withdrawn_after_its_webhook_went_gets_a_signed_retraction(
    notify: Notify, receiver: HttpReceiver
) -> None:
    verifier = await webhook_agency(notify, receiver)
    await notify.send(received())
    await notify.send(adopted(level="province"))
    assert await notify.dispatch() == 1
    await notify.send(withdrawn("s1"))
    await notify.send(adopted("s1", level="city"))  # nothing more of it goes out
    assert await notify.dispatch() == 1
    assert verifier.processed == ["feed:acme:s1:webhook", "feed:acme:s1:retraction"]
    body = receiver.requests[-1].json()
    assert (body["type"], body["submission_id"], body["reason"], body["retracts_seq"]) == (
        "FeedItemRetracted", "s1", "withdrawn", 1,
    )
    assert body["item"]["_xinbao"]["retracted"] is True


async def test_blocking_a_released_item_retracts_it(notify: Notify, receiver: HttpReceiver) -> None:
    verifier = await webhook_agency(notify, receiver)
    await notify.send(received())
    await notify.send(adopted(level="province"))
    await notify.dispatch()
    blocked = await notify.ok("PUT", "/items/s1/release", json={"cleared": False})
    assert blocked["retracted_from"] == ["acme"] and blocked["offered_to"] == []
    await notify.dispatch()
    assert verifier.processed[-1] == "feed:acme:s1:retraction"
    assert receiver.requests[-1].json()["reason"] == "withheld"


async def test_a_minimum_score_waits_for_the_score(notify: Notify, receiver: HttpReceiver) -> None:
    await webhook_agency(notify, receiver, min_score=70)
    await notify.send(received())
    await notify.send(adopted(level="province"))
    assert await notify.dispatch() == 0
    await notify.send(scored(overall=71.4))
    assert await notify.dispatch() == 1 and receiver.requests[0].json()["item"]["_xinbao"]["score"] == 71.4


async def test_the_agency_topic_carries_each_entry_once_through_the_outbox(clock: Clock) -> None:
    memory = MemoryDatabase()
    app, tokens = build(clock, memory, workers_enabled=False)
    seen: list[dict[str, Any]] = []

    @app.state.runtime.broker.subscriber("notify.feed.acme.v1", group_id="acme")
    async def on_feed(payload: dict[str, Any]) -> None:
        seen.append(payload)

    operator = Acting(tokens, "admin", roles=("admin",))
    async with TestKafkaBroker(app.state.runtime.broker), client_of(app, operator) as client:
        notify = Notify(app, memory, client, clock, tokens)
        await notify.ok(
            "POST", "/agencies", json={"agency_id": "acme", "name": "Acme", "delivery": ["kafka"]}
        )
        await notify.ok("POST", "/agencies/acme/subscriptions", json={})
        event = adopted(level="city")
        await notify.send(received())
        await notify.send(event)
        await notify.send(event)
        await notify.send(adopted(level="province"))
        routed = [r for r in memory.outbox if r.topic == "notify.feed.acme.v1"]
        assert [(r.event_type, r.key) for r in routed] == [("FeedItemPublished", "s1")]
        await app.state.runtime.relay.publish_pending()
    assert [(p["agency_id"], p["seq"], p["item"]["id"]) for p in seen] == [("acme", 1, "s1")]


@pytest.mark.parametrize(
    "body",
    [
        {"agency_id": "Acme!", "name": "x"},
        {"agency_id": "acme", "name": "x", "delivery": ["webhook"]},
    ],
)
async def test_bad_agencies_are_refused(notify: Notify, body: dict[str, Any]) -> None:
    assert (await notify.client.post("/agencies", json=body)).status_code == 422


@pytest.mark.parametrize("settings", [{"workers_enabled": False}])
async def test_webhooks_must_use_https_unless_allowed_for_local_tests(notify: Notify) -> None:
    body = {"agency_id": "acme", "name": "Acme", "delivery": ["webhook"]}
    plain = await notify.client.post("/agencies", json={**body, "webhook_url": "http://acme.example/hook"})
    assert plain.status_code == 422 and "HTTPS" in plain.text
    secure = await notify.client.post("/agencies", json={**body, "webhook_url": "https://acme.example/hook"})
    assert secure.status_code == 201 and secure.json()["webhook_secret"]

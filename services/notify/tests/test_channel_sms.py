"""SMS through an HTTP messaging gateway (a real HTTP server on a free local port)."""

from __future__ import annotations

from typing import Any

import pytest

from services.notify.tests.harness import HttpReceiver, Notify, scored


@pytest.fixture
def settings(receiver: HttpReceiver) -> dict[str, Any]:
    return {
        "workers_enabled": False,
        "retry_base_seconds": 30.0,
        "retry_max_attempts": 3,
        "sms_url": f"{receiver.url}/v1/messages",
        "sms_token": "gateway-token",
    }


async def prefer_sms(notify: Notify) -> None:
    await notify.ok(
        "PUT",
        "/people/officer/preferences",
        json={"channels": ["sms"], "phone": "+86 138 0000 0000", "language": "zh"},
        auth=notify.as_("officer", "hs", ("officer",)),
    )


async def test_the_gateway_gets_the_text_with_token_and_idempotency_key(
    notify: Notify, receiver: HttpReceiver
) -> None:
    await prefer_sms(notify)
    await notify.send(scored())
    assert await notify.dispatch() == 1
    [request] = receiver.requests
    assert request.path == "/v1/messages" and request.headers["Authorization"] == "Bearer gateway-token"
    payload = request.json()
    assert payload["to"] == "+86 138 0000 0000" and "质量评分 71 分" in payload["text"]
    assert payload["reference"] == request.headers["Idempotency-Key"]
    [delivery] = await notify.deliveries(channel="sms")
    assert delivery["status"] == "sent"
    assert any(e["channel"] == "sms" for e in notify.events("NotificationDelivered"))


async def test_a_gateway_error_is_retried_with_the_same_idempotency_key(
    notify: Notify, receiver: HttpReceiver
) -> None:
    await prefer_sms(notify)
    receiver.answers = [503]
    await notify.send(scored())
    await notify.dispatch()
    notify.clock.advance(seconds=30)
    await notify.dispatch()
    assert receiver.statuses == [503, 200]
    keys = {r.headers["Idempotency-Key"] for r in receiver.requests}
    assert len(keys) == 1


async def test_a_rejected_number_is_not_retried(notify: Notify, receiver: HttpReceiver) -> None:
    await prefer_sms(notify)
    receiver.answers = [400]
    await notify.send(scored())
    await notify.dispatch()
    [delivery] = await notify.deliveries(channel="sms")
    assert delivery["status"] == "dead" and "HTTP 400" in delivery["last_error"]

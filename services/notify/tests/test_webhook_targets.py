"""Webhook targets (SSRF): an agency's URL may not point notify at loopback, private,
link-local or other non-public addresses, by IP or by a name resolving there, when it
registers or later when a delivery is sent; an operator may allow networks explicitly."""

from __future__ import annotations

from typing import Any

import pytest

from services.notify.adapters.targets import WebhookTargets
from services.notify.domain.targets import TargetPolicy, TargetRefused
from services.notify.settings import NotifySettings
from services.notify.tests.harness import (
    Clock,
    HttpReceiver,
    Notify,
    adopted,
    received,
    resolver,
    running,
)
from shared.persistence import MemoryDatabase

REFUSED = [
    ("https://10.0.0.5/hook", "a private address"),
    ("https://192.168.1.20/hook", "a private address"),
    ("https://127.0.0.1:8443/hook", "a loopback address"),
    ("https://169.254.169.254/latest/meta-data/", "a link-local address"),
    ("https://[::1]/hook", "a loopback address"),
    ("https://[::ffff:127.0.0.1]/hook", "a loopback address"),
    ("https://[fd00::7]/hook", "a private address"),
    ("https://0.0.0.0/hook", "the unspecified address"),
    ("https://100.64.0.9/hook", "not a public address"),
    ("https://localhost/hook", "a loopback address"),
    ("https://hooks.internal.example/x", "a private address"),
]
NAMES = {"hooks.internal.example": ["10.1.2.3"], "acme.example": ["93.184.215.14"]}
resolve = resolver(NAMES)


@pytest.fixture
def settings() -> dict[str, Any]:
    """HTTPS only and no network allowed: the defaults of a real deployment."""
    return {"workers_enabled": False}


def agency(url: str) -> dict[str, Any]:
    return {"agency_id": "acme", "name": "Acme", "delivery": ["webhook"], "webhook_url": url}


@pytest.mark.parametrize(("url", "kind"), REFUSED)
async def test_a_target_that_is_not_public_is_refused_with_the_reason(url: str, kind: str) -> None:
    with pytest.raises(TargetRefused) as refused:
        await WebhookTargets(TargetPolicy(), resolve).check(url)
    assert kind in refused.value.message and "NOTIFY_WEBHOOK_ALLOWED_NETWORKS" in refused.value.message


@pytest.mark.parametrize(
    "url", ["https://93.184.215.14/hook", "https://[2606:4700:4700::1111]/hook", "https://acme.example/hook"]
)
async def test_a_public_target_passes(url: str) -> None:
    await WebhookTargets(TargetPolicy(), resolve).check(url)


async def test_a_name_that_does_not_resolve_is_refused_as_transient() -> None:
    with pytest.raises(TargetRefused) as refused:
        await WebhookTargets(TargetPolicy(), resolve).check("https://nowhere.example/hook")
    assert refused.value.transient and "cannot resolve nowhere.example" in refused.value.message


async def test_the_real_resolver_sees_that_localhost_is_loopback() -> None:
    with pytest.raises(TargetRefused, match=r"localhost resolves to .*loopback"):
        await WebhookTargets(TargetPolicy()).check("https://localhost:9/hook")


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.5/hook",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://localhost/hook",
    ],
)
async def test_registering_an_internal_webhook_answers_422_with_the_reason(notify: Notify, url: str) -> None:
    response = await notify.client.post("/agencies", json=agency(url))
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "webhook_url"]
    assert "is refused" in problem["msg"] and "public addresses only" in problem["msg"]
    assert (await notify.client.get("/agencies")).json() == [], "nothing was stored"


@pytest.mark.parametrize("settings", [{"workers_enabled": False, "webhook_allow_private": True}])
async def test_an_operator_may_allow_private_targets(notify: Notify) -> None:
    for n, url in enumerate(["https://127.0.0.1/hook", "https://10.0.0.5/hook", "https://localhost/h"]):
        response = await notify.client.post("/agencies", json={**agency(url), "agency_id": f"a{n}"})
        assert response.status_code == 201, response.text


@pytest.mark.parametrize("settings", [{"workers_enabled": False, "webhook_allowed_networks": ["10.0.0.0/8"]}])
async def test_an_allowed_network_opens_only_that_network(notify: Notify) -> None:
    inside = await notify.client.post("/agencies", json=agency("https://10.0.0.5/hook"))
    assert inside.status_code == 201, inside.text
    loopback = await notify.client.post("/agencies", json={**agency("https://127.0.0.1/h"), "agency_id": "b"})
    assert loopback.status_code == 422


def test_a_malformed_allowed_network_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match=r"10\.0\.0\.0/33"):
        NotifySettings(webhook_allowed_networks=["10.0.0.0/33"])


async def test_a_name_that_turns_internal_after_registering_is_not_called(
    clock: Clock, receiver: HttpReceiver
) -> None:
    """Registered while ``acme.example`` was public; by the time of the send it resolves to
    the loopback receiver: the delivery dies with the reason and nothing reaches it."""
    names = dict(NAMES)
    changing = resolver(names)
    async with running(
        clock, MemoryDatabase(), changing, workers_enabled=False, webhook_allow_http=True
    ) as notify:
        port = receiver.server.server_address[1]
        await notify.ok("POST", "/agencies", json=agency(f"http://acme.example:{port}/hook"))
        await notify.ok("POST", "/agencies/acme/subscriptions", json={"levels": ["city"]})
        await notify.send(received())
        await notify.send(adopted(level="city"))
        names["acme.example"] = ["127.0.0.1"]
        assert await notify.dispatch() == 1
        [delivery] = await notify.deliveries(channel="webhook")
    assert delivery["status"] == "dead" and "loopback" in delivery["last_error"]
    assert receiver.requests == []

"""SMS through an HTTP messaging gateway, and signed webhooks to agencies (httpx)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from services.notify.domain import Outcome
from services.notify.domain.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    sign,
)
from services.notify.domain.targets import TargetRefused
from services.notify.ports import Channel, Outgoing, TargetCheck

SMS_MAX_CHARS = 500
_RETRYABLE_4XX = {408, 409, 425, 429}


def http_outcome(response: httpx.Response) -> Outcome:
    """2xx is success; other 4xx (but timeouts, conflicts, rate limits) is permanent."""
    code = response.status_code
    if 200 <= code < 300:
        return Outcome(True, f"HTTP {code}")
    permanent = 400 <= code < 500 and code not in _RETRYABLE_4XX
    return Outcome(False, f"HTTP {code}", f"HTTP {code}: {response.text[:200]}", permanent)


async def _post(
    client: httpx.AsyncClient,
    url: str,
    timeout: float,
    headers: dict[str, str],
    *,
    content: bytes | None = None,
    json: Any = None,
) -> Outcome:
    try:
        response = await client.post(url, timeout=timeout, headers=headers, content=content, json=json)
    except httpx.HTTPError as error:
        return Outcome(False, "", f"{type(error).__name__}: {error}")
    return http_outcome(response)


class HttpSmsChannel(Channel):
    """POSTs ``{"to", "text", "reference"}`` with a bearer token; ``Idempotency-Key`` is the
    delivery id, so a gateway that honours it sends a retried message once."""

    name = "sms"

    def __init__(self, client: httpx.AsyncClient, url: str, token: str, timeout: float = 10.0) -> None:
        self.client = client
        self.url = url
        self.token = token
        self.timeout = timeout

    async def send(self, outgoing: Outgoing) -> Outcome:
        delivery = outgoing.delivery
        text = f"{delivery.subject}\n{delivery.body}"[:SMS_MAX_CHARS]
        headers = {"Idempotency-Key": delivery.delivery_id}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        payload = {"to": delivery.address, "text": text, "reference": delivery.delivery_id}
        return await _post(self.client, self.url, self.timeout, headers, json=payload)


class WebhookChannel(Channel):
    """POSTs the stored JSON body, signed at send time (each retry carries a fresh timestamp
    and the same delivery id), to a target checked again just before (SSRF: the host may
    resolve elsewhere than when the agency registered it)."""

    name = "webhook"

    def __init__(
        self,
        client: httpx.AsyncClient,
        targets: TargetCheck,
        timeout: float = 10.0,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.targets = targets
        self.timeout = timeout
        self.wall_clock = wall_clock

    async def send(self, outgoing: Outgoing) -> Outcome:
        delivery = outgoing.delivery
        if not outgoing.secret:
            problem = outgoing.secret_problem or "the agency has no webhook secret"
            return Outcome(False, "", problem, permanent=True)
        try:
            await self.targets.check(delivery.address)
        except TargetRefused as refused:
            return Outcome(False, "", refused.message, permanent=not refused.transient)
        body = delivery.body.encode()
        timestamp = int(self.wall_clock())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "xinbao-notify/1",
            TIMESTAMP_HEADER: str(timestamp),
            DELIVERY_HEADER: delivery.delivery_id,
            EVENT_HEADER: delivery.kind,
            SIGNATURE_HEADER: sign(outgoing.secret, timestamp, body),
        }
        return await _post(self.client, delivery.address, self.timeout, headers, content=body)

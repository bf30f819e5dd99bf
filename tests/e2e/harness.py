"""Helpers for end-to-end tests: HTTP calls, polling, and Kafka consumer-group lag."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from deploy.localstack import Stack

T = TypeVar("T")
PASSWORD = "e2e-password-1"
"""Every e2e person's password (the org fixture creates them with it)."""
SERVICES = ("intake", "scoring", "incentives", "notify")
GROUPS_BY_TOPIC = {
    "intake.submission.v1": ("scoring", "incentives", "notify"),
    "intake.unit.v1": ("scoring", "incentives", "notify"),
    "scoring.score.v1": ("intake", "incentives", "notify"),
    "incentives.ledger.v1": ("intake", "notify"),
    "notify.notification.v1": ("intake",),
}


def url(stack: Stack, service: str, instance: int = 1) -> str:
    port = stack.config.service_ports[service] if instance == 1 else None
    if port is None:
        port = next(s.port for s in stack.services() if s.name == service and s.instance == instance)
    return f"http://127.0.0.1:{port}"


async def eventually(
    probe: Callable[[], Awaitable[T | None]], *, timeout: float = 60.0, what: str = "condition"
) -> T:
    """Poll ``probe`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = await probe()
        if last:
            return last
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; last: {last!r}")


async def wait_until_consumed(stack: Stack, timeout: float = 60.0) -> None:
    """Wait until every consumer group has committed up to the end of every topic it reads."""
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.kafka_bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=stack.kafka_bootstrap)
    await admin.start()
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        while True:
            lagging = await _lagging(admin, consumer)
            if not lagging:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"consumer groups still lag after {timeout:.0f} s: {lagging}")
            await asyncio.sleep(0.2)
    finally:
        await consumer.stop()
        await admin.close()


async def _lagging(admin: AIOKafkaAdminClient, consumer: AIOKafkaConsumer) -> dict[str, int]:
    lag: dict[str, int] = {}
    for topic, groups in GROUPS_BY_TOPIC.items():
        partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or [])]
        if not partitions:
            await consumer._client.force_metadata_update()
            partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or [])]
        ends = await consumer.end_offsets(partitions)
        for group in groups:
            committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
            behind = sum(
                ends[tp] - (committed[tp].offset if tp in committed and committed[tp].offset >= 0 else 0)
                for tp in partitions
            )
            if behind > 0:
                lag[f"{group}@{topic}"] = behind
    return lag


async def read_topic(stack: Stack, topic: str, timeout_ms: int = 3000) -> list[Any]:
    """Every record of ``topic`` from the beginning (a throwaway consumer, no group)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=stack.kafka_bootstrap, auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        records: list[Any] = []
        while True:
            batch = await consumer.getmany(timeout_ms=timeout_ms)
            if not batch:
                return records
            for partition_records in batch.values():
                records.extend(partition_records)
    finally:
        await consumer.stop()


async def access_token(stack: Stack, person_id: str, password: str = "") -> str:
    """``person_id``'s access token from the stack's intake (the bootstrap admin, "admin",
    logs in with the local default password; everyone else with PASSWORD)."""
    if person_id == "admin" and not password:
        from services.intake.settings import LOCAL_BOOTSTRAP_ADMIN_PASSWORD

        password = LOCAL_BOOTSTRAP_ADMIN_PASSWORD
    async with httpx.AsyncClient(base_url=url(stack, "intake"), timeout=10.0) as client:
        response = await client.post(
            "/auth/login", json={"person_id": person_id, "password": password or PASSWORD}
        )
    assert response.status_code == 200, f"log-in of {person_id}: {response.text}"
    return str(response.json()["access_token"])


class Api:
    """Tiny HTTP helper that fails loudly on an unexpected status; ``token`` authenticates."""

    def __init__(self, base: str, token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.AsyncClient(base_url=base, timeout=10.0, headers=headers)

    @classmethod
    async def logged_in(
        cls, base: str, person_id: str, password: str, service: str | None = None
    ) -> Api:
        """An Api acting as ``person_id``: log in to intake at ``base`` (POST /auth/login), then
        send the session token to intake, or the access token to ``service`` (another base URL)."""
        async with httpx.AsyncClient(base_url=base, timeout=10.0) as client:
            response = await client.post(
                "/auth/login", json={"person_id": person_id, "password": password}
            )
        assert response.status_code == 200, f"log-in of {person_id}: {response.text}"
        if service is None:
            return cls(base, response.json()["token"])
        return cls(service, response.json()["access_token"])

    @classmethod
    async def acting_as(cls, stack: Stack, service: str, person_id: str, password: str = "") -> Api:
        """An Api on ``service`` (scoring, incentives, notify) with ``person_id``'s access token;
        the bootstrap admin ("admin") logs in with the local default password."""
        return cls(url(stack, service), await access_token(stack, person_id, password))

    async def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = await self.client.request(method, path, **kwargs)
        assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    async def close(self) -> None:
        await self.client.aclose()

"""The parts of a composition root every service shares: runtime, HTTP app, lifespan.

A service's ``create_app`` builds a :class:`Runtime` (broker, metrics, relay), registers its
subscribers and routes, and calls :func:`build_http_app`. The lifespan starts the broker
and the outbox relay and stops them in reverse order; tests that drive the app with
``TestKafkaBroker`` skip the lifespan and call ``runtime.relay.publish_pending()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, Response
from faststream.kafka import KafkaBroker
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from shared.messaging import make_broker
from shared.messaging.settings import KafkaSettings
from shared.observability.metrics import ServiceMetrics, new_registry
from shared.persistence.outbox import OutboxRecord, OutboxRelay, OutboxStore

HealthCheck = Callable[[], Awaitable[bool]]
Hook = Callable[[], Awaitable[None]]


@dataclass
class Runtime:
    """What a running service holds: its broker, metrics and outbox relay; ``owner`` names
    this process in leases (the instance id, or service@host:pid)."""

    service: str
    owner: str
    broker: KafkaBroker
    registry: CollectorRegistry
    metrics: ServiceMetrics
    relay: OutboxRelay
    on_startup: list[Hook] = field(default_factory=list)
    on_shutdown: list[Hook] = field(default_factory=list)
    health_checks: dict[str, HealthCheck] = field(default_factory=dict)


def build_runtime(
    service: str, kafka: KafkaSettings, outbox: OutboxStore, *, instance_id: str = ""
) -> Runtime:
    """Broker, registry, metrics and a relay publishing ``outbox`` through the broker."""
    registry = new_registry()
    metrics = ServiceMetrics(service, registry)
    broker = make_broker(kafka, service=service, registry=registry, metrics=metrics)

    async def send(record: OutboxRecord) -> Awaitable[object]:
        """Queue the row on the producer (no wait for the broker): the relay awaits the
        acknowledgements of a whole lease at once."""
        sent = await broker.publish(
            record.payload,
            topic=record.topic,
            key=record.key.encode(),
            headers={"event-type": record.event_type, "event-id": record.event_id},
            correlation_id=record.correlation_id,
            no_confirm=True,
        )
        return sent if sent is not None else asyncio.sleep(0)  # TestKafkaBroker delivers inline

    owner = instance_id or f"{service}@{socket.gethostname()}:{os.getpid()}"
    relay = OutboxRelay(outbox, send, metrics, owner=owner)
    runtime = Runtime(service, owner, broker, registry, metrics, relay)
    runtime.health_checks["kafka"] = lambda: broker.ping(timeout=3.0)
    return runtime


def build_http_app(
    runtime: Runtime, *, title: str, description: str, routers: Sequence[APIRouter] = ()
) -> FastAPI:
    """A FastAPI app with /health, /metrics, the service's routers and the lifespan."""

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        for hook in runtime.on_startup:
            await hook()
        await runtime.broker.start()
        relay_task = asyncio.create_task(runtime.relay.run(), name=f"{runtime.service}-relay")
        try:
            yield
        finally:
            relay_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relay_task
            await runtime.broker.stop()
            for hook in runtime.on_shutdown:
                await hook()

    app = FastAPI(title=title, description=description, version="0.1.0", lifespan=lifespan)
    app.state.runtime = runtime
    for router in routers:
        app.include_router(router)

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics of this instance")
    async def metrics() -> Response:
        return Response(generate_latest(runtime.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/live", tags=["operations"], summary="Liveness: the process answers")
    async def live() -> dict[str, str]:
        return {"service": runtime.service, "status": "alive"}

    @app.get("/health", tags=["operations"], summary="Readiness: broker and database answer")
    async def health() -> JSONResponse:
        results = {name: await _safe(check) for name, check in runtime.health_checks.items()}
        status = 200 if all(results.values()) else 503
        return JSONResponse({"service": runtime.service, "checks": results}, status_code=status)

    return app


async def _safe(check: HealthCheck) -> bool:
    try:
        return bool(await asyncio.wait_for(check(), timeout=5.0))
    except Exception:
        return False

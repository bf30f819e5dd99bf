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
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from faststream.kafka import KafkaBroker
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from pydantic import BaseModel

from shared.messaging import make_broker
from shared.messaging.settings import KafkaSettings
from shared.observability.metrics import ServiceMetrics, new_registry
from shared.persistence.outbox import OutboxRecord, OutboxRelay, OutboxStore
from shared.runtime.docs import install_docs

HealthCheck = Callable[[], Awaitable[bool]]
Hook = Callable[[], Awaitable[None]]


class Problem(BaseModel):
    """An error answer: ``detail`` says what is wrong (for a refusal: who may instead)."""

    detail: str


WHY = {
    400: "The body could not be read (not UTF-8, or a broken form)",
    401: "No valid credentials; `detail` says why",
    403: "Refused; `detail` says who may",
    404: "Not found (or not the caller's to know of)",
    409: "Not possible in the current state",
    413: "The upload is, or unpacks to, more than allowed",
    429: "Too many attempts; retry after `Retry-After` seconds",
    503: "A system this one depends on cannot be reached; nothing was changed, try again",
}


DECODED_BODIES = ("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
"""Bodies FastAPI decodes before the route runs (a route reading its own, e.g. YAML, is not one)."""


def errors(*codes: int, model: type[BaseModel] = Problem) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route (or router) that may answer ``codes``, each with ``model``."""
    return {code: {"model": model, "description": WHY[code]} for code in codes}


def file_answer(description: str, *media_types: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` of a route (``response_class=Response``) answering 200 with a file of one of
    ``media_types`` (parameters such as ``; charset=utf-8`` are dropped)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": description, "content": {m.split(";")[0]: binary for m in media_types}}}


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
    """A FastAPI app with /health, /metrics, the service's routers, the lifespan and the API
    documentation (/docs, /redoc) served from the service itself (:mod:`shared.runtime.docs`)."""

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

    app = FastAPI(
        title=title,
        description=description,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load from a CDN; install_docs serves them offline
        redoc_url=None,
    )
    install_docs(app)
    app.state.runtime = runtime
    for router in routers:
        app.include_router(router)

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics of this instance",
        response_class=PlainTextResponse,
    )
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

    _document_unreadable_bodies(app)
    return app


def _document_unreadable_bodies(app: FastAPI) -> None:
    """FastAPI answers 400 to a JSON or form body it cannot decode (bytes that are not UTF-8):
    the OpenAPI document says so for each route that takes one, unless the route says itself."""
    generate = app.openapi
    problem = {"application/json": {"schema": Problem.model_json_schema()}}
    answer = {"description": WHY[400], "content": problem}

    def openapi() -> dict[str, Any]:
        document = generate()  # the one FastAPI keeps; adding again changes nothing
        for item in document["paths"].values():
            for operation in item.values():
                taken = operation.get("requestBody", {}).get("content", {})
                if any(media in taken for media in DECODED_BODIES):
                    operation["responses"].setdefault("400", answer)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


async def _safe(check: HealthCheck) -> bool:
    try:
        return bool(await asyncio.wait_for(check(), timeout=5.0))
    except Exception:
        return False

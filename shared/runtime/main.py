"""Running a service as a process: ``python -m services.<name>`` calls :func:`serve`."""

from __future__ import annotations

from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from shared.observability.logs import configure_logging
from shared.runtime.settings import ServiceSettings

KEEP_ALIVE_SECONDS = 75
"""Idle keep-alive connections are kept longer than clients keep theirs (httpx: 5 s, the
same as uvicorn's default, so a client reusing a connection the server was closing got a
ReadError under load); 75 s as nginx's default."""


def serve(service: str, settings: ServiceSettings, create_app: Callable[..., FastAPI]) -> None:
    """Configure JSON logs and serve the app until SIGTERM/SIGINT (graceful shutdown)."""
    configure_logging(service, settings.log_level)
    app = create_app(settings)
    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )

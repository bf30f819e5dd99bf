"""Running a service as a process: ``python -m services.<name>`` calls :func:`serve`."""

from __future__ import annotations

from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from shared.observability.logs import configure_logging
from shared.runtime.settings import ServiceSettings


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
    )

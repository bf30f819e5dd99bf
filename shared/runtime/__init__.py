"""Service runtime: shared settings, the runtime (broker, metrics, relay) and the HTTP app."""

from shared.runtime.app import Runtime, build_http_app, build_runtime
from shared.runtime.main import serve
from shared.runtime.settings import ServiceSettings
from shared.runtime.storage import ServiceStorage, assemble

__all__ = [
    "Runtime",
    "ServiceSettings",
    "ServiceStorage",
    "assemble",
    "build_http_app",
    "build_runtime",
    "serve",
]

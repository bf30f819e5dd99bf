"""Where the local stack lives and which ports it uses: ``StackConfig``."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVICES = ("intake", "scoring", "incentives", "notify")
DEFAULT_SERVICE_PORTS = {"intake": 8001, "scoring": 8002, "incentives": 8003, "notify": 8004}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class StackConfig:
    """Everything the local stack needs to know; every path and port has a local default.

    ``root`` holds the stack's state: ``kafka/`` (config and log dir), ``mongo/`` (WiredTiger
    files), ``logs/`` (one file per process) and ``pids/``. The Kafka jars are shared by every
    stack of the repository, in ``<repo>/.cache/kafka/libs``.
    """

    root: Path = REPO / ".run"
    repo: Path = REPO
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    mongo_port: int = 27017
    service_ports: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_SERVICE_PORTS))
    kafka_heap_opts: str = "-Xmx512m -Xms256m"
    num_partitions: int = 6
    mongo_cache_size: str = "256M"
    kafka_extra_properties: Mapping[str, str] = field(default_factory=dict)
    """Broker settings added to (or replacing) the generated server.properties."""
    service_env: Mapping[str, str] = field(default_factory=dict)
    """Settings every service process of this stack gets (and this process does not)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> StackConfig:
        """Defaults overridden by ``XINBAO_RUN_DIR``, ``XINBAO_KAFKA_PORT``,
        ``XINBAO_KAFKA_CONTROLLER_PORT``, ``XINBAO_MONGO_PORT``, ``XINBAO_<SERVICE>_PORT``,
        ``XINBAO_KAFKA_HEAP_OPTS`` and ``XINBAO_NUM_PARTITIONS``; then by ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("XINBAO_RUN_DIR"):
            values["root"] = Path(env["XINBAO_RUN_DIR"]).resolve()
        for attr, var in (
            ("kafka_port", "XINBAO_KAFKA_PORT"),
            ("kafka_controller_port", "XINBAO_KAFKA_CONTROLLER_PORT"),
            ("mongo_port", "XINBAO_MONGO_PORT"),
            ("num_partitions", "XINBAO_NUM_PARTITIONS"),
        ):
            if env.get(var):
                values[attr] = _int(env, var)
        ports = dict(DEFAULT_SERVICE_PORTS)
        for name in ports:
            var = f"XINBAO_{name.upper()}_PORT"
            if env.get(var):
                ports[name] = _int(env, var)
        values["service_ports"] = ports
        if env.get("XINBAO_KAFKA_HEAP_OPTS"):
            values["kafka_heap_opts"] = env["XINBAO_KAFKA_HEAP_OPTS"]
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def with_free_ports(cls, root: Path, **overrides: object) -> StackConfig:
        """A stack in ``root`` whose every port is one that is free now: for tests."""
        config = cls(
            root=Path(root),
            kafka_port=free_port(),
            kafka_controller_port=free_port(),
            mongo_port=free_port(),
            service_ports={name: free_port() for name in DEFAULT_SERVICE_PORTS},
        )
        return replace(config, **overrides)  # type: ignore[arg-type]

    @property
    def venv(self) -> Path:
        return self.repo / ".venv"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def kafka_libs(self) -> Path:
        return self.repo / ".cache" / "kafka" / "libs"

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def mongo_uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.mongo_port}/?directConnection=true"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def pids_dir(self) -> Path:
        return self.root / "pids"


def _int(env: Mapping[str, str], var: str) -> int:
    try:
        return int(env[var])
    except ValueError:
        raise ValueError(f"{var} must be an integer, got {env[var]!r}") from None

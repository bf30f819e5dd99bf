"""The four Xinbao services as separate processes: ``<venv python> -m services.<name>``."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deploy.localstack import devkeys, procs
from deploy.localstack.config import StackConfig, free_port
from deploy.localstack.errors import StackError

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class ServiceProcess:
    """One running instance of a service, e.g. ``scoring-2`` on port 8102."""

    name: str
    instance: int
    port: int
    pid: int
    log_path: Path
    spawned: procs.Spawned | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> str:
        """``<name>-<instance>``: its instance id, log file stem and pid file stem."""
        return f"{self.name}-{self.instance}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def is_alive(self) -> bool:
        return procs.is_alive(self.pid)

    def is_healthy(self) -> bool:
        return is_healthy(self.port)


def key(name: str, instance: int) -> str:
    return f"{name}-{instance}"


def is_healthy(port: int, timeout: float = 2.0) -> bool:
    """GET /health answers 200."""
    try:
        with _NO_PROXY.open(f"http://127.0.0.1:{port}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def module_exists(config: StackConfig, name: str) -> bool:
    package = config.repo / "services" / name
    return (package / "__main__.py").exists() or (package.with_suffix(".py")).exists()


def default_port(config: StackConfig, name: str, instance: int) -> int:
    """Instance 1 uses the configured port; instance n, that port + 100·(n-1) if free."""
    if name not in config.service_ports:
        raise StackError(f"No port configured for service {name!r}: pass port=...")
    port = config.service_ports[name] + 100 * (instance - 1)
    if instance > 1 and not procs.port_is_free(port):
        return free_port()
    return port


def environment(
    config: StackConfig, name: str, instance: int, port: int, extra: Mapping[str, str] | None
) -> dict[str, str]:
    """The process environment: ours, plus ``<NAME>_*`` settings pointing at this stack
    (intake's signing key file, the others' URL of intake's public keys)."""
    prefix = name.upper()
    env = dict(os.environ)
    env.update({
        f"{prefix}_KAFKA_BOOTSTRAP": config.kafka_bootstrap,
        f"{prefix}_MONGO_URI": config.mongo_uri,
        f"{prefix}_HTTP_PORT": str(port),
        f"{prefix}_INSTANCE_ID": key(name, instance),
        "PYTHONUNBUFFERED": "1",
    })  # fmt: skip
    env.update(devkeys.auth_environment(config, name))
    env.update(config.service_env)
    env.update(extra or {})
    return env


def start(
    config: StackConfig, name: str, instance: int, port: int, extra_env: Mapping[str, str] | None
) -> ServiceProcess:
    if not config.python.exists():
        raise StackError(f"{config.python} is missing: run ./xinbao up to create the venv.")
    if not module_exists(config, name):
        raise StackError(f"There is no services/{name}/__main__.py in {config.repo} to run.")
    procs.ensure_port_free(port, f"service {key(name, instance)}")
    if name == "intake":
        devkeys.ensure_signing_key(config)
    spawned = procs.spawn(
        key(name, instance),
        [str(config.python), "-m", f"services.{name}"],
        root=config.root,
        port=port,
        env=environment(config, name, instance, port, extra_env),
        cwd=config.repo,
        log_path=config.logs_dir / f"{key(name, instance)}.log",
    )
    return ServiceProcess(name, instance, port, spawned.pid, spawned.log_path, spawned)

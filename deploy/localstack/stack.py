"""``Stack``: Kafka, SecantusDB and service processes of one root folder, started idempotently."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from deploy.localstack import kafka, mongo, procs, services
from deploy.localstack.config import StackConfig
from deploy.localstack.errors import StackError
from deploy.localstack.services import ServiceProcess

INFRA = (kafka.NAME, mongo.NAME)


class Stack:
    """The local stack of ``config.root``; safe to build twice over the same root.

    Every ``start_*`` first looks for the process in its pid file (alive, and carrying this
    stack's marker) and only waits for it to answer if it already runs, so nothing is ever
    started twice. ``timings`` collects the seconds each start took.
    """

    def __init__(self, config: StackConfig | None = None) -> None:
        self.config = config or StackConfig.from_env()
        self.timings: dict[str, float] = {}
        self._spawned: dict[str, procs.Spawned] = {}

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop_all()

    @property
    def kafka_bootstrap(self) -> str:
        return self.config.kafka_bootstrap

    @property
    def mongo_uri(self) -> str:
        return self.config.mongo_uri

    def start_infra(self, *, sync_on_commit: bool = False, timeout: float = 120.0) -> None:
        """Kafka and SecantusDB; returns once the broker answers Metadata and Mongo ``hello``."""
        self.start_mongo(sync_on_commit=sync_on_commit, timeout=timeout)
        self.start_kafka(timeout=timeout)

    def start_kafka(self, timeout: float = 120.0) -> None:
        """Resolve the jars and format the log dir if needed, then start the broker (once)."""
        cfg = self.config
        spawned = self._already_running(kafka.NAME, cfg.kafka_port)
        if spawned is None:
            java = kafka.require_java()
            self.timings["mvn_resolve"] = kafka.ensure_jars(cfg)
            procs.ensure_port_free(cfg.kafka_port, "Kafka")
            procs.ensure_port_free(cfg.kafka_controller_port, "Kafka's controller")
            began = time.monotonic()
            props, formatted = kafka.prepare(cfg, java)
            if formatted:
                self.timings["kafka_format"] = time.monotonic() - began
            spawned = self._remember(kafka.start(cfg, java, props))
        began = time.monotonic()
        procs.wait_until(
            lambda: kafka.is_ready(cfg), spawned=spawned, what="Kafka", timeout=timeout
        )
        self.timings["kafka_start"] = time.monotonic() - began

    def start_mongo(self, *, sync_on_commit: bool = False, timeout: float = 30.0) -> None:
        """Start SecantusDB (once); ``sync_on_commit`` for tests that SIGKILL it."""
        cfg = self.config
        spawned = self._already_running(mongo.NAME, cfg.mongo_port)
        if spawned is None:
            procs.ensure_port_free(cfg.mongo_port, "SecantusDB")
            spawned = self._remember(mongo.start(cfg, sync_on_commit=sync_on_commit))
        began = time.monotonic()
        procs.wait_until(
            lambda: mongo.is_ready(cfg), spawned=spawned, what="SecantusDB", timeout=timeout
        )
        self.timings["mongo_start"] = time.monotonic() - began

    def create_topics(
        self,
        topics: Mapping[str, int] | Iterable[str],
        timeout: float = 30.0,
        configs: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """Create topics (a name list gets ``num_partitions`` each) with their topic
        ``configs`` (``{"intake.session.v1": {"retention.ms": "86400000"}}``); existing
        ones are kept as they are."""
        if not isinstance(topics, Mapping):
            topics = {name: self.config.num_partitions for name in topics}
        settings = {name: dict(values) for name, values in (configs or {}).items()}
        kafka.create_topics(self.config, dict(topics), timeout=timeout, configs=settings)

    def create_system_topics(self, timeout: float = 30.0) -> list[str]:
        """Create every topic the services need (shared.contracts.topics.system_topics), with
        their configs: the broker runs with auto-creation off, as production brokers do."""
        from shared.contracts.topics import system_topics

        wanted = system_topics()
        self.create_topics(list(wanted), timeout=timeout, configs=wanted)
        return list(wanted)

    def start_service(
        self,
        name: str,
        instance: int = 1,
        port: int | None = None,
        extra_env: Mapping[str, str] | None = None,
        timeout: float = 60.0,
    ) -> ServiceProcess:
        """Run ``services.<name>`` as instance ``instance``; returns once GET /health is 200."""
        key = services.key(name, instance)
        current = procs.running(self.config.root, key)
        if current is not None:
            pid, running_port = current
            if port is not None and port != running_port:
                raise StackError(
                    f"{key} already runs on port {running_port}, not {port}: stop it first."
                )
            spawned = procs.Spawned(key, pid, running_port, self.config.logs_dir / f"{key}.log")
            service = ServiceProcess(name, instance, running_port, pid, spawned.log_path, spawned)
        else:
            port = port or services.default_port(self.config, name, instance)
            service = services.start(self.config, name, instance, port, extra_env)
            spawned = self._remember(service.spawned)  # type: ignore[arg-type]
        try:
            procs.wait_until(
                service.is_healthy, spawned=spawned, what=f"Service {key}", timeout=timeout
            )
        except StackError:
            self.stop(key)
            raise
        return service

    def start_services(self, names: Iterable[str], timeout: float = 90.0) -> list[ServiceProcess]:
        """Start several services at once (their start-ups overlap); in the order given."""
        names = list(names)
        with ThreadPoolExecutor(max_workers=max(1, len(names))) as pool:
            futures = [pool.submit(self.start_service, name, timeout=timeout) for name in names]
            return [future.result() for future in futures]

    def stop_service(
        self, service: str | ServiceProcess, instance: int = 1, timeout: float = 15.0
    ) -> bool:
        """SIGTERM, then SIGKILL after ``timeout``; False if it was not running."""
        return self.stop(self._key(service, instance), timeout)

    def kill_service(self, service: str | ServiceProcess, instance: int = 1) -> bool:
        """SIGKILL, as a crash; False if it was not running."""
        return self.kill(self._key(service, instance))

    def services(self) -> list[ServiceProcess]:
        """The service instances of this stack that run now."""
        found = []
        for path in sorted(self.config.pids_dir.glob("*.pid")):
            name, _, instance = path.stem.rpartition("-")
            current = procs.running(self.config.root, path.stem)
            if path.stem not in INFRA and instance.isdigit() and current is not None:
                log = self.config.logs_dir / f"{path.stem}.log"
                found.append(ServiceProcess(name, int(instance), current[1], current[0], log))
        return found

    def stop(self, name: str, timeout: float = 15.0) -> bool:
        """Stop any process of this stack by name (``kafka``, ``mongo``, ``scoring-2``)."""
        current = procs.running(self.config.root, name)
        if current is not None:
            procs.terminate(current[0], timeout)
        self._forget(name)
        return current is not None

    def kill(self, name: str) -> bool:
        """SIGKILL any process of this stack by name."""
        current = procs.running(self.config.root, name)
        if current is not None:
            procs.kill(current[0])
        self._forget(name)
        return current is not None

    def status(self) -> dict[str, dict[str, Any]]:
        """Each process by name: pid (None when down), port, running, healthy, rss_mib, log."""
        cfg = self.config
        report = {
            kafka.NAME: self._status(kafka.NAME, cfg.kafka_port, lambda: kafka.is_ready(cfg)),
            mongo.NAME: self._status(mongo.NAME, cfg.mongo_port, lambda: mongo.is_ready(cfg)),
        }
        for service in self.services():
            report[service.key] = self._status(service.key, service.port, service.is_healthy)
        return report

    def stop_all(self) -> None:
        """Services, then Kafka, then SecantusDB; then any stray process carrying our marker."""
        for service in self.services():
            self.stop(service.key)
        self.stop(kafka.NAME, timeout=30.0)
        self.stop(mongo.NAME)
        for name, pid in procs.find_marked(self.config.root).items():
            procs.terminate(pid, 5.0)
            self._forget(name)

    def _status(self, name: str, port: int, healthy: Any) -> dict[str, Any]:
        current = procs.running(self.config.root, name)
        pid, port = current if current else (None, port)
        return {
            "pid": pid,
            "port": port,
            "running": current is not None,
            "healthy": current is not None and bool(healthy()),
            "rss_mib": procs.rss_mib(pid) if pid else None,
            "log": str(self.config.logs_dir / f"{name}.log"),
        }

    def _already_running(self, name: str, port: int) -> procs.Spawned | None:
        current = procs.running(self.config.root, name)
        if current is None:
            return None
        if current[1] != port:
            raise StackError(
                f"{name} of {self.config.root} already runs on port {current[1]}, not {port}."
            )
        return procs.Spawned(name, current[0], port, self.config.logs_dir / f"{name}.log")

    def _remember(self, spawned: procs.Spawned) -> procs.Spawned:
        self._spawned[spawned.name] = spawned
        return spawned

    def _forget(self, name: str) -> None:
        spawned = self._spawned.pop(name, None)
        if spawned is not None and spawned.popen is not None:
            spawned.popen.poll()
        procs.pid_file(self.config.pids_dir, name).unlink(missing_ok=True)

    @staticmethod
    def _key(service: str | ServiceProcess, instance: int) -> str:
        return (
            service.key if isinstance(service, ServiceProcess) else services.key(service, instance)
        )

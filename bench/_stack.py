"""Helpers for benchmarks that drive a whole stack: start a private one, find the processes
of a running one, and read their CPU time and memory from /proc.

A private stack is what the e2e tests start (``tests/e2e/conftest.py``): genuine Kafka,
SecantusDB and the four services as processes, in a fresh folder under the system's temp
dir and on ports that are free now, so it never meets ``./xinbao up`` (``.run/``, 8001-8004,
9092, 27017) or an e2e session. ``stop()`` stops everything it started and removes the folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deploy.localstack import SERVICES, Stack, StackConfig
from deploy.localstack import procs as stack_procs

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class StackEndpoints:
    """Where a stack listens: service URLs by name, Kafka bootstrap, MongoDB URI."""

    urls: dict[str, str]
    kafka: str
    mongo: str
    pids: dict[str, int] = field(default_factory=dict)
    """Process name (intake, scoring, ..., kafka, mongo) -> pid, where known."""


class PrivateStack:
    """Kafka, SecantusDB and the four services in a temporary folder on free ports."""

    def __init__(self, keep: bool = False, service_env: Mapping[str, str] | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="xinbao-throughput-"))
        self.stack = Stack(StackConfig.with_free_ports(self.root, service_env=dict(service_env or {})))
        self.keep = keep
        self.seconds = 0.0

    def start(self) -> StackEndpoints:
        began = time.monotonic()
        self.stack.start_infra()
        self.stack.create_system_topics()
        self.stack.start_services(SERVICES)
        self.seconds = time.monotonic() - began
        return self.endpoints()

    def endpoints(self) -> StackEndpoints:
        cfg = self.stack.config
        urls = {name: f"http://127.0.0.1:{cfg.service_ports[name]}" for name in SERVICES}
        pids = {s.name if s.instance == 1 else s.key: s.pid for s in self.stack.services()}
        for name in ("kafka", "mongo"):
            running = stack_procs.running(cfg.root, name)
            if running is not None:
                pids[name] = running[0]
        return StackEndpoints(urls, cfg.kafka_bootstrap, cfg.mongo_uri, pids)

    def log_tail(self, name: str, lines: int = 20) -> str:
        return stack_procs.tail(self.stack.config.logs_dir / f"{name}.log", lines)

    def stop(self) -> None:
        try:
            self.stack.stop_all()
        finally:
            if not self.keep:
                shutil.rmtree(self.root, ignore_errors=True)


# ---------------------------------------------------------------------------------- /proc


def pid_listening_on(port: int) -> int | None:
    """The pid of the process listening on TCP ``port`` (IPv4 or IPv6), found through /proc."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                inodes.add(f"socket:[{inode}]")
    if not inodes:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    return int(entry.name)
        except OSError:
            continue
    return None


def children_by_parent() -> dict[int, list[int]]:
    """Every live process's children, from /proc (one pass)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(pid: int, children: dict[int, list[int]] | None = None) -> list[int]:
    """``pid`` and all its descendants (``children``: a ``children_by_parent()`` to reuse)."""
    children = children_by_parent() if children is None else children
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, ()))
    return tree


def cpu_seconds(pid: int, children: dict[int, list[int]] | None = None) -> float | None:
    """User + system CPU seconds of ``pid`` and its live descendants (all their threads)."""
    total, found = 0.0, False
    for member in process_tree(pid, children):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found = True
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return total if found else None


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak resident set since the process started), in KiB."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    except OSError:
        pass
    return found

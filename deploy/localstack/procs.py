"""Detached processes, found again by pid file and checked by a marker in their environment.

Every process the stack starts carries ``XINBAO_STACK_PROCESS=<root>::<name>`` in its
environment, so a recycled pid is never mistaken for ours, and ``stop_all`` can also find
processes whose pid file was lost.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from deploy.localstack.errors import StackError

MARKER = "XINBAO_STACK_PROCESS"


def marker(root: Path, name: str) -> str:
    return f"{root}::{name}"


@dataclass
class Spawned:
    """A process this stack started: its name, pid, port and log file."""

    name: str
    pid: int
    port: int
    log_path: Path
    popen: subprocess.Popen[bytes] | None = None


def pid_file(pids_dir: Path, name: str) -> Path:
    return pids_dir / f"{name}.pid"


def read_pid_file(pids_dir: Path, name: str) -> tuple[int, int] | None:
    """(pid, port) recorded for ``name``, or None."""
    try:
        pid, port = pid_file(pids_dir, name).read_text().split()[:2]
        return int(pid), int(port)
    except (OSError, ValueError):
        return None


def spawn(
    name: str,
    argv: Sequence[str],
    *,
    root: Path,
    port: int,
    env: Mapping[str, str],
    cwd: Path,
    log_path: Path,
) -> Spawned:
    """Start ``argv`` in its own session, output appended to ``log_path``; write its pid file."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    pids_dir = root / "pids"
    pids_dir.mkdir(parents=True, exist_ok=True)
    full_env = {**env, MARKER: marker(root, name)}
    with open(log_path, "ab") as log:
        log.write(
            f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} start {name}: {' '.join(argv)}\n".encode()
        )
        log.flush()
        popen = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=full_env,
            start_new_session=True,
        )
    pid_file(pids_dir, name).write_text(f"{popen.pid} {port}\n")
    return Spawned(name, popen.pid, port, log_path, popen)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def is_alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie counts as gone, and is reaped when it is our child)."""
    _reap(pid)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def has_marker(pid: int, value: str) -> bool:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return False
    return f"{MARKER}={value}".encode() in environ.split(b"\0")


def find_marked(root: Path) -> dict[str, int]:
    """Every live process started by the stack in ``root``, by name, found through /proc."""
    prefix = f"{MARKER}={root}::".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        for item in environ.split(b"\0"):
            if item.startswith(prefix) and is_alive(int(entry.name)):
                found[item[len(prefix) :].decode()] = int(entry.name)
    return found


def running(root: Path, name: str) -> tuple[int, int] | None:
    """(pid, port) of the live process ``name`` of this stack, or None (stale pid files go)."""
    recorded = read_pid_file(root / "pids", name)
    if recorded is None:
        return None
    pid, _port = recorded
    if is_alive(pid) and has_marker(pid, marker(root, name)):
        return recorded
    pid_file(root / "pids", name).unlink(missing_ok=True)
    return None


def rss_mib(pid: int) -> float | None:
    """Resident memory of ``pid`` in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def signal_group(pid: int, sig: signal.Signals) -> None:
    """Send ``sig`` to the process group that ``pid`` leads (each of ours leads one)."""
    with contextlib.suppress(ProcessLookupError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)


def terminate(pid: int, timeout: float) -> bool:
    """SIGTERM, then SIGKILL after ``timeout`` seconds; True if it stopped on SIGTERM."""
    signal_group(pid, signal.SIGTERM)
    if wait_gone(pid, timeout):
        return True
    signal_group(pid, signal.SIGKILL)
    wait_gone(pid, 10)
    return False


def kill(pid: int) -> None:
    """SIGKILL to the process group, as a crash would: nothing gets to clean up."""
    signal_group(pid, signal.SIGKILL)
    wait_gone(pid, 10)


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while is_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_owner(port: int) -> str:
    """Who listens on ``port``: 'pid N (command line)' when /proc tells, else 'another process'."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
                    return f"pid {proc.name} ({cmd[:120]})"
    return "another process"


def ensure_port_free(port: int, what: str) -> None:
    if not port_is_free(port):
        raise StackError(
            f"Port {port} for {what} is in use by {port_owner(port)}. Stop that process, or "
            f"choose another port (see XINBAO_*_PORT in deploy/localstack/README.md)."
        )


def tail(path: Path, lines: int = 30) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(handle.tell() - 64 * 1024, 0))
            text = handle.read().decode(errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


def wait_until(ready: Callable[[], bool], *, spawned: Spawned, what: str, timeout: float) -> float:
    """Poll ``ready`` until it holds; seconds waited. Fails fast when the process dies."""
    start = time.monotonic()
    while True:
        if ready():
            return time.monotonic() - start
        if not is_alive(spawned.pid):
            raise StackError(
                f"{what} (pid {spawned.pid}) exited during start-up. Last lines of "
                f"{spawned.log_path}:\n{tail(spawned.log_path)}"
            )
        if time.monotonic() - start > timeout:
            raise StackError(
                f"{what} (pid {spawned.pid}) did not become ready within {timeout:.0f} s. "
                f"Last lines of {spawned.log_path}:\n{tail(spawned.log_path)}"
            )
        time.sleep(0.1)

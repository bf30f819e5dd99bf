"""SecantusDB (a MongoDB wire-protocol server over WiredTiger) from the project's venv.

Readiness is a real ``hello`` command over OP_MSG, written with the standard library so
that ``status`` works without the venv: a writable primary answering ``ok: 1``.
"""

from __future__ import annotations

import os
import socket
import struct
from pathlib import Path
from typing import Any

from deploy.localstack import procs
from deploy.localstack.config import StackConfig
from deploy.localstack.errors import StackError

NAME = "mongo"
OP_MSG = 2013


def executable(config: StackConfig) -> Path:
    path = config.venv / "bin" / "secantusd-py"
    if not path.exists():
        raise StackError(
            f"{path} is missing: SecantusDB is installed with the project's dev extras. "
            "Run ./xinbao up (or .venv/bin/pip install -e '.[dev]')."
        )
    return path


def start(config: StackConfig, *, sync_on_commit: bool = False) -> procs.Spawned:
    """Launch secantusd-py detached, with its data in ``<root>/mongo``."""
    storage = config.root / "mongo"
    storage.mkdir(parents=True, exist_ok=True)
    # An explicit (empty) config file stops it from picking up ./secantusd.toml or ~/.secantus.
    toml = config.root / "secantusd.toml"
    toml.touch()
    argv = [str(executable(config)), "--config", str(toml), "--host", "127.0.0.1",
            "--port", str(config.mongo_port), "--storage-path", str(storage),
            "--log-level", "WARNING", "--cache-size", config.mongo_cache_size]  # fmt: skip
    if sync_on_commit:
        argv.append("--sync-on-commit")
    return procs.spawn(NAME, argv, root=config.root, port=config.mongo_port, env=dict(os.environ),
                       cwd=config.root, log_path=config.logs_dir / "mongo.log")  # fmt: skip


def is_ready(config: StackConfig) -> bool:
    try:
        reply = hello(("127.0.0.1", config.mongo_port))
    except (OSError, ValueError, struct.error):
        return False
    return reply.get("ok") == 1.0 and bool(reply.get("isWritablePrimary"))


def hello(address: tuple[str, int], timeout: float = 2.0) -> dict[str, Any]:
    """Send ``{hello: 1, $db: "admin"}`` and return the top-level scalar fields of the reply."""
    doc = _element_int32("hello", 1) + _element_string("$db", "admin")
    body = struct.pack("<i", 0) + b"\x00" + struct.pack("<i", len(doc) + 5) + doc + b"\x00"
    message = struct.pack("<iiii", 16 + len(body), 1, 0, OP_MSG) + body
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(message)
        size = struct.unpack("<i", _recv(sock, 4))[0]
        reply = _recv(sock, size - 4)
    if struct.unpack_from("<i", reply, 8)[0] != OP_MSG:
        raise ValueError("not an OP_MSG reply")
    return _scalars(reply[12 + 4 + 1 :])


def _element_int32(key: str, value: int) -> bytes:
    return b"\x10" + key.encode() + b"\x00" + struct.pack("<i", value)


def _element_string(key: str, value: str) -> bytes:
    raw = value.encode() + b"\x00"
    return b"\x02" + key.encode() + b"\x00" + struct.pack("<i", len(raw)) + raw


def _recv(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ValueError("connection closed")
        data += chunk
    return data


_FIXED = {0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0A: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16}


def _scalars(doc: bytes) -> dict[str, Any]:
    """Top-level double, bool, int and string fields of a BSON document; others are skipped."""
    end, pos, out = struct.unpack_from("<i", doc)[0] - 1, 4, {}
    while pos < end:
        kind = doc[pos]
        key_end = doc.index(b"\x00", pos + 1)
        key, pos = doc[pos + 1 : key_end].decode(), key_end + 1
        if kind == 0x01:
            out[key] = struct.unpack_from("<d", doc, pos)[0]
        elif kind == 0x08:
            out[key] = doc[pos] == 1
        elif kind in (0x10, 0x12):
            out[key] = struct.unpack_from("<i" if kind == 0x10 else "<q", doc, pos)[0]
        if kind in _FIXED:
            pos += _FIXED[kind]
        elif kind == 0x02:
            length = struct.unpack_from("<i", doc, pos)[0]
            out[key] = doc[pos + 4 : pos + 3 + length].decode(errors="replace")
            pos += 4 + length
        elif kind in (0x03, 0x04):
            pos += struct.unpack_from("<i", doc, pos)[0]
        elif kind == 0x05:
            pos += 5 + struct.unpack_from("<i", doc, pos)[0]
        else:
            break  # a type this reader does not know: stop, keeping what was read
    return out

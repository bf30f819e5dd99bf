"""Just enough of the Kafka wire protocol, in the standard library, to manage a local broker.

Three requests, all in non-flexible versions that Kafka 4.x still serves:
``ApiVersions`` v0 (does the broker answer at all), ``Metadata`` v4 (brokers, controller,
topics and their leaders) and ``CreateTopics`` v4. A TCP connect proves nothing: Kafka
opens its socket before the broker has joined the KRaft quorum, so readiness means that a
Metadata answer lists this broker and a controller.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass, field

API_VERSIONS, METADATA, CREATE_TOPICS = 18, 3, 19
TOPIC_ALREADY_EXISTS = 36


class KafkaWireError(OSError):
    """The broker could not be reached, or answered something this module cannot read."""


@dataclass(frozen=True)
class TopicInfo:
    """A topic as Metadata describes it: its error code and partition leaders (-1 = none)."""

    name: str
    error_code: int
    leaders: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ClusterInfo:
    """What a Metadata answer says about the cluster."""

    brokers: dict[int, tuple[str, int]]
    controller_id: int
    cluster_id: str | None
    topics: dict[str, TopicInfo]


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> int:
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return value

    def string(self) -> str | None:
        length = self.take(">h")
        if length < 0:
            return None
        text = self.data[self.pos : self.pos + length].decode()
        self.pos += length
        return text

    def int32_array(self) -> list[int]:
        return [self.take(">i") for _ in range(max(self.take(">i"), 0))]


def _string(text: str | None) -> bytes:
    if text is None:
        return struct.pack(">h", -1)
    raw = text.encode()
    return struct.pack(">h", len(raw)) + raw


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = sock.recv(remaining)
        if not chunk:
            raise KafkaWireError("connection closed by the broker")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _call(
    address: tuple[str, int], api_key: int, version: int, body: bytes, timeout: float
) -> _Reader:
    header = struct.pack(">hhi", api_key, version, 1) + _string("xinbao-localstack")
    frame = header + body
    try:
        with socket.create_connection(address, timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(frame)) + frame)
            size = struct.unpack(">i", _recv_exactly(sock, 4))[0]
            reader = _Reader(_recv_exactly(sock, size))
    except (OSError, struct.error) as exc:
        raise KafkaWireError(f"Kafka at {address[0]}:{address[1]}: {exc}") from exc
    reader.take(">i")  # correlation id
    return reader


def api_versions(address: tuple[str, int], timeout: float = 2.0) -> dict[int, tuple[int, int]]:
    """Map of api key to (min, max) version that the broker serves."""
    reader = _call(address, API_VERSIONS, 0, b"", timeout)
    error = reader.take(">h")
    if error:
        raise KafkaWireError(f"ApiVersions failed with error code {error}")
    versions = {}
    for _ in range(reader.take(">i")):
        key, low, high = reader.take(">h"), reader.take(">h"), reader.take(">h")
        versions[key] = (low, high)
    return versions


def metadata(
    address: tuple[str, int], topics: list[str] | None = None, timeout: float = 2.0
) -> ClusterInfo:
    """Brokers, controller and topics (all of them when ``topics`` is None); never creates one."""
    if topics is None:
        body = struct.pack(">i", -1)
    else:
        body = struct.pack(">i", len(topics)) + b"".join(_string(t) for t in topics)
    reader = _call(address, METADATA, 4, body + b"\x00", timeout)
    reader.take(">i")  # throttle time
    brokers = {}
    for _ in range(reader.take(">i")):
        node_id, host, port = reader.take(">i"), reader.string(), reader.take(">i")
        reader.string()  # rack
        brokers[node_id] = (host or "", port)
    cluster_id, controller_id = reader.string(), reader.take(">i")
    found = {}
    for _ in range(reader.take(">i")):
        error, name = reader.take(">h"), reader.string() or ""
        reader.take(">?")  # is_internal
        leaders = {}
        for _ in range(reader.take(">i")):
            reader.take(">h")  # partition error code
            partition, leader = reader.take(">i"), reader.take(">i")
            reader.int32_array()  # replicas
            reader.int32_array()  # in-sync replicas
            leaders[partition] = leader
        found[name] = TopicInfo(name, error, leaders)
    return ClusterInfo(brokers, controller_id, cluster_id, found)


def create_topics(
    address: tuple[str, int],
    partitions: dict[str, int],
    timeout: float = 30.0,
    configs: dict[str, dict[str, str]] | None = None,
) -> dict[str, int]:
    """Ask for each topic with its partition count (replication 1) and its topic configs
    (``retention.ms``, ...); map topic to error code.

    ``TOPIC_ALREADY_EXISTS`` is returned as is: callers usually treat it as success.
    """
    body = struct.pack(">i", len(partitions))
    for name, count in partitions.items():
        settings = (configs or {}).get(name, {})
        body += _string(name) + struct.pack(">ihii", count, 1, 0, len(settings))
        for key, value in settings.items():
            body += _string(key) + _string(value)
    body += struct.pack(">i?", int(timeout * 1000), False)
    reader = _call(address, CREATE_TOPICS, 4, body, timeout + 5)
    reader.take(">i")  # throttle time
    errors = {}
    for _ in range(reader.take(">i")):
        name, error = reader.string() or "", reader.take(">h")
        reader.string()  # error message
        errors[name] = error
    return errors

"""Topics created on purpose, with their partitions and retention, rather than by the
brokers' auto-creation (which gives every topic the cluster default, whatever it carries).

:class:`KafkaTopics` creates a topic through Kafka's admin API and leaves one that exists
as it is (creating is idempotent, so several replicas may race); :class:`MemoryTopics`
records what would be created, for the in-memory broker of fast tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.messaging.settings import KafkaSettings


@dataclass(frozen=True)
class TopicSpec:
    """A topic as it should be created."""

    name: str
    partitions: int
    retention_ms: int
    replication: int = 1

    def configs(self) -> dict[str, str]:
        return {"retention.ms": str(self.retention_ms)}


class TopicAdmin(ABC):
    @abstractmethod
    async def ensure(self, spec: TopicSpec) -> bool:
        """Create the topic unless it exists; True when this call created it. Raises when
        the brokers cannot be reached or refuse the topic."""


class KafkaTopics(TopicAdmin):
    def __init__(self, kafka: KafkaSettings, *, timeout_ms: int = 15_000) -> None:
        self._kafka = kafka
        self._timeout_ms = timeout_ms

    async def ensure(self, spec: TopicSpec) -> bool:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self._kafka.bootstrap,
            client_id=f"{self._kafka.client_id}-admin",
            request_timeout_ms=self._timeout_ms,
        )
        await admin.start()
        try:
            topic = NewTopic(spec.name, spec.partitions, spec.replication, topic_configs=spec.configs())
            response = await admin.create_topics([topic], timeout_ms=self._timeout_ms)
        finally:
            await admin.close()
        for name, code, message in _topic_errors(response):
            if code == TopicAlreadyExistsError.errno:
                return False
            if code:
                raise RuntimeError(f"Kafka refused topic {name!r}: error {code} {message or ''}".strip())
        return True


@dataclass
class MemoryTopics(TopicAdmin):
    created: dict[str, TopicSpec] = field(default_factory=dict)

    async def ensure(self, spec: TopicSpec) -> bool:
        if spec.name in self.created:
            return False
        self.created[spec.name] = spec
        return True


def _topic_errors(response: object) -> list[tuple[str, int, str | None]]:
    """(topic, error code, message) of a CreateTopics response of any version (v0 has no message)."""
    rows = getattr(response, "topic_errors", None) or getattr(response, "topic_error_codes", [])
    return [(row[0], row[1], row[2] if len(row) > 2 else None) for row in rows]

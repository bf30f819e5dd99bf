"""What the brokers say about a topic: its partition count and its configuration (the
tests that check a topic was created as asked, not by auto-creation)."""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType


@dataclass(frozen=True)
class TopicFacts:
    error_code: int
    partitions: int
    configs: dict[str, str]


async def describe_topic(bootstrap: str, topic: str) -> TopicFacts:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    finally:
        await admin.close()
    [resource] = response.resources
    configs = {entry[0]: entry[1] for entry in resource[4]}  # (name, value, read_only, ...)
    return TopicFacts(described["error_code"], len(described["partitions"]), configs)

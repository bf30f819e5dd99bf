"""The local stack starts genuine Kafka and SecantusDB that do what the services rely on,
runs service processes idempotently, and leaves no process behind."""

from __future__ import annotations

import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import UnknownTopicOrPartitionError
from pymongo import MongoClient

from deploy.localstack import Stack, StackConfig, StackError, free_port
from deploy.localstack.procs import find_marked, port_is_free
from shared.contracts.topics import RETENTION_MS, SESSIONS, system_topics
from shared.messaging.settings import KafkaSettings
from shared.messaging.topics import KafkaTopics, TopicSpec
from tests.kafka_topics import describe_topic


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(StackConfig.with_free_ports(tmp_path_factory.mktemp("stack")))
    try:
        stack.start_infra()
        yield stack
    finally:
        stack.stop_all()


@pytest.mark.e2e
async def test_idempotent_producer_message_reaches_a_consumer_group(stack: Stack) -> None:
    topic = f"smoke.{uuid.uuid4().hex[:8]}.v1"
    stack.create_topics({topic: 3})
    producer = AIOKafkaProducer(
        bootstrap_servers=stack.kafka_bootstrap, enable_idempotence=True, acks="all"
    )
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"hello", key=b"submission-1")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=stack.kafka_bootstrap,
        group_id="smoke",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        message = await consumer.getone()
        await consumer.commit()
    finally:
        await consumer.stop()
    assert (message.key, message.value) == (b"submission-1", b"hello")


@pytest.mark.e2e
async def test_writing_to_a_topic_nobody_created_fails_and_creates_nothing(stack: Stack) -> None:
    """Auto-creation is off, as on production brokers: a misspelt topic is an error at once,
    not a new topic that nobody reads."""
    topic = f"smoke.misspelt.{uuid.uuid4().hex[:8]}.v1"
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka_bootstrap, request_timeout_ms=2000)
    await producer.start()
    try:
        with pytest.raises(UnknownTopicOrPartitionError):
            await producer.send_and_wait(topic, b"lost?")
    finally:
        await producer.stop()
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.kafka_bootstrap)
    await admin.start()
    try:
        assert topic not in await admin.list_topics()
    finally:
        await admin.close()


@pytest.mark.e2e
async def test_the_system_topics_are_created_with_their_retention(stack: Stack) -> None:
    created = stack.create_system_topics()
    assert set(created) == set(system_topics()) and SESSIONS in created
    assert (await describe_topic(stack.kafka_bootstrap, SESSIONS)).configs["retention.ms"] == str(
        RETENTION_MS[SESSIONS]
    )
    assert stack.create_system_topics() == created  # again: kept as they are


@pytest.mark.e2e
async def test_a_topic_is_created_with_its_retention(stack: Stack) -> None:
    topic = f"smoke.session.{uuid.uuid4().hex[:8]}.v1"
    stack.create_topics([topic], configs={topic: {"retention.ms": "86400000"}})
    entries = (await describe_topic(stack.kafka_bootstrap, topic)).configs
    assert entries["retention.ms"] == "86400000"


@pytest.mark.e2e
async def test_topic_admin_creates_a_topic_once_with_partitions_and_retention(stack: Stack) -> None:
    spec = TopicSpec(f"notify.feed.smoke-{uuid.uuid4().hex[:8]}.v1", 4, 2 * 86_400_000)
    topics = KafkaTopics(KafkaSettings(bootstrap=stack.kafka_bootstrap))
    assert await topics.ensure(spec) is True
    assert await topics.ensure(spec) is False  # a second replica, or a retry: left as it is
    facts = await describe_topic(stack.kafka_bootstrap, spec.name)
    assert facts.partitions == 4 != stack.config.num_partitions
    assert facts.configs["retention.ms"] == str(2 * 86_400_000)


@pytest.mark.e2e
async def test_read_committed_consumer_sees_committed_transactions_only(stack: Stack) -> None:
    topic = f"smoke.tx.{uuid.uuid4().hex[:8]}.v1"
    stack.create_topics([topic])
    producer = AIOKafkaProducer(
        bootstrap_servers=stack.kafka_bootstrap, transactional_id="smoke-tx"
    )
    await producer.start()
    try:
        async with producer.transaction():
            await producer.send_and_wait(topic, b"committed", key=b"k")
        await producer.begin_transaction()
        await producer.send_and_wait(topic, b"aborted", key=b"k")
        await producer.abort_transaction()
        async with producer.transaction():
            await producer.send_and_wait(topic, b"last", key=b"k")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=stack.kafka_bootstrap,
        group_id="smoke-tx",
        auto_offset_reset="earliest",
        isolation_level="read_committed",
    )
    await consumer.start()
    try:
        seen = [(await consumer.getone()).value for _ in range(2)]
    finally:
        await consumer.stop()
    assert seen == [b"committed", b"last"]


@pytest.mark.e2e
def test_mongo_transaction_commits_and_abort_leaves_nothing(stack: Stack) -> None:
    with MongoClient(stack.mongo_uri, serverSelectionTimeoutMS=5000) as client:
        items = client.smoke.items
        with client.start_session() as session, session.start_transaction():
            items.insert_one({"_id": "a"}, session=session)
            items.insert_one({"_id": "b"}, session=session)
        with client.start_session() as session:
            session.start_transaction()
            items.insert_one({"_id": "c"}, session=session)
            session.abort_transaction()
        assert sorted(doc["_id"] for doc in items.find()) == ["a", "b"]


@pytest.mark.e2e
def test_second_start_reuses_the_running_processes(stack: Stack) -> None:
    before = {name: info["pid"] for name, info in stack.status().items()}
    again = Stack(stack.config)
    again.start_infra()
    after = {name: info["pid"] for name, info in again.status().items()}
    assert after == before
    assert all(info["healthy"] for info in again.status().values())


FAKE_SERVICE = """
    import http.server, os, sys
    if os.environ.get("FAKE_FAIL"):
        sys.exit("fake service: configured to fail")
    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/health" else 404)
            self.end_headers()
            self.wfile.write(os.environ["FAKE_INSTANCE_ID"].encode())
    port = int(os.environ["FAKE_HTTP_PORT"])
    http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
"""


@pytest.fixture
def fake_repo_stack(tmp_path: Path) -> Iterator[Stack]:
    """A repository whose only service, ``fake``, answers /health; its venv is ours."""
    repo = tmp_path / "repo"
    (repo / "services" / "fake").mkdir(parents=True)
    (repo / "services" / "__init__.py").touch()
    (repo / "services" / "fake" / "__main__.py").write_text(textwrap.dedent(FAKE_SERVICE))
    (repo / ".venv").symlink_to(Path(sys.prefix))
    config = StackConfig(root=tmp_path / "run", repo=repo, service_ports={"fake": free_port()})
    stack = Stack(config)
    try:
        yield stack
    finally:
        stack.stop_all()
        assert find_marked(config.root) == {}


def test_service_instances_start_once_and_stop_or_crash_by_pid(fake_repo_stack: Stack) -> None:
    stack = fake_repo_stack
    first = stack.start_service("fake")
    assert stack.start_service("fake").pid == first.pid
    second = stack.start_service("fake", instance=2, port=free_port())
    assert {s.key for s in stack.services()} == {"fake-1", "fake-2"}
    assert stack.kill_service(second)
    assert not second.is_alive() and port_is_free(second.port)
    assert stack.stop_service("fake")
    assert not first.is_alive() and stack.services() == []
    assert stack.start_service("fake").pid != first.pid


def test_a_service_that_dies_at_start_reports_its_log(fake_repo_stack: Stack) -> None:
    with pytest.raises(StackError, match="configured to fail"):
        fake_repo_stack.start_service("fake", extra_env={"FAKE_FAIL": "1"}, timeout=20)
    assert fake_repo_stack.services() == []


def test_a_port_held_by_a_foreign_process_is_named(fake_repo_stack: Stack) -> None:
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(StackError, match=rf"Port {port} .* in use by pid \d+"):
            fake_repo_stack.start_service("fake", port=port)


@pytest.mark.e2e
def test_stop_all_leaves_no_process_behind(stack: Stack) -> None:
    ports = (stack.config.kafka_port, stack.config.kafka_controller_port, stack.config.mongo_port)
    stack.stop_all()
    assert find_marked(stack.config.root) == {}
    assert all(port_is_free(port) for port in ports)

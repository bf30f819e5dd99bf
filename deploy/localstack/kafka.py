"""Genuine Apache Kafka as a single-node KRaft broker+controller, run from Maven Central jars."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

from deploy.localstack import kafkawire, procs
from deploy.localstack.config import StackConfig
from deploy.localstack.errors import StackError

NAME = "kafka"
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true",
)
LOG4J2_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <File name="file" fileName="{log}" append="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Root level="WARN"><AppenderRef ref="file"/></Root>
    <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
  </Loggers>
</Configuration>
"""


def require_java() -> str:
    """Path of a Java 17+ runtime, or a StackError saying how to install one."""
    java = shutil.which("java")
    hint = "Install OpenJDK 17: apt-get install openjdk-17-jre-headless"
    if java is None:
        raise StackError(f"Kafka needs Java, and `java` is not on PATH. {hint}")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(\d+)', out)
    if match is None or int(match.group(1)) < 17:
        raise StackError(
            f"Kafka 4.x needs Java 17 or newer; `java -version` says: {out.strip()}. {hint}"
        )
    return java


def ensure_jars(config: StackConfig) -> float:
    """Resolve Kafka's jars with Maven into the repo's cache unless there; seconds spent."""
    libs = config.kafka_libs
    pom = config.repo / "deploy" / "kafka" / "pom.xml"
    stamp = libs / ".pom-sha256"
    wanted = hashlib.sha256(pom.read_bytes()).hexdigest()
    if list(libs.glob("kafka_2.13-*.jar")) and _read(stamp) == wanted:
        return 0.0
    if libs.exists():  # the pom changed: drop jars it may no longer want
        shutil.rmtree(libs)
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StackError(
            f"Kafka's jars are not in {libs} yet and Maven is needed to fetch them from Maven "
            "Central. Install it: apt-get install maven"
        )
    start = time.monotonic()
    result = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={libs}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not list(libs.glob("kafka_2.13-*.jar")):
        raise StackError(
            f"mvn could not resolve Kafka from {pom}:\n{result.stdout[-3000:]}"
            f"{result.stderr[-2000:]}"
        )
    stamp.write_text(wanted)
    return time.monotonic() - start


def _read(path: Path) -> str:
    return path.read_text().strip() if path.exists() else ""


def server_properties(config: StackConfig, data_dir: Path) -> str:
    """A single-node KRaft combined broker+controller, on 127.0.0.1 only, replication 1."""
    host = "127.0.0.1"
    port, cport = config.kafka_port, config.kafka_controller_port
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "listeners": f"PLAINTEXT://{host}:{port},CONTROLLER://{host}:{cport}",
        "advertised.listeners": f"PLAINTEXT://{host}:{port},CONTROLLER://{host}:{cport}",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        # Kafka 4.x dynamic quorum: `format --standalone` forbids controller.quorum.voters.
        "controller.quorum.bootstrap.servers": f"{host}:{cport}",
        "log.dirs": str(data_dir),
        "num.partitions": str(config.num_partitions),
        # as in production: a topic exists because the stack (or notify, for an agency) created
        # it with its partitions and retention, never because someone wrote to a misspelt name
        "auto.create.topics.enable": "false",
        "offsets.topic.replication.factor": "1",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        # 50 partitions each by default: fewer makes the first group join and transaction quicker.
        "offsets.topic.num.partitions": "12",
        "transaction.state.log.num.partitions": "12",
        "group.initial.rebalance.delay.ms": "0",
        "num.network.threads": "2",
        "num.io.threads": "4",
        **config.kafka_extra_properties,
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def _cluster_id() -> str:
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):
            return text


def prepare(config: StackConfig, java: str) -> tuple[Path, bool]:
    """Write the configs, format the log dir the first time; (server.properties, formatted now)."""
    home = config.root / "kafka"
    data_dir = home / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    config.logs_dir.mkdir(parents=True, exist_ok=True)
    props = home / "server.properties"
    props.write_text(server_properties(config, data_dir))
    (home / "log4j2.xml").write_text(LOG4J2_XML.format(log=config.logs_dir / "kafka.log"))
    if (data_dir / "meta.properties").exists():
        return props, False
    argv = [java, "-cp", f"{config.kafka_libs}/*", "kafka.tools.StorageTool", "format",
            "-t", _cluster_id(), "-c", str(props), "--standalone"]  # fmt: skip
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise StackError(
            f"Formatting Kafka's log dir {data_dir} failed:\n{result.stdout}{result.stderr}"
        )
    return props, True


def start(config: StackConfig, java: str, props: Path) -> procs.Spawned:
    """Launch the broker detached; its output and its log4j file appender share logs/kafka.log."""
    argv = [java, *config.kafka_heap_opts.split(), *JVM_FLAGS,
            f"-Dlog4j2.configurationFile={props.parent / 'log4j2.xml'}",
            f"-Dkafka.logs.dir={config.logs_dir}",
            "-cp", f"{config.kafka_libs}/*", "kafka.Kafka", str(props)]  # fmt: skip
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAFKA_")}
    return procs.spawn(NAME, argv, root=config.root, port=config.kafka_port, env=env,
                       cwd=config.root, log_path=config.logs_dir / "kafka.log")  # fmt: skip


def is_ready(config: StackConfig) -> bool:
    """The broker answers Metadata, lists itself and knows its controller."""
    try:
        info = kafkawire.metadata(("127.0.0.1", config.kafka_port), topics=[], timeout=2.0)
    except kafkawire.KafkaWireError:
        return False
    return 1 in info.brokers and info.controller_id >= 0


def create_topics(
    config: StackConfig,
    partitions: dict[str, int],
    timeout: float = 30.0,
    configs: dict[str, dict[str, str]] | None = None,
) -> None:
    """Create the missing topics (with ``configs`` per topic) and wait until every partition
    of each has a leader."""
    address = ("127.0.0.1", config.kafka_port)
    errors = kafkawire.create_topics(address, partitions, timeout=timeout, configs=configs)
    failed = {t: e for t, e in errors.items() if e not in (0, kafkawire.TOPIC_ALREADY_EXISTS)}
    if failed:
        raise StackError(f"Kafka refused to create topics (name: Kafka error code): {failed}")
    deadline = time.monotonic() + timeout
    while True:
        info = kafkawire.metadata(address, topics=list(partitions))
        if all(t.error_code == 0 and t.leaders and min(t.leaders.values()) >= 0
               for t in info.topics.values()):  # fmt: skip
            return
        if time.monotonic() > deadline:
            raise StackError(
                f"Topics got no partition leaders within {timeout:.0f} s: {info.topics}"
            )
        time.sleep(0.1)

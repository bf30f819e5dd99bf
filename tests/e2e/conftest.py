"""The real system for end-to-end tests: genuine Kafka (KRaft), SecantusDB and the four
services as separate processes, on free ports in a temporary folder, started once per session.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from deploy.localstack import Stack, StackConfig
from shared.contracts.topics import ALL_TOPICS, dead_letter_topic
from tests.e2e.harness import SERVICES, Api, url

ORG = [
    {"unit_id": "e2e-prov", "name": "江南省人民政府办公厅", "level": "province"},
    {"unit_id": "e2e-city", "name": "临江市人民政府办公室", "level": "city", "parent_id": "e2e-prov"},
    {"unit_id": "e2e-county", "name": "东溪县人民政府办公室", "level": "county", "parent_id": "e2e-city"},
    {"unit_id": "e2e-town", "name": "河山镇人民政府", "level": "township", "parent_id": "e2e-county"},
]
PEOPLE = [
    {"person_id": "e2e-officer", "name": "李明", "unit_id": "e2e-town", "roles": ["officer"]},
    {"person_id": "e2e-county-editor", "name": "王芳", "unit_id": "e2e-county", "roles": ["editor"]},
    {"person_id": "e2e-city-editor", "name": "赵强", "unit_id": "e2e-city", "roles": ["editor"]},
    {"person_id": "e2e-city-leader", "name": "陈市长", "unit_id": "e2e-city", "roles": ["leader"]},
]


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root: Path = tmp_path_factory.mktemp("xinbao-stack")
    config = StackConfig.with_free_ports(root)
    with Stack(config) as running:
        began = time.monotonic()
        running.start_infra(sync_on_commit=True)
        names = [*ALL_TOPICS, *(dead_letter_topic(t) for t in ALL_TOPICS)]
        running.create_topics(names)
        running.start_services(SERVICES)
        print(f"\n[e2e] stack up in {time.monotonic() - began:.1f} s: {running.timings}")
        yield running


@pytest.fixture(scope="session")
def org(stack: Stack) -> None:
    with httpx.Client(base_url=url(stack, "intake"), timeout=10.0) as intake:
        for path, rows in (("/units", ORG), ("/people", PEOPLE)):
            for row in rows:
                response = intake.post(path, json=row)
                assert response.status_code == 201, response.text


@pytest.fixture
async def intake(stack: Stack, org: None) -> AsyncIterator[Api]:
    api = Api(url(stack, "intake"))
    yield api
    await api.close()

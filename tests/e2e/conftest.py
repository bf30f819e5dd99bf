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
from services.intake.settings import LOCAL_BOOTSTRAP_ADMIN_PASSWORD
from tests.e2e.harness import PASSWORD, SERVICES, Api, url

ORG = [
    {"unit_id": "e2e-prov", "name": "江南省人民政府办公厅", "level": "province"},
    {"unit_id": "e2e-city", "name": "临江市人民政府办公室", "level": "city", "parent_id": "e2e-prov"},
    {"unit_id": "e2e-county", "name": "东溪县人民政府办公室", "level": "county", "parent_id": "e2e-city"},
    {"unit_id": "e2e-town", "name": "河山镇人民政府", "level": "township", "parent_id": "e2e-county"},
    {"unit_id": "e2e-town2", "name": "柳山镇人民政府", "level": "township", "parent_id": "e2e-county"},
]
PEOPLE = [
    {"person_id": "e2e-officer", "name": "李明", "unit_id": "e2e-town", "roles": ["officer"]},
    {"person_id": "e2e-head", "name": "张镇长", "unit_id": "e2e-town", "roles": ["unit_head"]},
    {"person_id": "e2e-county-editor", "name": "王芳", "unit_id": "e2e-county", "roles": ["editor"]},
    {"person_id": "e2e-city-editor", "name": "赵强", "unit_id": "e2e-city", "roles": ["editor"]},
    {"person_id": "e2e-city-leader", "name": "陈市长", "unit_id": "e2e-city", "roles": ["leader"]},
    {"person_id": "e2e-county-leader", "name": "刘县长", "unit_id": "e2e-county", "roles": ["leader"]},
    {"person_id": "e2e-other-officer", "name": "周红", "unit_id": "e2e-town2", "roles": ["officer"]},
    {"person_id": "e2e-prov-editor", "name": "孙伟", "unit_id": "e2e-prov", "roles": ["editor"]},
]


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root: Path = tmp_path_factory.mktemp("xinbao-stack")
    # notify may post webhooks to a plain-http receiver on loopback in these tests; set for the
    # service processes only, so that tests in this process never see it (order independence)
    e2e_env = {
        "NOTIFY_WEBHOOK_ALLOW_HTTP": "true", "NOTIFY_WEBHOOK_ALLOW_PRIVATE": "true",
        "NOTIFY_DISPATCH_POLL_SECONDS": "0.5",
        # the standings watcher compares ranks every second instead of every five minutes
        "INCENTIVES_STANDINGS_TICK_SECONDS": "1",
    }
    config = StackConfig.with_free_ports(root, service_env=e2e_env)
    with Stack(config) as running:
        began = time.monotonic()
        running.start_infra(sync_on_commit=True)
        running.create_system_topics()
        running.start_services(SERVICES)
        print(f"\n[e2e] stack up in {time.monotonic() - began:.1f} s: {running.timings}")
        yield running


@pytest.fixture(scope="session")
def org(stack: Stack) -> None:
    """The org tree and people, created by the bootstrap admin (the local default password)."""
    with httpx.Client(base_url=url(stack, "intake"), timeout=10.0) as intake:
        login = {"person_id": "admin", "password": LOCAL_BOOTSTRAP_ADMIN_PASSWORD}
        token = intake.post("/auth/login", json=login).json()["token"]
        intake.headers["Authorization"] = f"Bearer {token}"
        rows = [("/units", unit) for unit in ORG]
        rows += [("/people", {**person, "password": PASSWORD}) for person in PEOPLE]
        for path, row in rows:
            response = intake.post(path, json=row)
            assert response.status_code == 201, response.text


@pytest.fixture
async def intake(stack: Stack, org: None) -> AsyncIterator[Api]:
    """Intake as the township's unit head, who submits directly."""
    api = await Api.logged_in(url(stack, "intake"), "e2e-head", PASSWORD)
    yield api
    await api.close()

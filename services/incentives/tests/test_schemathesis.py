"""Incentives' HTTP API against its own OpenAPI document, fuzzed by schemathesis.

What it proves: each operation the document lists, called with generated parameters and bodies
(valid and invalid ones) by the bootstrap admin, whom no route refuses, on the component tests'
app (conftest ``service``: in-memory store, fed the townships hs and qs under dx with an item each
in October 2026, hs's adopted: the route walk's world), answers
without a server error (no 5xx, no exception) and as documented: a documented status code,
content type and headers, and a body matching the schema of that status.

Budget: 20 generated examples per operation, derandomized (the same ones every run), without
shrinking or schemathesis' coverage phase, plus the document's own examples; a fresh app per
operation. ``-s`` prints the requests made, by operation and status. Nothing is excluded.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from services.incentives.app import create_app
from services.incentives.tests.conftest import Incentives
from services.incentives.tests.events import adopted, received, unit
from shared.auth.testing import TestTokens
from shared.persistence import MemoryDatabase

ADMIN = {"subject": "admin", "unit": None, "roles": ("admin",)}
"""The bootstrap admin: acts on every unit and heads every office, so no route refuses them."""
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
BUDGET = settings(max_examples=20, derandomize=True, database=None, deadline=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
DOCUMENT = create_app(memory=MemoryDatabase(), verifier=TestTokens().verifier("incentives")).openapi()
schema = schemathesis.openapi.from_dict(
    DOCUMENT, config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
)
SENT: defaultdict[str, Counter[int]] = defaultdict(Counter)
Call = Callable[[schemathesis.Case], httpx.Response]


@pytest.fixture
async def call(service: Incentives) -> Call:
    """Sends a case as the admin to the app, in the event loop its fixtures run in."""
    await service.send(unit("hs"), unit("qs"))
    await service.send(received("h1", "hs", "hs.li"), adopted("h1", "hs"), received("q1", "qs", "qs.wang"))
    loop = asyncio.get_running_loop()
    return lambda case: loop.run_until_complete(send(service.app, service.tokens.headers(**ADMIN), case))


async def send(app: Any, credentials: dict[str, str], case: schemathesis.Case) -> httpx.Response:
    """The request schemathesis makes of ``case`` (serialized as for ``requests``), through the
    app's ASGI interface; headers the case sets itself win over ``credentials``."""
    made = case.as_transport_kwargs(base_url="http://incentives")
    fields = ("method", "url", "headers", "params", "cookies", "json", "data", "files")
    request = requests.Request(**{k: made[k] for k in fields if k in made}).prepare()
    headers = httpx.Headers(credentials)
    headers.update(request.headers)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        return await client.request(request.method, request.url, headers=headers, content=request.body)


@schema.parametrize()
@BUDGET
def test_every_operation_answers_as_documented(call: Call, case: schemathesis.Case) -> None:
    response = call(case)
    SENT[case.operation.label][response.status_code] += 1
    case.validate_response(response, checks=CHECKS)


@pytest.fixture(scope="session", autouse=True)
def requests_made() -> Iterator[None]:
    """At the end of the run (shown with ``-s``): the requests made, by operation and status."""
    yield
    total = sum(sum(statuses.values()) for statuses in SENT.values())
    print(f"\nincentives: {total} requests to {len(SENT)} operations")
    for label, statuses in sorted(SENT.items()):
        print(f"  {label}: {dict(sorted(statuses.items()))}")

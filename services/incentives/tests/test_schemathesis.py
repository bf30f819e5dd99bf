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

from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
import schemathesis

from services.incentives.app import create_app
from services.incentives.tests.conftest import Incentives
from services.incentives.tests.events import adopted, received, unit
from shared.auth.testing import TestTokens
from shared.persistence import MemoryDatabase
from tests.schemathesis_run import Call, Sent, budget, caller, check, report, schema_of

ADMIN = {"subject": "admin", "unit": None, "roles": ("admin",)}
"""The bootstrap admin: acts on every unit and heads every office, so no route refuses them."""
BUDGET = budget(20)
DOCUMENT = create_app(memory=MemoryDatabase(), verifier=TestTokens().verifier("incentives")).openapi()
schema = schema_of(DOCUMENT)
SENT: Sent = defaultdict(Counter)


@pytest.fixture
async def call(service: Incentives) -> Call:
    """Cases go to the seeded app as the admin."""
    await service.send(unit("hs"), unit("qs"))
    await service.send(received("h1", "hs", "hs.li"), adopted("h1", "hs"), received("q1", "qs", "qs.wang"))
    return caller(service.app, service.tokens.headers(**ADMIN))


@schema.parametrize()
@BUDGET
def test_every_operation_answers_as_documented(call: Call, case: schemathesis.Case) -> None:
    check(call, case, SENT)


@pytest.fixture(scope="session", autouse=True)
def requests_made() -> Iterator[None]:
    """At the end of the run (shown with ``-s``): the requests made, by operation and status."""
    yield
    report("incentives", SENT)

"""Notify's HTTP API against its own OpenAPI document, fuzzed by schemathesis.

What it proves: each operation the document lists, called with generated parameters and bodies
(valid and invalid ones) by the bootstrap admin, whom no route refuses (the agency feed takes an
agency's API key instead), on the route walk's app (``seeded``: in-memory store, the org tree, an
inbox message, a dead e-mail, a reminder, two agencies, a bulletin), answers
without a server error (no 5xx, no exception) and as documented: a documented status code,
content type and headers, and a body matching the schema of that status.

Budget: 20 generated examples per operation, derandomized (the same ones every run), without
shrinking or schemathesis' coverage phase, plus the document's own examples; a fresh app per
operation. ``-s`` prints the requests made, by operation and status. Nothing is excluded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict

import pytest
import schemathesis

from services.notify.tests import test_every_route_authenticates as route_walk
from services.notify.tests.harness import Clock, build, local
from shared.persistence import MemoryDatabase
from tests.schemathesis_run import Call, Sent, budget, caller, check, report, schema_of

ADMIN = asdict(route_walk.ADMIN)
"""The bootstrap admin: acts on every unit and office and on everyone's inbox and preferences."""
BUDGET = budget(20)
DOCUMENT = build(Clock(local("2026-11-18 10:00")), MemoryDatabase())[0].openapi()
schema = schema_of(DOCUMENT)
SENT: Sent = defaultdict(Counter)
seeded = route_walk.seeded  # the route walk's fixture, used by ``call``


@pytest.fixture
async def call(seeded: route_walk.Seeded) -> Call:
    """Cases go to the seeded app as the admin."""
    notify = seeded.notify
    return caller(notify.app, notify.tokens.headers(**ADMIN))


@schema.parametrize()
@BUDGET
def test_every_operation_answers_as_documented(call: Call, case: schemathesis.Case) -> None:
    check(call, case, SENT)


@pytest.fixture(scope="session", autouse=True)
def requests_made() -> Iterator[None]:
    """At the end of the run (shown with ``-s``): the requests made, by operation and status."""
    yield
    report("notify", SENT)

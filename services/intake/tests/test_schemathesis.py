"""Intake's HTTP API against its own OpenAPI document, fuzzed by schemathesis.

What it proves: each operation the document lists, called with generated parameters and bodies
(valid and invalid ones) by the widest caller there is: the office head of the root office jn who
is also its admin, editor and leader, added by the bootstrap admin and logged in with intake's own
session token, on the component tests' app (conftest ``intake``: in-memory store, the org tree and
its people), answers
without a server error (no 5xx, no exception) and as documented: a documented status code,
content type and headers, and a body matching the schema of that status.

Budget: 15 generated examples per operation, derandomized (the same ones every run), without
shrinking or schemathesis' coverage phase, plus the document's own examples; a fresh app per
operation. ``-s`` prints the requests made, by operation and status. Nothing is excluded: the
uploads get generated files, the downloads are checked against their documented media types. The
pages (/web) are not in the document; the route walk covers them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
import schemathesis

from services.intake.app import create_app
from services.intake.tests.conftest import ADMIN_PASSWORD, PASSWORD, IntakeHarness
from shared.persistence import MemoryDatabase
from tests.schemathesis_run import Call, Sent, budget, caller, check, report, schema_of

CHIEF = {"person_id": "chief", "name": "省办主任", "unit_id": "jn", "password": PASSWORD,
         "roles": ["office_head", "admin", "editor", "leader"]}
"""Keeps the whole tree and acts at the top office. Writing items needs a unit role: 403 here."""
BUDGET = budget(15)
DOCUMENT = create_app(
    memory=MemoryDatabase(), bcrypt_rounds=4, bootstrap_admin_password=ADMIN_PASSWORD
).openapi()
schema = schema_of(DOCUMENT)
SENT: Sent = defaultdict(Counter)


@pytest.fixture
async def call(intake: IntakeHarness) -> Call:
    """Cases go to the seeded app as the chief."""
    await intake.ok("POST", "/people", as_="admin", json=CHIEF)
    credentials = {"Authorization": f"Bearer {await intake.login('chief')}"}
    return caller(intake.app, credentials)


@schema.parametrize()
@BUDGET
def test_every_operation_answers_as_documented(call: Call, case: schemathesis.Case) -> None:
    check(call, case, SENT)


@pytest.fixture(scope="session", autouse=True)
def requests_made() -> Iterator[None]:
    """At the end of the run (shown with ``-s``): the requests made, by operation and status."""
    yield
    report("intake", SENT)

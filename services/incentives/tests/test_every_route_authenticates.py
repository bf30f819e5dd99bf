"""Every route of incentives, walked from its OpenAPI document: who may call it (tests/route_walk.py).

The standings and the quota board answer every reader with the rows of their own subtree
(test_scope_component.py); outside their scope is a person who holds no reading role.
"""

from __future__ import annotations

import pytest

from services.incentives.tests.conftest import ASSESSOR, CITY_HEAD, OFFICE_EDITOR, OFFICE_HEAD, Incentives
from services.incentives.tests.events import adopted, received, unit
from services.incentives.tests.policies import TEST_POLICY_TEXT
from tests.route_walk import Route, RouteKey, RouteWalk

HS_OFFICER = {"subject": "hs.li", "unit": "hs", "roles": ("officer",)}
QS_OFFICER = {"subject": "qs.wang", "unit": "qs", "roles": ("officer",)}
NO_ROLE = {"subject": "nobody", "unit": "hs", "roles": ()}
OTHER_COUNTY_HEAD = {"subject": "ss.head", "unit": "ss", "roles": ("office_head",)}
DRAFT = TEST_POLICY_TEXT.encode()

ROUTES: dict[RouteKey, Route] = {
    ("GET", "/units/{unit_id}/balance"): Route("/units/hs/balance?period=2026-10", HS_OFFICER, QS_OFFICER),
    ("GET", "/units/{unit_id}/entries"): Route("/units/hs/entries?period=2026-10", OFFICE_HEAD, QS_OFFICER),
    ("GET", "/standings"): Route("/standings?period=2026-10", HS_OFFICER, NO_ROLE),
    ("GET", "/standings/people"): Route("/standings/people?period=2026-10", OFFICE_HEAD, NO_ROLE),
    ("GET", "/quotas"): Route("/quotas?period=2026-10&office_id=dx", OFFICE_HEAD, NO_ROLE),
    ("GET", "/policy"): Route("/policy", HS_OFFICER, None),
    ("POST", "/periods/{period}/close"): Route("/periods/2026-10/close", ASSESSOR, OTHER_COUNTY_HEAD),
    ("GET", "/assessments/{year}"): Route("/assessments/2026", ASSESSOR, OFFICE_EDITOR),
    ("GET", "/assessments/{year}.xlsx"): Route("/assessments/2026.xlsx", ASSESSOR, CITY_HEAD),
    ("GET", "/assessments/{year}.docx"): Route("/assessments/2026.docx", ASSESSOR, HS_OFFICER),
    ("GET", "/rewards"): Route("/rewards?period=2026-10", ASSESSOR, OTHER_COUNTY_HEAD),
    ("POST", "/what-if"): Route("/what-if?period=2026-10", ASSESSOR, OFFICE_EDITOR, content=DRAFT),
}


@pytest.fixture
async def walked(service: Incentives) -> Incentives:
    """hs and qs under dx, each with an item in October 2026, hs's adopted."""
    await service.send(unit("hs"), unit("qs"))
    await service.send(received("h1", "hs", "hs.li"), adopted("h1", "hs"), received("q1", "qs", "qs.wang"))
    return service


class TestEveryRoute(RouteWalk):
    ROUTES = ROUTES

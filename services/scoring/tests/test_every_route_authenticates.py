"""Every route of scoring, walked from its OpenAPI document: who may call it (tests/route_walk.py)."""

from __future__ import annotations

import pytest

from services.scoring.tests.conftest import (
    COUNTY_EDITOR,
    COUNTY_LEADER,
    OFFICER,
    OTHER_OFFICER,
    Scoring,
    received,
)
from tests.route_walk import Route, RouteKey, RouteWalk

ROUTES: dict[RouteKey, Route] = {
    ("GET", "/scores/{submission_id}"): Route("/scores/s1", OFFICER, OTHER_OFFICER, refused=404),
    ("POST", "/preview"): Route("/preview", OFFICER, COUNTY_LEADER, json={"title": "标题", "body": "正文。"}),
    ("GET", "/agreement"): Route("/agreement?period=2026-11", COUNTY_EDITOR, OFFICER),
    ("GET", "/rubric"): Route("/rubric", OFFICER, None),
}


@pytest.fixture
async def walked(service: Scoring) -> Scoring:
    """The org tree and one scored item of hs (s1)."""
    await service.publish(received())
    return service


class TestEveryRoute(RouteWalk):
    ROUTES = ROUTES

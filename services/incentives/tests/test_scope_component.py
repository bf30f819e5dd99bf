"""Who reaches which points (services/incentives/access.py): units and offices see their own
subtree, only the head of the policy's office closes, assesses and tries drafts."""

from __future__ import annotations

from datetime import timedelta

import httpx

from services.incentives.domain import lineage
from services.incentives.tests.conftest import ASSESSOR, CITY_HEAD, OFFICE_EDITOR, OFFICE_HEAD, Incentives
from services.incentives.tests.events import adopted, received, unit
from shared.contracts import SessionRevoked

HS_OFFICER = {"subject": "hs.li", "unit": "hs", "roles": ("officer",)}
QS_OFFICER = {"subject": "qs.wang", "unit": "qs", "roles": ("officer",)}
OTHER_COUNTY_HEAD = {"subject": "ss.head", "unit": "ss", "roles": ("office_head",)}
NO_ROLE = {"subject": "nobody", "unit": "hs", "roles": ()}
ADMIN = {"subject": "admin", "unit": None, "roles": ("admin",)}
PERIOD = {"period": "2026-10"}


async def two_towns_and_one_elsewhere(service: Incentives) -> None:
    """hs and qs report to dx, lt to ss; hs has an adopted item, qs and lt one item each."""
    await service.send(unit("hs"), unit("qs"), unit("lt", parent="ss"))
    await service.send(received("h1", "hs", "hs.li"), adopted("h1", "hs"))
    await service.send(received("q1", "qs", "qs.wang"), received("l1", "lt", "lt.zhao"))


async def status(service: Incentives, who: dict[str, object], url: str, method: str = "GET") -> int:
    response = await service.client.request(method, url, params=PERIOD, auth=service.as_(who))
    return response.status_code


async def test_a_township_officer_reads_only_their_own_units_points(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    assert await status(service, HS_OFFICER, "/units/hs/entries") == 200
    refused = await service.client.get("/units/qs/entries", params=PERIOD, auth=service.as_(HS_OFFICER))
    assert refused.status_code == 403 and "qs" in refused.json()["detail"]
    assert await status(service, HS_OFFICER, "/units/qs/balance") == 403


async def test_an_office_reads_the_units_below_it_and_no_others(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    assert await status(service, OFFICE_HEAD, "/units/qs/balance") == 200
    assert await status(service, OFFICE_HEAD, "/units/lt/balance") == 403
    assert await status(service, OTHER_COUNTY_HEAD, "/units/hs/entries") == 403


async def test_an_office_further_up_reaches_the_units_once_the_tree_says_so(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    city_head = {"subject": "lj.head", "unit": "lj", "roles": ("office_head",)}
    assert await status(service, city_head, "/units/hs/balance") == 403
    await service.send(unit("dx", parent="lj"))
    assert await status(service, city_head, "/units/hs/balance") == 200


async def test_standings_show_the_callers_subtree_with_ranks_among_all_peers(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    everyone = {s["unit_id"]: s for s in await service.get("/standings", who=ADMIN, **PERIOD)}
    own = await service.get("/standings", who=QS_OFFICER, **PERIOD)
    assert [(s["unit_id"], s["rank"]) for s in own] == [("qs", everyone["qs"]["rank"])]
    assert everyone["qs"]["rank"] > 1, "qs is not first: its rank is among all peers"
    office = await service.get("/standings", **PERIOD)
    assert {s["unit_id"] for s in office} == {"hs", "qs"}
    people = await service.get("/standings/people", who=HS_OFFICER, **PERIOD)
    assert [p["person_id"] for p in people] == ["hs.li"]


async def test_a_person_without_a_role_reads_no_standings(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    for url in ("/standings", "/standings/people", "/quotas", "/units/hs/balance"):
        assert await status(service, NO_ROLE, url) == 403, url


async def test_a_county_office_head_may_not_close_another_offices_period(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    announced = len(service.published("PointsAwarded"))
    for who in (CITY_HEAD, OTHER_COUNTY_HEAD, OFFICE_EDITOR):
        refused = await service.client.post("/periods/2026-10/close", auth=service.as_(who))
        assert refused.status_code == 403, who
        assert "office_head of dx" in refused.json()["detail"]
    assert not service.table("closures") and len(service.published("PointsAwarded")) == announced
    closed = await service.client.post("/periods/2026-10/close", auth=service.as_(ASSESSOR))
    assert closed.status_code == 200
    assert service.table("closures")


async def test_only_the_assessing_office_reads_reports_and_tries_drafts(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    for url in ("/assessments/2026", "/assessments/2026.xlsx", "/assessments/2026.docx", "/rewards"):
        assert await status(service, CITY_HEAD, url) == 403, url
        assert await status(service, OFFICE_EDITOR, url) == 403, url
        assert await status(service, ASSESSOR, url) == 200, url
    not_even_parsed = await service.client.post(
        "/what-if", params=PERIOD, content=b"[not yaml", auth=service.as_(OFFICE_EDITOR)
    )
    assert not_even_parsed.status_code == 403


async def test_tokens_issued_before_a_role_change_stop_working_at_once(service: Incentives) -> None:
    await two_towns_and_one_elsewhere(service)
    old = service.tokens.headers(**HS_OFFICER)

    def with_old_token(request: httpx.Request) -> httpx.Request:
        request.headers.update(old)
        return request

    async def with_the_old_token() -> int:
        response = await service.client.get("/units/hs/balance", params=PERIOD, auth=with_old_token)
        return response.status_code

    assert await with_the_old_token() == 200
    service.now[0] += timedelta(minutes=1)
    await service.send(
        SessionRevoked.originated(
            producer="intake",
            person_id="hs.li",
            reason="roles_changed",
            occurred_at=service.now[0],
        )
    )
    service.now[0] += timedelta(seconds=1)
    assert await with_the_old_token() == 401
    assert await status(service, HS_OFFICER, "/units/hs/balance") == 200, "a token issued since works"


def test_a_lineage_ends_at_the_highest_known_unit_and_at_a_cycle() -> None:
    parents = {"hs": "dx", "dx": "lj", "lj": None, "a": "b", "b": "a"}
    assert lineage("hs", parents) == ("hs", "dx", "lj")
    assert lineage("xc", parents) == ("xc",)
    assert lineage("a", parents) == ("a", "b")

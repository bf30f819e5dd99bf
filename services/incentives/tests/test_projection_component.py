"""Standings kept current as events arrive: the totals projection, officers, entries pages."""

from __future__ import annotations

import copy
from decimal import Decimal

from services.incentives.domain import UnitProfile, fold, peer_grouping, rank_standings
from services.incentives.repositories.ledger import _entry
from services.incentives.tests.conftest import Incentives
from services.incentives.tests.events import adopted, quota, received, scored, unit, withdrawn
from services.incentives.usecases import verify_totals


async def two_towns_with_items(service: Incentives) -> None:
    await service.send(unit("hs"), unit("qs"), unit("dq", unit_class="II"))
    await service.send(received("s1", "hs", "hs.li"), scored("s1", "hs", "hs.li", "excellent"))
    await service.send(adopted("s1", "hs", "city", "city-xinxi"))
    await service.send(received("s2", "qs", "qs.wang"), scored("s2", "qs", "qs.wang", "fair"))
    await service.send(received("s3", "qs", "qs.wang", period="2026-11"))
    await service.send(adopted("s2", "qs"))


async def test_standings_come_from_totals_kept_in_step_with_the_ledger(service: Incentives) -> None:
    await two_towns_with_items(service)
    served = await service.get("/standings", period="2026-10")
    entries = [_entry(doc) for doc in service.table("ledger").values()]
    deps = service.app.state.deps
    policy = deps.book.for_period("2026-10")
    units = ["hs", "qs", "dq"]
    profiles = [
        UnitProfile("hs", unit_class="III"),
        UnitProfile("qs", unit_class="III"),
        UnitProfile("dq", unit_class="II"),
    ]
    expected = rank_standings(fold(entries), units, "2026-10", peer_grouping(policy, profiles))
    assert [(s["unit_id"], Decimal(s["total"]), s["rank"], s["items"]) for s in served] == [
        (s.unit_id, s.total, s.rank, s.items) for s in expected
    ]
    assert {s["unit_id"]: s["name"] for s in served}["hs"] == "hs镇"
    assert service.table("totals") and await verify_totals(deps.new_uow) == []


async def test_a_town_with_a_city_adoption_outranks_its_peer(service: Incentives) -> None:
    await two_towns_with_items(service)
    ranked = {s["unit_id"]: s for s in await service.get("/standings", period="2026-10")}
    assert ranked["hs"]["rank"] == 1 and ranked["qs"]["rank"] == 2
    assert ranked["hs"]["peer_group"] == ranked["qs"]["peer_group"] == "III"
    assert ranked["dq"]["rank"] == 1 and Decimal(ranked["dq"]["total"]) == 0
    assert Decimal(ranked["hs"]["money"]) == Decimal("100.00")


async def test_quarter_and_year_standings_add_up_their_months(service: Incentives) -> None:
    await two_towns_with_items(service)
    october = {s["unit_id"]: s for s in await service.get("/standings", period="2026-10")}
    quarter = {s["unit_id"]: s for s in await service.get("/standings", period="2026-Q4")}
    year = {s["unit_id"]: s for s in await service.get("/standings", period="2026")}
    assert quarter["qs"]["items"] == year["qs"]["items"] == october["qs"]["items"] + 1 == 2
    assert quarter["hs"]["total"] == year["hs"]["total"] == october["hs"]["total"]


async def test_officers_are_ranked_with_their_names_and_units(service: Incentives) -> None:
    await two_towns_with_items(service)
    officers = await service.get("/standings/people", period="2026-10")
    by_id = {o["person_id"]: o for o in officers}
    assert set(by_id) == {"hs.li", "qs.wang"}
    assert by_id["hs.li"]["name"] == "作者hs.li" and by_id["hs.li"]["unit_ids"] == ["hs"]
    assert by_id["hs.li"]["rank"] == 1 and by_id["qs.wang"]["rank"] == 2
    assert Decimal(by_id["hs.li"]["total"]) > Decimal(by_id["qs.wang"]["total"]) > 0


async def test_a_withdrawn_item_leaves_the_standings(service: Incentives) -> None:
    await two_towns_with_items(service)
    await service.send(withdrawn("s2", "qs"))
    ranked = {s["unit_id"]: s for s in await service.get("/standings", period="2026-10")}
    assert Decimal(ranked["qs"]["total"]) == 0 and ranked["qs"]["items"] == 0
    assert await verify_totals(service.app.state.deps.new_uow) == []


async def test_entries_are_paginated_and_say_why(service: Incentives) -> None:
    await two_towns_with_items(service)
    first = await service.client.get("/units/hs/entries", params={"period": "2026-10", "limit": 2})
    total = int(first.headers["X-Total-Count"])
    assert total > 2 and len(first.json()) == 2
    seen, response = list(first.json()), first
    while "Link" in response.headers:
        following = response.headers["Link"].split(";")[0].strip("<>")
        response = await service.client.get(following)
        seen += response.json()
    assert len({e["entry_id"] for e in seen}) == total
    for entry in seen:
        assert entry["cause_event_id"] and entry["rule"] and entry["policy_version"] and entry["reason"]


async def test_the_same_item_and_score_events_twice_count_once(service: Incentives) -> None:
    await service.send(unit("hs"))
    events = [received("s1"), scored("s1"), adopted("s1")]
    await service.send(*events)
    state = copy.deepcopy((service.table("totals"), service.table("facts"), len(service.memory.outbox)))
    await service.send(*events)
    assert (service.table("totals"), service.table("facts"), len(service.memory.outbox)) == state
    assert len(service.table("facts")) == 3


async def test_a_malformed_period_is_refused(service: Incentives) -> None:
    response = await service.client.get("/standings/people", params={"period": "2026-13"})
    assert response.status_code == 422


async def test_quota_events_do_not_disturb_standings(service: Incentives) -> None:
    await two_towns_with_items(service)
    before = await service.get("/standings", period="2026-10")
    await service.send(quota("hs", 4))
    assert await service.get("/standings", period="2026-10") == before

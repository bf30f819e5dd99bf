"""Quotas per unit and period, and closing a period: base, shortfall, adoption rate, once."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from services.incentives.tests.conftest import ASSESSOR, Incentives
from services.incentives.tests.events import adopted, quota, received, unit
from services.incentives.usecases import verify_totals


async def october(service: Incentives) -> None:
    """hs (class III, 3 a month) submits 3 items, one adopted; qs is asked for 2 and sends 1."""
    await service.send(unit("hs"), unit("qs"), unit("lt", unit_class="IV", parent="ss"))
    await service.send(*(received(f"h{n}", "hs", "hs.li") for n in range(3)))
    await service.send(adopted("h0", "hs"))
    await service.send(received("q1", "qs", "qs.wang"), quota("qs", 2))


async def test_the_quota_board_names_who_is_behind(service: Incentives) -> None:
    await october(service)
    board = await service.get("/quotas", period="2026-10", office_id="dx")
    rows = {row["unit_id"]: row for row in board["units"]}
    assert set(rows) == {"hs", "qs"} and board["behind"] == 1
    assert [row["unit_id"] for row in board["units"]] == ["qs", "hs"]
    assert rows["qs"] | {"name": "qs镇"} == rows["qs"]
    assert (rows["qs"]["required"], rows["qs"]["submitted"], rows["qs"]["missing"]) == (2, 1, 1)
    assert rows["qs"]["quota_source"] == "quota_set" and rows["qs"]["behind"]
    assert (rows["hs"]["required"], rows["hs"]["achieved"], rows["hs"]["adopted"]) == (3, 3, 1)
    assert rows["hs"]["quota_source"] == "unit_class" and not rows["hs"]["behind"]
    assert Decimal(rows["hs"]["adoption_rate"]) == Decimal("33.33")


async def test_the_board_holds_only_the_units_the_office_assesses(service: Incentives) -> None:
    """lt reports to ss, another county's office: dx's policy does not assess it, so no board
    of this service lists it, not even the administrator's or that of lt's own office."""
    await october(service)
    ss_head = {"subject": "ss.head", "unit": "ss", "roles": ("office_head",)}
    board = await service.get("/quotas", who=ss_head, period="2026-10", office_id="ss")
    assert board["units"] == [] and board["behind"] == 0
    own = await service.get("/quotas", period="2026-10")
    assert {row["unit_id"] for row in own["units"]} == {"hs", "qs"} and own["behind"] == 1
    admin = {"subject": "admin", "unit": None, "roles": ("admin",)}
    everyone = await service.get("/quotas", who=admin, period="2026-10")
    assert {row["unit_id"] for row in everyone["units"]} == {"hs", "qs"}


async def test_closing_a_month_awards_the_base_and_deducts_shortfalls_once(service: Incentives) -> None:
    await october(service)
    response = await service.client.post("/periods/2026-10/close", auth=service.as_(ASSESSOR))
    assert response.status_code == 200, response.text
    closed = response.json()
    by_unit = {(e["unit_id"], e["rule"]): Decimal(e["points"]) for e in closed["entries"]}
    assert by_unit == {("hs", "quota_base"): Decimal(10), ("qs", "quota_shortfall"): Decimal(-1)}
    assert not service.table("ledger").keys() & {"close:2026-10:quota_shortfall:lt"}, "lt is ss's"
    announced = {e["entry_id"] for e in service.published("PointsAwarded")}
    assert {"close:2026-10:quota_base:hs", "close:2026-10:quota_shortfall:qs"} <= announced
    outbox = len(service.memory.outbox)
    again = (await service.client.post("/periods/2026-10/close", auth=service.as_(ASSESSOR))).json()
    assert again["appended_now"] == 0 and again["appended"] == 2 and len(service.memory.outbox) == outbox
    ranked = {s["unit_id"]: s for s in await service.get("/standings", period="2026-10")}
    assert Decimal(ranked["qs"]["total"]) == Decimal(-1)
    assert await verify_totals(service.app.state.deps.new_uow) == []
    metrics = (await service.client.get("/metrics")).text
    assert 'xinbao_period_closes_total{outcome="appended",period_kind="month"} 1.0' in metrics
    assert 'xinbao_period_closes_total{outcome="unchanged",period_kind="month"} 1.0' in metrics


async def test_a_period_cannot_be_closed_before_it_ends(service: Incentives) -> None:
    await october(service)
    service.now[0] = datetime(2026, 10, 31, 15, 0, tzinfo=UTC)  # 23:00 on 31 October in UTC+8
    response = await service.client.post("/periods/2026-10/close", auth=service.as_(ASSESSOR))
    assert response.status_code == 409 and "2026-10" in response.json()["detail"]
    assert not service.table("closures")


async def test_closing_a_quarter_deducts_a_low_adoption_rate(service: Incentives) -> None:
    await october(service)
    service.now[0] = datetime(2027, 1, 2, tzinfo=UTC)
    closed = (await service.client.post("/periods/2026-Q4/close", auth=service.as_(ASSESSOR))).json()
    assert [(e["unit_id"], e["rule"]) for e in closed["entries"]] == [("qs", "adoption_rate_low")]
    assert "采用率" in closed["entries"][0]["reason"]


async def test_a_redelivered_quota_does_not_undo_a_newer_one(service: Incentives) -> None:
    await service.send(unit("qs"))
    first, second = quota("qs", 2), quota("qs", 4)
    await service.send(first, second, first)
    board = await service.get("/quotas", period="2026-10")
    assert board["units"][0]["required"] == 4 and len(service.table("quotas")) == 1

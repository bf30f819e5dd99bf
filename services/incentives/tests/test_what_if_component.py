"""What if: standings under a draft policy, replayed from the kept facts, nothing written."""

from __future__ import annotations

import copy
from decimal import Decimal

from services.incentives.tests.conftest import ASSESSOR, Incentives
from services.incentives.tests.events import adopted, received, scored, unit
from services.incentives.tests.policies import TEST_POLICY_TEXT

DEFAULT = TEST_POLICY_TEXT
COUNTY_LINE = "      points: {combined: 5, excerpt: 5, full_text: 10}"


def draft(text: str = DEFAULT, **swaps: str) -> str:
    for old, new in swaps.items():
        assert old in text
        text = text.replace(old, new)
    return text.replace('version: "county-default-2026.1"', 'version: "draft-2027"').replace(
        "effective_from: 2026-01-01", "effective_from: 2027-01-01"
    )


async def county_and_city(service: Incentives) -> None:
    """hs: a fair item adopted by the county (11); qs: a good item adopted by the city (52)."""
    await service.send(unit("hs"), unit("qs"))
    await service.send(received("s1", "hs", "hs.li"), scored("s1", "hs", "hs.li", "fair"))
    await service.send(adopted("s1", "hs"))
    await service.send(received("s2", "qs", "qs.wang"), scored("s2", "qs", "qs.wang", "good"))
    await service.send(adopted("s2", "qs", "city", "city-xinxi"))


async def what_if(service: Incentives, text: str, period: str = "2026-10") -> dict[str, object]:
    response = await service.client.post(
        "/what-if",
        params={"period": period},
        content=text.encode(),
        headers={"content-type": "application/yaml"},
        auth=service.as_(ASSESSOR),
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_draft_that_values_county_adoptions_reorders_the_standings(service: Incentives) -> None:
    await county_and_city(service)
    ledger, outbox = copy.deepcopy(service.table("ledger")), len(service.memory.outbox)
    richer = COUNTY_LINE.replace("full_text: 10", "full_text: 200")
    result = await what_if(service, draft(**{COUNTY_LINE: richer}))
    rows = {row["unit_id"]: row for row in result["standings"]}  # type: ignore[attr-defined]
    assert result["draft_version"] == "draft-2027" and result["current_version"] == "county-default-2026.1"
    assert (rows["hs"]["rank"], rows["hs"]["current_rank"]) == (1, 2)
    assert Decimal(rows["hs"]["total"]) == 201 and Decimal(rows["hs"]["current_total"]) == 11
    assert Decimal(rows["hs"]["change"]) == 190 and Decimal(rows["qs"]["change"]) == 0
    assert service.table("ledger") == ledger and len(service.memory.outbox) == outbox


async def test_the_policy_in_force_as_a_draft_changes_nothing(service: Incentives) -> None:
    await county_and_city(service)
    result = await what_if(service, DEFAULT)
    assert all(Decimal(row["change"]) == 0 for row in result["standings"])  # type: ignore[attr-defined]
    assert result["facts_replayed"] == 6


async def test_closed_periods_are_closed_again_under_the_draft(service: Incentives) -> None:
    await county_and_city(service)
    closed = await service.client.post("/periods/2026-10/close", auth=service.as_(ASSESSOR))
    assert closed.status_code == 200
    shortfall = "shortfall: {per: month, points_per_missing_item: -1}"
    result = await what_if(service, draft(**{shortfall: shortfall.replace("-1", "-5")}))
    rows = {row["unit_id"]: row for row in result["standings"]}  # type: ignore[attr-defined]
    assert result["closed_periods"] == ["2026-10"]
    # each town sent 1 of the 3 items class III owes: 2 missing at -5 instead of -1
    assert Decimal(rows["hs"]["change"]) == Decimal(rows["qs"]["change"]) == -8


async def test_a_draft_that_is_not_yaml_is_refused_naming_the_line(service: Incentives) -> None:
    broken = draft().replace("  combine: cumulative", "  combine: [cumulative")
    response = await service.client.post(
        "/what-if", params={"period": "2026-10"}, content=broken.encode(), auth=service.as_(ASSESSOR)
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "combine: [cumulative" in text)
    reported = detail["problems"][0]["line"]
    assert reported >= line and f"line {reported}" in detail["message"]


async def test_a_rule_for_activity_is_refused_at_its_line(service: Incentives) -> None:
    text = draft().replace("submission:\n  points: 0", "submission:\n  points: 0\nlogin_days:\n  points: 1")
    response = await service.client.post(
        "/what-if", params={"period": "2026-10"}, content=text.encode(), auth=service.as_(ASSESSOR)
    )
    assert response.status_code == 422
    [problem] = response.json()["detail"]["problems"]
    assert problem["line"] == text.splitlines().index("login_days:") + 1
    assert "activity" in problem["message"]


async def test_a_draft_of_another_offices_policy_is_refused_at_its_office_line(service: Incentives) -> None:
    text = draft().replace("office_id: dx", "office_id: jb")
    response = await service.client.post(
        "/what-if", params={"period": "2026-10"}, content=text.encode(), auth=service.as_(ASSESSOR)
    )
    assert response.status_code == 422
    [problem] = response.json()["detail"]["problems"]
    assert problem["line"] == text.splitlines().index("office_id: jb") + 1
    assert "'jb'" in problem["message"] and "'dx'" in problem["message"]


async def test_a_draft_that_rolls_departments_up_ranks_the_county_with_them(service: Incentives) -> None:
    """Under the draft the county ``sx`` (a government of the county level, below dx) counts
    its department's item; the department itself is no longer ranked on its own."""
    await service.send(
        unit("sx", parent="dx", kind="government", level="county"),
        unit("sx-nyj", parent="sx", kind="department", level="county"),
        unit("qs", parent="dx", kind="government", level="township"),
    )
    await service.send(received("s1", "sx-nyj", "nyj.li"), scored("s1", "sx-nyj", "nyj.li", "good"))
    await service.send(adopted("s1", "sx-nyj", "city", "city-xinxi"))
    rolled = draft(**{"  roll_up_into: null\n": "  roll_up_into: county\n"})
    result = await what_if(service, rolled)
    rows = {row["unit_id"]: row for row in result["standings"]}  # type: ignore[attr-defined]
    assert set(rows) == {"sx", "qs"}
    assert Decimal(rows["sx"]["total"]) == Decimal(rows["sx"]["change"]) == 52

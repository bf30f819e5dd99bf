"""Which units an office assesses and whose points count towards whom (domain.assessed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.incentives.domain import (
    LedgerEntry,
    Policy,
    PolicyError,
    UnitProfile,
    assessed_units,
    load_policy,
    parse_policy,
    standings,
)
from services.incentives.domain.units import peer_grouping
from services.incentives.settings import DEFAULT_POLICY
from shared.contracts.vocabulary import OrgLevel, UnitKind

COUNTY, TOWNSHIP, CITY = OrgLevel.COUNTY, OrgLevel.TOWNSHIP, OrgLevel.CITY
GOV, DEPT, OTHER = UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.OTHER

# a city (lj) with a department, a development zone with a township of its own, and two
# counties (dx, jb), each with a township and a department
TREE = [
    UnitProfile("lj", level=CITY, kind=GOV, parent_id="jn"),
    UnitProfile("lj-yjj", level=CITY, kind=DEPT, parent_id="lj"),
    UnitProfile("lj-kfq", level=COUNTY, kind=OTHER, parent_id="lj"),
    UnitProfile("lj-kfq-xz", level=TOWNSHIP, kind=GOV, parent_id="lj-kfq"),
    UnitProfile("dx", level=COUNTY, kind=GOV, parent_id="lj"),
    UnitProfile("dx-qs", level=TOWNSHIP, kind=GOV, parent_id="dx"),
    UnitProfile("dx-nyj", level=COUNTY, kind=DEPT, parent_id="dx"),
    UnitProfile("jb", level=COUNTY, kind=GOV, parent_id="lj"),
    UnitProfile("jb-cn", level=TOWNSHIP, kind=GOV, parent_id="jb"),
    UnitProfile("jb-scj", level=COUNTY, kind=DEPT, parent_id="jb"),
]
DEFAULT = load_policy(DEFAULT_POLICY)


def policy(office: str, units: str = "subtree", roll_up_into: str | None = None) -> Policy:
    assessed = DEFAULT.assessed.model_copy(update={"units": units, "roll_up_into": roll_up_into})
    return DEFAULT.model_copy(update={"office_id": office, "assessed": assessed})


def entry(unit_id: str, points: int, n: int = 0) -> LedgerEntry:
    return LedgerEntry(
        f"e{n}:{unit_id}", unit_id, f"{unit_id}.officer", f"s{n}", "2026-10", Decimal(points),
        Decimal(0), "submission", "v", f"e{n}", "test",
    )


def test_a_county_assesses_the_units_below_it_and_not_itself_nor_another_county() -> None:
    scope = assessed_units(policy("dx"), TREE)
    assert scope.unit_ids == ["dx-nyj", "dx-qs"]
    assert scope.credit("dx-qs") == "dx-qs" and scope.credit("jb-cn") is None and scope.credit("dx") is None


def test_a_unit_whose_place_in_the_tree_is_not_known_yet_is_not_assessed() -> None:
    orphan = UnitProfile("dx-new", level=TOWNSHIP, parent_id="not-registered-yet")
    assert assessed_units(policy("dx"), [*TREE, orphan]).credit("dx-new") is None


def test_all_assesses_every_unit_known() -> None:
    scope = assessed_units(policy("dx", units="all"), TREE)
    assert set(scope.unit_ids) == {u.unit_id for u in TREE}


def test_a_city_with_roll_up_ranks_its_counties_with_their_departments_and_townships() -> None:
    scope = assessed_units(policy("lj", roll_up_into="county"), TREE)
    assert scope.unit_ids == ["dx", "jb", "lj-kfq", "lj-yjj"]
    assert {u: scope.credit(u) for u in ("dx-qs", "dx-nyj", "jb-scj", "lj-kfq-xz", "lj-yjj")} == {
        "dx-qs": "dx", "dx-nyj": "dx", "jb-scj": "jb", "lj-kfq-xz": "lj-kfq", "lj-yjj": "lj-yjj",
    }


def test_without_roll_up_a_city_ranks_every_unit_below_it_on_its_own() -> None:
    scope = assessed_units(policy("lj"), TREE)
    assert len(scope.unit_ids) == len(TREE) - 1 and scope.credit("dx-nyj") == "dx-nyj"


def test_credited_entries_count_towards_the_county_and_the_ledger_entry_is_unchanged() -> None:
    scope = assessed_units(policy("lj", roll_up_into="county"), TREE)
    ledger = [entry("dx-nyj", 5, 1), entry("dx-qs", 3, 2), entry("jb-cn", 4, 3), entry("elsewhere", 9, 4)]
    credited = scope.entries(ledger)
    assert [(e.entry_id, e.unit_id, e.person_id) for e in credited] == [
        ("e1:dx-nyj", "dx", "dx-nyj.officer"),
        ("e2:dx-qs", "dx", "dx-qs.officer"),
        ("e3:jb-cn", "jb", "jb-cn.officer"),
    ]
    assert ledger[0].unit_id == "dx-nyj"
    city = policy("lj", roll_up_into="county")
    ranked = standings(credited, scope.unit_ids, "2026-10", peer_grouping(city, scope.units))
    table = {s.unit_id: s for s in ranked}
    assert (table["dx"].total, table["dx"].rank, table["jb"].total) == (Decimal(8), 1, Decimal(4))
    assert "dx-nyj" not in table and "elsewhere" not in table


def test_sums_of_the_units_that_roll_up_are_added_to_their_county() -> None:
    scope = assessed_units(policy("lj", roll_up_into="county"), TREE)
    merged = scope.merge({"dx": 1, "dx-qs": 2, "dx-nyj": 4, "jb-cn": 8, "elsewhere": 16}, lambda a, b: a + b)
    assert merged == {"dx": 7, "jb": 8}


def test_the_default_policy_assesses_its_subtree_without_roll_up() -> None:
    assert (DEFAULT.assessed.units, DEFAULT.assessed.roll_up_into) == ("subtree", None)


def test_a_scope_the_service_does_not_know_is_refused_at_its_line() -> None:
    text = DEFAULT_POLICY.read_text(encoding="utf-8").replace("  units: subtree", "  units: everyone")
    with pytest.raises(PolicyError) as refused:
        parse_policy(text)
    assert refused.value.line == text.splitlines().index("  units: everyone") + 1

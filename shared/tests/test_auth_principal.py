"""The one scope rule (shared.auth.principal): who acts on which unit, heads which office,
administers, and reads whose inbox."""

from __future__ import annotations

import pytest

from shared.auth import principal as scope
from shared.auth.principal import Principal, Refused

TOWNSHIP = ("t-1", "county-1", "city-1")
"""A township, its county, the city above."""
OTHER_TOWNSHIP = ("t-2", "county-2", "city-1")
BOOTSTRAP = Principal("admin", "系统管理员", None, ("admin",))


def person(unit: str | None, *roles: str, subject: str = "p-1") -> Principal:
    return Principal(subject, subject, unit, roles)


def test_a_person_acts_on_their_own_unit_and_an_office_on_the_units_below_it() -> None:
    assert scope.acts_on(person("t-1", "officer"), TOWNSHIP)
    assert scope.acts_on(person("county-1", "editor"), TOWNSHIP)
    assert scope.acts_on(person("city-1", "leader"), TOWNSHIP)
    assert not scope.acts_on(person("t-2", "officer"), TOWNSHIP), "a sibling township"
    assert not scope.acts_on(person("county-2", "editor"), TOWNSHIP), "a county that does not supervise it"
    assert not scope.acts_on(person("t-1", "officer"), ("county-1", "city-1")), "not upwards"
    assert not scope.acts_on(person("t-1", "officer"), ()), "an unknown unit"


def test_roles_narrow_who_acts_and_admins_count_as_every_role() -> None:
    assert scope.acts_on(person("county-1", "office_head"), TOWNSHIP, roles={"office_head"})
    assert not scope.acts_on(person("county-1", "editor"), TOWNSHIP, roles={"office_head"})
    assert scope.acts_on(person("county-1", "admin"), TOWNSHIP, roles={"office_head"})
    assert not scope.acts_on(person("county-2", "admin"), TOWNSHIP, roles={"office_head"}), "still scoped"


def test_the_bootstrap_admin_acts_everywhere_but_a_unitless_non_admin_nowhere() -> None:
    assert BOOTSTRAP.is_global_admin
    assert scope.acts_on(BOOTSTRAP, TOWNSHIP) and scope.acts_on(BOOTSTRAP, OTHER_TOWNSHIP, roles={"editor"})
    assert not scope.acts_on(person(None, "service"), TOWNSHIP)
    assert not person("city-1", "admin").is_global_admin


def test_heading_an_office_means_that_office_itself() -> None:
    head = person("county-1", "office_head")
    assert scope.heads_office(head, "county-1")
    assert not scope.heads_office(head, "county-2")
    assert not scope.heads_office(head, "t-1"), "not the units below"
    assert not scope.heads_office(person("county-1", "editor"), "county-1")
    assert scope.heads_office(person("county-1", "editor"), "county-1", roles=("editor", "office_head"))
    assert scope.heads_office(person("county-1", "admin"), "county-1")
    assert scope.heads_office(BOOTSTRAP, "county-9")


def test_administrators_and_a_persons_own_things() -> None:
    assert scope.administers(person("county-1", "admin")) and scope.administers(BOOTSTRAP)
    assert not scope.administers(person("county-1", "office_head"))
    scope.require_self(person("t-1", "officer"), "p-1", "read the inbox")
    scope.require_self(BOOTSTRAP, "p-1", "read the inbox")
    with pytest.raises(Refused, match="may not read the inbox of p-2: only p-2 may"):
        scope.require_self(person("t-1", "officer"), "p-2", "read the inbox")
    with pytest.raises(Refused):  # a unit's admin is not p-2
        scope.require_self(person("county-1", "admin"), "p-2", "read the inbox")


def test_refusals_say_who_may() -> None:
    with pytest.raises(
        Refused,
        match=r"李明 \(officer of t-2\) may not read the balance of t-1: "
        r"only people of t-1 or an office above it may",
    ):
        stranger = Principal("p-9", "李明", "t-2", ("officer",))
        scope.require_acts_on(stranger, TOWNSHIP, "read the balance of t-1")
    with pytest.raises(Refused, match="only office_head of t-1 or an office above it may"):
        scope.require_acts_on(person("county-2", "office_head"), TOWNSHIP, "close", roles={"office_head"})
    with pytest.raises(Refused, match="only office_head of county-1 may"):
        scope.require_heads_office(person("county-2", "office_head"), "county-1", "close the period")
    with pytest.raises(Refused, match="only an administrator may"):
        scope.require_admin(person("county-1", "editor"), "replay dead deliveries")
    scope.require_acts_on(person("county-1", "editor"), TOWNSHIP, "adopt")
    scope.require_heads_office(person("county-1", "office_head"), "county-1", "close the period")
    scope.require_admin(person("t-1", "admin"), "list agencies")

"""Adoptions: points by publication and path, sharing among units, combining, revoking."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from itertools import count
from pathlib import Path

from services.incentives.domain import (
    AdoptionRevoked,
    Contribution,
    Fact,
    ItemAdopted,
    ItemReceived,
    LedgerEntry,
    Policy,
    Rule,
    balance,
    live_entries,
    load_policy,
    replay,
)
from shared.contracts.vocabulary import AdoptionForm, OrgLevel

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
GUANGDONG = load_policy(POLICIES / "guangdong-highest-only.yaml")
WHEN = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
_event_ids = count(1)


def received() -> ItemReceived:
    return ItemReceived(
        event_id=f"ev{next(_event_ids)}",
        occurred_at=WHEN,
        submission_id="s1",
        unit_id="u1",
        person_id="p1",
        period="2026-03",
    )


def adopted(
    publication: str,
    level: OrgLevel = OrgLevel.COUNTY,
    form: AdoptionForm = AdoptionForm.FULL_TEXT,
    adoption_id: str = "a1",
    contributors: tuple[Contribution, ...] = (),
    forwarded_by: tuple[str, ...] = (),
) -> ItemAdopted:
    return ItemAdopted(
        event_id=f"ev{next(_event_ids)}",
        occurred_at=WHEN,
        submission_id="s1",
        unit_id="u1",
        period="2026-03",
        adoption_id=adoption_id,
        publication=publication,
        office_level=level,
        form=form,
        contributors=contributors,
        forwarded_by=forwarded_by,
    )


def revoked(adoption_id: str) -> AdoptionRevoked:
    return AdoptionRevoked(
        event_id=f"ev{next(_event_ids)}",
        occurred_at=WHEN,
        submission_id="s1",
        unit_id="u1",
        adoption_id=adoption_id,
        reason="误录",
    )


def points(facts: list[Fact], policy: Policy = DEFAULT, unit_id: str = "u1") -> Decimal:
    return balance(e for e in replay(facts, policy) if e.unit_id == unit_id)[0]


def only(facts: list[Fact], policy: Policy = DEFAULT) -> LedgerEntry:
    [entry] = replay(facts, policy)
    return entry


def test_adoption_by_province_awards_more_than_by_county() -> None:
    by_province = points([received(), adopted("province-xinxi", OrgLevel.PROVINCE)])
    by_county = points([received(), adopted("county-xinxi", OrgLevel.COUNTY)])
    assert by_province > by_county


def test_adoption_points_follow_the_publication_and_form() -> None:
    entry = only([adopted("city-zhuanbao", OrgLevel.CITY)])
    assert (entry.points, entry.money, entry.rule) == (
        Decimal("80.00"),
        Decimal("100.00"),
        "adoption",
    )
    assert entry.entry_id == f"{entry.cause_event_id}:adoption:u1"
    assert "市《专报》" in entry.reason
    assert only([adopted("city-zhuanbao", OrgLevel.CITY, AdoptionForm.EXCERPT)]).points == 50


def test_unlisted_publication_falls_back_to_the_level_table() -> None:
    assert only([adopted("some-city-brief", OrgLevel.CITY, AdoptionForm.EXCERPT)]).points == 15


def test_forwarded_by_this_office_and_adopted_by_the_province_counts_double() -> None:
    direct = only([adopted("province-xinxi", OrgLevel.PROVINCE)])
    path = ("county-office", "city-office")
    forwarded = only([adopted("province-xinxi", OrgLevel.PROVINCE, forwarded_by=path)])
    assert forwarded.points == direct.points * 2
    assert "×2" in forwarded.reason
    national = only([adopted("guoban-xinxi", OrgLevel.NATIONAL, forwarded_by=path)])
    assert national.points == Decimal("1000.00")


def test_adoptions_by_several_publications_add_up_when_cumulative() -> None:
    facts: list[Fact] = [
        adopted("county-xinxi", adoption_id="a1"),
        adopted("city-xinxi", OrgLevel.CITY, adoption_id="a2"),
    ]
    assert points(facts) == Decimal("60.00")


def test_highest_only_policy_keeps_the_best_adoption() -> None:
    facts: list[Fact] = [
        adopted("gd-ajj-xinxi", OrgLevel.PROVINCE, adoption_id="a1"),
        adopted("guoban-xinxi", OrgLevel.NATIONAL, adoption_id="a2"),
        adopted("gd-gov-xinxi", OrgLevel.PROVINCE, adoption_id="a3"),
    ]
    ledger = replay(facts, GUANGDONG)
    assert balance(ledger)[0] == Decimal("50.00")
    live = [e.reference_id for e in live_entries(ledger) if e.rule == Rule.ADOPTION]
    assert live == ["a2"]


def test_highest_only_revocation_reinstates_the_next_best_adoption() -> None:
    facts: list[Fact] = [
        adopted("gd-ajj-xinxi", OrgLevel.PROVINCE, adoption_id="a1"),
        adopted("gd-gov-xinxi", OrgLevel.PROVINCE, adoption_id="a2"),
        adopted("guoban-xinxi", OrgLevel.NATIONAL, adoption_id="a3"),
    ]
    assert points([*facts, revoked("a3")], GUANGDONG) == Decimal("20.00")
    assert points([*facts, revoked("a3"), revoked("a2")], GUANGDONG) == Decimal("10.00")
    everything = [*facts, revoked("a3"), revoked("a2"), revoked("a1")]
    assert points(everything, GUANGDONG) == Decimal("0.00")


def test_revoking_a_superseded_adoption_keeps_it_from_coming_back() -> None:
    facts: list[Fact] = [
        adopted("gd-ajj-xinxi", OrgLevel.PROVINCE, adoption_id="a1"),
        adopted("guoban-xinxi", OrgLevel.NATIONAL, adoption_id="a2"),
        revoked("a1"),
        revoked("a2"),
    ]
    assert points(facts, GUANGDONG) == Decimal("0.00")


def test_revoked_adoption_is_reversed_and_marked() -> None:
    ledger = replay([adopted("county-yaoqing"), revoked("a1")], DEFAULT)
    assert [(e.rule, e.points) for e in ledger] == [
        ("adoption", Decimal("30.00")),
        ("adoption", Decimal("-30.00")),
        ("adoption_revoked", Decimal("0.00")),
    ]
    assert points([adopted("county-yaoqing"), revoked("a1"), adopted("county-yaoqing")]) == 0


def test_combined_item_split_equally_among_units() -> None:
    units = (Contribution("u1"), Contribution("u2"), Contribution("u3"))
    ledger = replay([adopted("county-xinxi", contributors=units)], DEFAULT)
    assert {e.unit_id: e.points for e in ledger} == {
        "u1": Decimal("3.34"),
        "u2": Decimal("3.33"),
        "u3": Decimal("3.33"),
    }
    assert balance(ledger)[0] == Decimal("10.00")


def test_combined_item_gives_every_unit_the_full_amount_when_the_policy_says_so() -> None:
    units = (Contribution("u1"), Contribution("u2"))
    fact = adopted("gd-ajj-xinxi", OrgLevel.PROVINCE, AdoptionForm.COMBINED, contributors=units)
    assert [e.points for e in replay([fact], GUANGDONG)] == [Decimal("3.00"), Decimal("3.00")]


def test_credit_can_follow_the_declared_shares() -> None:
    by_share = DEFAULT.model_copy(
        update={"adoption": DEFAULT.adoption.model_copy(update={"shared_credit": "split_by_share"})}
    )
    units = (Contribution("u1", Decimal("0.75")), Contribution("u2", Decimal("0.25")))
    ledger = replay([adopted("county-xinxi", contributors=units)], by_share)
    assert [e.points for e in ledger] == [Decimal("7.50"), Decimal("2.50")]


def test_only_the_submitting_unit_entry_names_the_author() -> None:
    units = (Contribution("u1"), Contribution("u2"))
    ledger = replay([received(), adopted("county-xinxi", contributors=units)], DEFAULT)
    assert {e.unit_id: e.person_id for e in ledger if e.rule == Rule.ADOPTION} == {
        "u1": "p1",
        "u2": None,
    }

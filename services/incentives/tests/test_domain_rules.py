"""Behaviour of ``decide``: what each fact earns or costs under the shipped policies."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from itertools import count
from pathlib import Path

from services.incentives.domain import (
    AdoptionRevoked,
    Contribution,
    DeadlineMissed,
    ErrorCriticised,
    InstructionRecorded,
    ItemAdopted,
    ItemHistory,
    ItemReceived,
    ItemScored,
    ItemScreened,
    ItemWithdrawn,
    LedgerEntry,
    Policy,
    Rule,
    UrgentReportFailed,
    balance,
    decide,
    load_policy,
)
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand, ScreeningOutcome

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
GUANGDONG = load_policy(POLICIES / "guangdong-highest-only.yaml")
WHEN = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


class Item:
    """One item driven through ``decide``, its history kept as the ledger would keep it."""

    def __init__(self, policy: Policy, unit_id: str = "u1", submission_id: str = "s1") -> None:
        self.policy, self.unit_id, self.submission_id = policy, unit_id, submission_id
        self.history = ItemHistory()
        self._ids = count(1)

    def apply(self, fact: object) -> list[LedgerEntry]:
        entries = decide(fact, self.policy, self.history)  # type: ignore[arg-type]
        self.history = self.history.extended(entries)
        return entries

    def _common(self) -> dict[str, object]:
        event_id = f"{self.submission_id}-ev{next(self._ids)}"
        return {
            "event_id": event_id,
            "occurred_at": WHEN,
            "submission_id": self.submission_id,
            "unit_id": self.unit_id,
        }

    def receive(self, **extra: object) -> list[LedgerEntry]:
        return self.apply(ItemReceived(**self._common(), person_id="p1", period="2026-03", **extra))

    def score(self, band: ScoreBand, overall: str = "80") -> list[LedgerEntry]:
        fact = ItemScored(**self._common(), period="2026-03", band=band, overall=Decimal(overall))
        return self.apply(fact)

    def adopt(
        self,
        publication: str,
        form: AdoptionForm = AdoptionForm.FULL_TEXT,
        level: OrgLevel = OrgLevel.COUNTY,
        adoption_id: str = "a1",
        contributors: tuple[Contribution, ...] = (),
        forwarded_by: tuple[str, ...] = (),
    ) -> list[LedgerEntry]:
        fact = ItemAdopted(
            **self._common(),
            period="2026-03",
            adoption_id=adoption_id,
            publication=publication,
            office_level=level,
            form=form,
            contributors=contributors,
            forwarded_by=forwarded_by,
        )
        return self.apply(fact)

    def revoke(self, adoption_id: str) -> list[LedgerEntry]:
        return self.apply(AdoptionRevoked(**self._common(), adoption_id=adoption_id, reason="误录"))

    def instruct(self, rank: OrgLevel) -> list[LedgerEntry]:
        fact = InstructionRecorded(
            **self._common(), period="2026-03", instruction_id="i1", leader_rank=rank
        )
        return self.apply(fact)

    def withdraw(self) -> list[LedgerEntry]:
        return self.apply(ItemWithdrawn(**self._common(), reason="重复报送"))

    def screen(self, outcome: ScreeningOutcome, inaccurate: bool = False) -> list[LedgerEntry]:
        fact = ItemScreened(
            **self._common(), period="2026-03", outcome=outcome, inaccurate=inaccurate
        )
        return self.apply(fact)

    def points(self, unit_id: str | None = None) -> Decimal:
        unit = unit_id or self.unit_id
        return balance(e for e in self.history.entries if e.unit_id == unit)[0]


def test_instruction_points_rise_with_the_leaders_rank() -> None:
    by_rank = {
        rank: Item(DEFAULT).instruct(rank)[0].points
        for rank in (OrgLevel.CITY, OrgLevel.PROVINCE, OrgLevel.NATIONAL)
    }
    assert by_rank == {
        OrgLevel.CITY: Decimal("5.00"),
        OrgLevel.PROVINCE: Decimal("10.00"),
        OrgLevel.NATIONAL: Decimal("20.00"),
    }


def test_revised_score_reverses_the_old_band_and_awards_the_new() -> None:
    item = Item(DEFAULT)
    item.score(ScoreBand.FAIR)
    entries = item.score(ScoreBand.EXCELLENT)
    assert [(e.rule, e.points, e.reverses_entry_id) for e in entries] == [
        ("quality.fair", Decimal("-1.00"), "s1-ev1:quality.fair:u1"),
        ("quality.excellent", Decimal("3.00"), None),
    ]
    assert item.points() == Decimal("3.00")


def test_rescore_in_the_same_band_changes_nothing() -> None:
    item = Item(DEFAULT)
    item.score(ScoreBand.GOOD)
    assert item.score(ScoreBand.GOOD, overall="84") == []


def test_redelivered_fact_produces_nothing() -> None:
    item = Item(DEFAULT)
    fact = ItemAdopted(
        event_id="e1",
        occurred_at=WHEN,
        submission_id="s1",
        unit_id="u1",
        period="2026-03",
        adoption_id="a1",
        publication="county-xinxi",
        office_level=OrgLevel.COUNTY,
        form=AdoptionForm.FULL_TEXT,
    )
    first = item.apply(fact)
    assert first and item.apply(fact) == []
    assert decide(fact, DEFAULT, ItemHistory()) == first


def test_withdrawn_item_loses_its_awards_but_keeps_its_deductions() -> None:
    item = Item(DEFAULT)
    item.receive(urgent=True, late=True)
    item.score(ScoreBand.GOOD)
    item.adopt("county-xinxi")
    item.instruct(OrgLevel.CITY)
    item.withdraw()
    assert item.points() == Decimal("-1.00")
    assert [e.rule for e in item.history.live()] == ["urgent_late", "item_withdrawn"]
    assert item.adopt("city-xinxi", adoption_id="a2") == []


def test_facts_arriving_after_a_withdrawal_earn_nothing() -> None:
    item = Item(DEFAULT)
    [marker] = item.withdraw()
    assert (marker.rule, marker.points, marker.period) == (
        "item_withdrawn",
        Decimal("0.00"),
        "2026-03",
    )
    assert item.receive() == []
    assert item.score(ScoreBand.EXCELLENT) == []


def test_late_emergency_report_loses_half_of_its_points() -> None:
    on_time, late = Item(DEFAULT), Item(DEFAULT)
    on_time.receive(urgent=True)
    late.receive(urgent=True, late=True)
    for item in (on_time, late):
        item.adopt("county-yaoqing")
    assert on_time.points() == Decimal("30.00")
    assert late.points() == Decimal("14.00")


def test_false_report_after_adoption_takes_its_share_of_the_earned_points() -> None:
    item = Item(DEFAULT)
    item.receive(urgent=True)
    item.adopt("county-yaoqing")
    fact = UrgentReportFailed(
        event_id="f1",
        occurred_at=WHEN,
        unit_id="u1",
        period="2026-03",
        kind="false",
        submission_id="s1",
        serious=True,
        note="伤亡人数不实",
    )
    [entry] = item.apply(fact)
    assert entry.rule == Rule.URGENT_FALSE_SERIOUS and entry.points == Decimal("-60.00")
    assert item.points() == Decimal("-30.00")


def test_commissioned_topic_answered_on_time_earns_points() -> None:
    entries = Item(DEFAULT).receive(commission_id="c1")
    assert [(e.rule, e.points) for e in entries] == [
        ("submission", Decimal("0.00")),
        ("commission_answered", Decimal("5.00")),
    ]
    assert [e.rule for e in Item(DEFAULT).receive(commission_id="c1", late=True)] == ["submission"]


def test_missed_commission_and_criticised_error_cost_points() -> None:
    missed = DeadlineMissed(
        event_id="d1",
        occurred_at=WHEN,
        unit_id="u1",
        period="2026-03",
        subject="commission",
        reference_id="c1",
    )
    criticised = ErrorCriticised(
        event_id="x1", occurred_at=WHEN, unit_id="u1", period="2026-03", note="数据错误"
    )
    assert decide(missed, DEFAULT)[0].points == Decimal("-10.00")
    assert decide(criticised, DEFAULT)[0].points == Decimal("-2.00")
    assert decide(missed, GUANGDONG) == []


def test_inaccurate_item_returned_costs_a_point() -> None:
    item = Item(DEFAULT)
    assert item.screen(ScreeningOutcome.RETURNED) == []
    [entry] = item.screen(ScreeningOutcome.RETURNED, inaccurate=True)
    assert (entry.rule, entry.points) == ("returned_inaccurate", Decimal("-1.00"))


def test_compliant_item_not_adopted_earns_five_until_it_is_adopted() -> None:
    item = Item(GUANGDONG)
    item.screen(ScreeningOutcome.FILED_FOR_REFERENCE)
    assert item.points() == Decimal("5.00")
    item.adopt("gd-ajj-xinxi", level=OrgLevel.PROVINCE)
    assert item.points() == Decimal("10.00")
    assert Item(DEFAULT).screen(ScreeningOutcome.ACCEPTED) == []


def test_an_item_received_twice_counts_once() -> None:
    item = Item(DEFAULT)
    assert len(item.receive()) == 1
    assert item.receive() == []

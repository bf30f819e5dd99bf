"""Facts from contract events, and "what if" standings under a draft policy."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    ItemAdopted,
    ItemReceived,
    ItemScored,
    UnitProfile,
    decide,
    fact_from_event,
    load_policy,
    replay,
    what_if,
)
from shared.contracts import (
    ContributingUnit,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScored,
)

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
OFFICE = DEFAULT.office_id
GUANGDONG = load_policy(POLICIES / "guangdong-highest-only.yaml").model_copy(update={"office_id": OFFICE})
"""The Guangdong rules as a draft of the default policy's office: the units below it are
those both assess."""
LATE_EVENING = datetime(2026, 3, 31, 17, 30, tzinfo=UTC)  # already 1 April in China


def received() -> SubmissionReceived:
    return SubmissionReceived.originated(
        producer="intake",
        submission_id="s1",
        unit_id="u1",
        unit_name="县应急局",
        unit_level="county",
        office_id="county-office",
        author_id="p1",
        author_name="张三",
        title="t",
        body="b",
        language="zh",
        category="突发事件",
        period="2026-03",
        urgent=True,
        late=True,
        submitted_at=LATE_EVENING,
    )


def adopted() -> SubmissionAdopted:
    return SubmissionAdopted.originated(
        producer="intake",
        occurred_at=LATE_EVENING,
        submission_id="s1",
        unit_id="u1",
        adoption_id="a1",
        office_id="province",
        office_level="province",
        publication="province-xinxi",
        form="combined",
        contributing_units=[
            ContributingUnit(unit_id="u1"),
            ContributingUnit(unit_id="u2", share=0.5),
        ],
        forwarded_by=["county-office", "city-office"],
    )


def test_received_event_becomes_a_fact_with_its_ids_and_flags() -> None:
    event = received()
    fact = fact_from_event(event)
    assert isinstance(fact, ItemReceived)
    assert (fact.event_id, fact.person_id, fact.period, fact.urgent, fact.late) == (
        event.event_id,
        "p1",
        "2026-03",
        True,
        True,
    )


def test_adoption_counts_in_the_local_month_it_happened() -> None:
    fact = fact_from_event(adopted())
    assert isinstance(fact, ItemAdopted)
    assert fact.period == "2026-04"
    assert fact_from_event(adopted(), utc_offset_hours=0).period == "2026-03"  # type: ignore[union-attr]
    assert [c.share for c in fact.contributors] == [Decimal("1.0"), Decimal("0.5")]
    assert fact.forwarded_by == ("county-office", "city-office")


def test_scored_event_carries_band_and_score_exactly() -> None:
    event = SubmissionScored.originated(
        producer="scoring",
        submission_id="s1",
        unit_id="u1",
        author_id="p1",
        title="t",
        period="2026-03",
        revision=1,
        overall=87.3,
        band="good",
        language="zh",
        rubric_version="r1",
        criteria=[],
    )
    fact = fact_from_event(event)
    assert isinstance(fact, ItemScored) and fact.overall == Decimal("87.3")
    assert decide(fact, DEFAULT)[0].rule == "quality.good"


def test_events_without_points_are_ignored() -> None:
    revised = SubmissionRevised.originated(
        producer="intake",
        submission_id="s1",
        unit_id="u1",
        revision=1,
        title="t",
        body="b",
        revised_by="p1",
        by_editor=False,
    )
    assert fact_from_event(revised) is None


def test_what_if_recomputes_standings_under_a_draft_policy_without_a_ledger() -> None:
    facts = [fact_from_event(e) for e in (received(), adopted())]
    units = [UnitProfile("u1", parent_id=OFFICE), UnitProfile("u2", parent_id=OFFICE)]
    today = {s.unit_id: s.total for s in what_if(facts, DEFAULT, units, "2026")}  # type: ignore[arg-type]
    draft = {s.unit_id: s.total for s in what_if(facts, GUANGDONG, units, "2026")}  # type: ignore[arg-type]
    # default: province combined 50 x2 (forwarded by this office) split in two;
    # u1's late emergency report costs 1 and half of u1's share, not u2's
    assert today == {"u1": Decimal("24.00"), "u2": Decimal("50.00")}
    # draft: highest-only, no multiplier, the full amount each, late urgent loses half
    assert draft == {"u1": Decimal("-2.00"), "u2": Decimal("0.00")}
    assert replay(facts, DEFAULT) == replay(facts, DEFAULT)  # type: ignore[arg-type]


def test_what_if_can_close_periods_too() -> None:
    facts = [fact_from_event(received())]
    units = [UnitProfile("u1", unit_class="IV", parent_id=OFFICE)]
    table = what_if(facts, DEFAULT, units, "2026", closing=["2026-03"])  # type: ignore[arg-type]
    assert table[0].total == Decimal("-2.00")  # -1 late, -1 one item short of the quota of two

"""The annual assessment: grades, commendations, criticism with reasons, eligibility."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from services.incentives.domain import (
    LedgerEntry,
    UnitProfile,
    assess_year,
    load_policy,
    parse_policy,
)

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
UNITS = [UnitProfile(f"u{n}", unit_class="I") for n in range(1, 7)]
_ids = iter(range(10**6))


def entry(
    unit: str,
    rule: str,
    points: str,
    *,
    person: str | None = None,
    sid: str | None = None,
    period: str = "2026-05",
    reason: str = "",
    reverses: str | None = None,
) -> LedgerEntry:
    n = next(_ids)
    return LedgerEntry(
        f"e{n}",
        unit,
        person,
        sid,
        period,
        Decimal(points),
        Decimal(0),
        rule,
        "v",
        f"c{n}",
        reason,
        reverses,
    )


def ledger() -> list[LedgerEntry]:
    entries = [
        entry("u1", "adoption", "450", person="p1", sid="s1"),
        entry("u2", "adoption", "300", person="p2", sid="s2"),
        entry("u3", "adoption", "500", person="p3", sid="s3"),
        entry(
            "u3", "urgent_false_serious", "-30", person="p3", reason="紧急信息失实，造成严重后果"
        ),
        entry("u4", "adoption", "120", person="p4", sid="s4"),
        entry("u4", "commission_missed", "-10"),
        entry("u4", "commission_missed", "-10"),
        entry("u5", "returned_inaccurate", "-1"),
        entry("u5", "quota_shortfall", "-3"),
        entry("u5", "quota_shortfall", "-2"),
        entry("u2", "adoption", "999", person="p2", sid="s9", period="2025-12"),
    ]
    entries += [entry("u6", "quality.poor", "0", sid=f"q{n}") for n in range(3)]
    entries.append(entry("u6", "quality.good", "2", sid="q4"))
    return entries


@pytest.fixture(scope="module")
def assessment():  # type: ignore[no-untyped-def]
    return assess_year("2026", ledger(), UNITS, DEFAULT)


def test_units_are_scored_ranked_and_graded(assessment) -> None:  # type: ignore[no-untyped-def]
    grades = {r.unit_id: (r.score, r.rank, r.grade) for r in assessment.results}
    assert grades["u1"] == (Decimal(450), 2, "优秀")
    assert grades["u2"] == (Decimal(300), 3, "良好")
    assert grades["u3"] == (Decimal(470), 1, "良好"), "ineligible units skip the top grade"
    assert grades["u5"][2] == "不合格"


def test_serious_false_information_loses_eligibility(assessment) -> None:  # type: ignore[no-untyped-def]
    u3 = assessment.result_of("u3")
    assert not u3.eligible
    assert u3.eligibility_losses == ("紧急信息失实，造成严重后果（2026-05）",)
    assert "u3" not in {c.subject_id for c in assessment.advanced_units}
    assert "p3" not in {c.subject_id for c in assessment.outstanding_officers}


def test_two_missed_commissions_zero_the_year(assessment) -> None:  # type: ignore[no-untyped-def]
    u4 = assessment.result_of("u4")
    assert (u4.score, u4.total, u4.eligible) == (Decimal(0), Decimal(100), False)
    assert "约稿未报送" in u4.eligibility_losses[0]


def test_commendations_name_the_best_units_and_officers_with_reasons(assessment) -> None:  # type: ignore[no-untyped-def]
    assert [c.subject_id for c in assessment.advanced_units] == ["u1", "u2"]
    assert (
        "第2名" in assessment.advanced_units[0].reason
        and "优秀" in assessment.advanced_units[0].reason
    )
    assert [c.subject_id for c in assessment.outstanding_officers] == ["p1", "p2"]
    assert assessment.outstanding_officers[0].reason == "全年信息得分450.00，被采用1条"


def test_criticism_lists_every_reason(assessment) -> None:  # type: ignore[no-untyped-def]
    reasons = {c.unit_id: c.reasons for c in assessment.criticised}
    assert reasons["u5"] == ("未按要求报送信息（2次）", "报送信息不准确（1次）")
    assert reasons["u4"] == ("未按要求报送信息（2次）",)
    assert reasons["u6"] == ("信息质量不高（4条中3条评为较差）",)
    assert reasons["u3"] == ("报送信息不准确（1次）",)
    assert "u1" not in reasons


def test_a_reversed_deduction_no_longer_counts() -> None:
    entries = ledger()
    false_report = next(e for e in entries if e.rule == "urgent_false_serious")
    entries.append(entry("u3", "urgent_false_serious", "30", reverses=false_report.entry_id))
    u3 = assess_year("2026", entries, UNITS, DEFAULT).result_of("u3")
    assert u3.eligible and u3.grade == "优秀"


def test_a_policy_without_assessment_rules_cannot_assess() -> None:
    bare = parse_policy(
        "version: v\noffice_id: o\noffice_level: county\neffective_from: 2026-01-01\n"
    )
    with pytest.raises(ValueError, match="no assessment"):
        assess_year("2026", [], UNITS, bare)

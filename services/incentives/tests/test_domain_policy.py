"""Loading policies: the shipped files, errors that name the line, versions picked by date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from services.incentives.domain import PolicyBook, PolicyError, load_policy, parse_policy

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT_TEXT = (POLICIES / "default.yaml").read_text(encoding="utf-8")

MINIMAL = """\
version: "v1"
office_id: office
office_level: county
effective_from: 2026-01-01
adoption:
  publications:
    xinxi:
      level: county
      points: {full_text: 10}
"""


def rejected(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, source="test.yaml")
    return caught.value


def test_shipped_policies_load() -> None:
    for path in sorted(POLICIES.glob("*.yaml")):
        policy = load_policy(path)
        assert policy.version and policy.effective_from


def test_default_policy_carries_the_published_numbers() -> None:
    policy = parse_policy(DEFAULT_TEXT)
    assert policy.quotas is not None and policy.quotas.classes["I"]["month"] == 6
    assert policy.quotas.base is not None and policy.quotas.base.cap_per_year == Decimal(120)
    assert policy.adoption_rate is not None and policy.adoption_rate.below == Decimal("0.3")
    assert policy.money.budget is not None and policy.money.budget.amount == Decimal("50000.00")
    assert policy.disqualifying_rules() == {"urgent_false_serious"}


def test_policy_with_unknown_rule_names_the_line() -> None:
    text = MINIMAL.replace(
        "      points: {full_text: 10}", "      points: {full_text: 10}\n      bonus_pointz: 3"
    )
    error = rejected(text)
    assert error.line == 10
    assert "test.yaml:line 10" in str(error)
    assert "unknown rule or setting 'bonus_pointz'" in str(error)


def test_activity_rules_are_rejected() -> None:
    for key in ("login_points", "online_time", "daily_check_in", "签到积分"):
        error = rejected(MINIMAL + f"{key}:\n  points: 1\n")
        assert error.line == 10, key
        assert "activity, not outcomes" in error.problems[0].message


def test_wrong_value_names_its_line_and_path() -> None:
    error = rejected(MINIMAL.replace("      level: county", "      level: galaxy"))
    assert error.line == 8
    assert error.problems[0].where == "adoption.publications.xinxi.level"


def test_wrong_key_of_a_table_names_its_line() -> None:
    error = rejected(MINIMAL + "instructions:\n  by_rank:\n    national: 20\n    provnce: 10\n")
    assert error.line == 13
    assert "provnce" in error.problems[0].where


def test_missing_setting_names_the_enclosing_line() -> None:
    error = rejected(MINIMAL + "quotas:\n  classes: {I: {month: 6}}\n  base:\n    per: month\n")
    assert error.line == 12
    assert error.problems[0].where == "quotas.base.points"


def test_every_problem_is_listed_in_line_order() -> None:
    text = MINIMAL.replace('version: "v1"', "version: ''").replace(
        "points: {full_text: 10}", "points: {full_text: ten}"
    )
    error = rejected(text)
    assert [p.line for p in error.problems] == [1, 9]


def test_deduction_written_as_a_bonus_is_rejected() -> None:
    error = rejected(MINIMAL + "deductions:\n  urgent_late: {points: 5}\n")
    assert error.line == 11
    assert "less than or equal to 0" in error.problems[0].message


def test_assessment_needs_a_fallback_grade() -> None:
    error = rejected(MINIMAL + "assessment:\n  grades:\n    - {grade: 优秀, min_score: 90}\n")
    assert error.line == 11 and "fallback" in error.problems[0].message


def test_broken_yaml_names_the_line() -> None:
    error = rejected(MINIMAL + "quality: {bands: [excellent\n")
    assert error.line >= 10 and "not valid YAML" in str(error)


def test_a_key_given_twice_is_rejected_at_its_second_line() -> None:
    error = rejected(MINIMAL + "effective_from: 2027-01-01\n")
    assert error.line == 10
    assert "'effective_from' is given twice" in str(error)


def test_empty_file_is_rejected() -> None:
    assert "empty" in str(rejected(""))


def test_policy_book_picks_the_version_in_force_on_the_local_date() -> None:
    first = parse_policy(MINIMAL)
    second = parse_policy(MINIMAL.replace('"v1"', '"v2"').replace("2026-01-01", "2026-07-01"))
    book = PolicyBook([second, first])
    assert book.at(datetime(2026, 6, 30, 15, 59, tzinfo=UTC)).version == "v1"
    assert book.at(datetime(2026, 6, 30, 16, 0, tzinfo=UTC)).version == "v2"
    assert book.version("v1").effective_from == date(2026, 1, 1)
    with pytest.raises(LookupError):
        book.at(datetime(2025, 12, 1, tzinfo=UTC))


def test_policy_book_rejects_two_versions_on_one_date() -> None:
    with pytest.raises(ValueError, match="same date"):
        PolicyBook([parse_policy(MINIMAL), parse_policy(MINIMAL.replace('"v1"', '"v2"'))])

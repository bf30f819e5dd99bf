"""The bulletin part of an office's policy: read from a parsed policy file, picked by period."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from shared.contracts.bulletin_rules import BulletinRuleBook, BulletinRules, bulletin_rules_of


def policy(**extra: object) -> dict[str, object]:
    return {
        "version": "v",
        "office_id": "lj",
        "office_level": "city",
        "effective_from": date(2026, 1, 1),
        **extra,
    }


def test_a_policy_without_a_bulletins_section_gets_the_documented_defaults() -> None:
    office, since, rules = bulletin_rules_of(policy(quotas={"classes": {}}))
    assert (office, since) == ("lj", date(2026, 1, 1))
    assert rules == BulletinRules()
    assert (rules.items, rules.not_submitted, rules.ties) == ("subtree", "subtree", "competition")
    assert (rules.commend.places, rules.commend.min_adopted, rules.roll_up_into) == (3, 1, None)


def test_the_section_is_read_with_the_policys_ranking_and_roll_up() -> None:
    _, _, rules = bulletin_rules_of(
        policy(
            ranking={"by": "average", "peer_groups": "level"},
            assessed={"units": "subtree", "roll_up_into": "county"},
            bulletins={"ties": "dense", "commend": {"min_points_by_class": {"I": 30}}},
        )
    )
    assert (rules.ranked_by, rules.peer_groups, rules.roll_up_into, rules.ties) == (
        "average",
        "level",
        "county",
        "dense",
    )
    assert rules.commend.threshold("I") == 30 and rules.commend.threshold("II") == 0


@pytest.mark.parametrize("section", [{"tie": "dense"}, {"ties": "olympic"}, {"commend": {"min_adopted": 0}}])
def test_a_misspelt_or_impossible_setting_is_refused(section: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        bulletin_rules_of(policy(bulletins=section))


def test_a_period_is_judged_by_the_version_in_force_on_its_last_day() -> None:
    spring, autumn = BulletinRules(ties="dense"), BulletinRules(items="unit")
    book = BulletinRuleBook([("lj", date(2026, 10, 1), autumn), ("lj", date(2026, 1, 1), spring)])
    assert book.rules("lj", date(2026, 9, 30)) is spring
    assert book.rules("lj", date(2026, 10, 31)) is autumn
    assert book.rules("lj", date(2025, 12, 31)) is spring  # before the first version: the first
    assert book.rules("qh", date(2026, 10, 31)) == BulletinRules()

"""The policy's ``bulletins`` section: documented in default.yaml, validated with the rest."""

from __future__ import annotations

import pytest

from services.incentives.domain import PolicyError, load_policy, parse_policy
from services.incentives.settings import DEFAULT_POLICY
from shared.contracts.bulletin_rules import BulletinSection


def test_the_default_policy_documents_the_bulletin_defaults() -> None:
    policy = load_policy(DEFAULT_POLICY)
    assert policy.bulletins == BulletinSection()
    assert "bulletins:" in DEFAULT_POLICY.read_text(encoding="utf-8")


def test_a_misspelt_bulletin_setting_is_named_with_its_line() -> None:
    text = DEFAULT_POLICY.read_text(encoding="utf-8").replace("  ties: competition", "  ties: olympic")
    with pytest.raises(PolicyError, match=r"line \d+: bulletins.ties"):
        parse_policy(text)

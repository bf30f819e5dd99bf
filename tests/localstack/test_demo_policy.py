"""``./xinbao up`` runs incentives for the demo's county office, whose head can close periods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deploy.demo.dataset import read_demo_data
from deploy.localstack.demo_policy import (
    DEFAULT_POLICY,
    DEMO_OFFICE,
    POLICY_ENV,
    demo_policy_environment,
    demo_policy_text,
)
from deploy.localstack.errors import StackError
from services.incentives.domain.policy_loader import load_policy


def test_the_demo_policy_is_the_default_adopted_by_the_demo_county_office(tmp_path: Path) -> None:
    env = demo_policy_environment(tmp_path, {})
    [path] = json.loads(env[POLICY_ENV])
    demo, default = load_policy(path), load_policy(DEFAULT_POLICY)
    assert demo.office_id == DEMO_OFFICE != default.office_id
    assert demo.model_dump(exclude={"office_id"}) == default.model_dump(exclude={"office_id"})


def test_the_demo_office_is_a_county_office_with_a_head_in_the_demo_data() -> None:
    data = read_demo_data()
    [office] = [unit for unit in data.units if unit.unit_id == DEMO_OFFICE]
    assert office.level == "county" and office.kind == "government"
    heads = [p for p in data.people if p.unit_id == DEMO_OFFICE and "office_head" in p.roles]
    assert heads, "nobody could close the demo's periods"


def test_policy_files_named_by_the_operator_are_left_alone(tmp_path: Path) -> None:
    assert demo_policy_environment(tmp_path, {POLICY_ENV: '["/etc/xinbao/policy.yaml"]'}) == {}
    assert not (tmp_path / "policies").exists()


def test_a_default_without_exactly_one_office_line_is_refused() -> None:
    with pytest.raises(StackError):
        demo_policy_text("version: x\nname: y\n")
    with pytest.raises(StackError):
        demo_policy_text("office_id: a\noffice_id: b\n")

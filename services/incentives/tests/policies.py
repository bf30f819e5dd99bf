"""The policy the incentives tests run under: the default policy adopted by ``dx``, the
office their units report to (events.py), so that its head is the one who closes periods and
reads the assessment, and the units it assesses (its subtree) are the tests' units.

``default.yaml`` names a placeholder office (``county-office``); an office adopting it writes
its own ``office_id``, as ``./xinbao up`` does for the demo's county (deploy/localstack/demo_policy.py).
"""

from __future__ import annotations

from pathlib import Path

from deploy.localstack.demo_policy import demo_policy_text
from services.incentives.domain import PolicyBook, parse_policy
from services.incentives.settings import DEFAULT_POLICY

TEST_OFFICE = "dx"
DEFAULT_TEXT = DEFAULT_POLICY.read_text(encoding="utf-8")


def adopted_by(office_id: str, text: str = DEFAULT_TEXT) -> str:
    """``text`` (a policy file) with its top-level ``office_id`` naming ``office_id``: the
    adoption ``./xinbao up`` makes for the demo office."""
    return demo_policy_text(text, office_id)


TEST_POLICY_TEXT = adopted_by(TEST_OFFICE)


def office_book() -> PolicyBook:
    """The tests' policy as a book of one version."""
    return PolicyBook([parse_policy(TEST_POLICY_TEXT, source="tests' policy")])


def write_policy(directory: Path, text: str = TEST_POLICY_TEXT, name: str = "policy.yaml") -> Path:
    """``text`` written to ``directory``/``name``: a file to name in ``policy_files``."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path

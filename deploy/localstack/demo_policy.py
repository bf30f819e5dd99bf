"""The incentive policy of the demo's county office, for ``./xinbao up``.

An incentives deployment assesses for one office: the ``office_id`` of its policy, whose
office heads may close periods and read the assessment. The default policy
(``services/incentives/policies/default.yaml``) names a placeholder office; the demo's
county office is 东溪县人民政府办公室 (``jn-lj-dx`` in ``deploy/demo/data/org.yaml``), so
``up`` runs incentives with the default policy adopted by that office: the same rules, its
``office_id``. notify reads the same file for the office's bulletin rules. Set
``INCENTIVES_POLICY_FILES`` yourself to run another policy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from deploy.localstack.config import REPO
from deploy.localstack.errors import StackError

DEFAULT_POLICY = REPO / "services" / "incentives" / "policies" / "default.yaml"
DEMO_OFFICE = "jn-lj-dx"
"""The demo's county office (its head jn-lj-dx.wuhao closes periods)."""
POLICY_ENV = "INCENTIVES_POLICY_FILES"
NOTIFY_POLICY_ENV = "NOTIFY_POLICY_FILES"
"""notify's setting naming the same files: the ``bulletins`` section shapes the office's 通报."""

_OFFICE_LINE = re.compile(r"^office_id: *\S+ *$", re.MULTILINE)


def demo_policy_text(default: str, office_id: str = DEMO_OFFICE) -> str:
    """``default`` with its one top-level ``office_id`` line naming ``office_id``."""
    adopted, replaced = _OFFICE_LINE.subn(f"office_id: {office_id}", default)
    if replaced != 1:
        raise StackError(f"{DEFAULT_POLICY} has {replaced} top-level office_id lines, expected 1")
    return adopted


def demo_policy_environment(root: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """``INCENTIVES_POLICY_FILES`` and ``NOTIFY_POLICY_FILES`` naming the demo office's policy
    (written under ``root``), unless the environment names policy files already."""
    if environ.get(POLICY_ENV):
        return {}
    path = root / "policies" / f"{DEMO_OFFICE}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(demo_policy_text(DEFAULT_POLICY.read_text(encoding="utf-8")), encoding="utf-8")
    files = json.dumps([str(path)])
    return {POLICY_ENV: files, NOTIFY_POLICY_ENV: files}

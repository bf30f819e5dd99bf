"""mypy --strict over the contracts, the plumbing and the pure domains (where it is cheap)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STRICT = [
    "shared",
    "services/scoring/domain",
    "services/incentives/domain",
]


@pytest.mark.skipif(shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists(),
                    reason="mypy is not installed (pip install -e '.[dev]')")
def test_contracts_plumbing_and_domains_pass_mypy_strict() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--exclude", "/tests/", *STRICT],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]

"""Rescoring a period under a new rubric version: revised scores flow to the ledger."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.localstack import Stack, devkeys
from services.scoring.domain import DEFAULT_RUBRIC_PATH
from shared.contracts import topics
from tests.e2e.harness import Api, access_token, eventually, read_topic, wait_until_consumed
from tests.e2e.test_pipeline import ITEM, fully_processed

pytestmark = pytest.mark.e2e


def strict_rubric(folder: Path) -> Path:
    """The shipped rubric with a new version and bands no item reaches: everything is poor."""
    text = Path(DEFAULT_RUBRIC_PATH).read_text(encoding="utf-8")
    text = re.sub(r'^version: .*$', 'version: "e2e-strict"', text, flags=re.M)
    for band, floor in (("excellent", 99.9), ("good", 99.8), ("fair", 99.7)):
        text = re.sub(rf"^  {band}: \d+$", f"  {band}: {floor}", text, flags=re.M)
    base = Path(DEFAULT_RUBRIC_PATH).parent
    text = re.sub(r"(phrases/\S+\.txt)", lambda m: str(base / m.group(1)), text)
    path = folder / "strict.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_rescore_under_a_new_rubric_reverses_and_reawards_quality_points(
    stack: Stack, intake: Api, tmp_path: Path
) -> None:
    sid = (await intake.call("POST", "/submissions", 201, json=ITEM))["submission_id"]
    item = await eventually(lambda: fully_processed(intake, sid), what="first score")
    period = item["period"]
    env = {
        **os.environ,
        "SCORING_KAFKA_BOOTSTRAP": stack.kafka_bootstrap,
        "SCORING_MONGO_URI": stack.mongo_uri,
        **devkeys.auth_environment(stack.config, "scoring"),  # intake's JWKS URL
    }
    command = [sys.executable, "-m", "services.scoring.rescore", "--period", period,
               "--rubric", str(strict_rubric(tmp_path))]

    def rescore(token: str | None) -> subprocess.CompletedProcess[str]:
        with_token = {**env, "XINBAO_ACCESS_TOKEN": token} if token else env
        return subprocess.run(command, env=with_token, capture_output=True, text=True, timeout=300,
                              check=False)

    anonymous = rescore(None)
    assert anonymous.returncode == 3 and "XINBAO_ACCESS_TOKEN" in anonymous.stderr
    editor = rescore(await access_token(stack, "e2e-county-editor"))
    assert editor.returncode == 4 and "only an administrator may" in editor.stderr
    done = rescore(await access_token(stack, "admin"))
    assert done.returncode == 0, done.stderr
    assert "rescored" in done.stderr and "e2e-strict" in done.stderr
    await wait_until_consumed(stack)
    rescored = [
        r for r in await read_topic(stack, topics.SCORES)
        if r.key == sid.encode() and b'"rescore":true' in r.value
    ]
    assert len(rescored) == 1 and b'"band":"poor"' in rescored[0].value
    incentives = await Api.acting_as(stack, "incentives", "e2e-county-editor")
    try:
        entries = await incentives.call(
            "GET", "/units/e2e-town/entries", params={"period": period, "limit": 1000}
        )
    finally:
        await incentives.close()
    quality = [e for e in entries if e["submission_id"] == sid and e["rule"].startswith("quality.")]
    reversed_ids = {e["reverses_entry_id"] for e in quality}
    live = {e["entry_id"] for e in quality if not e["reverses_entry_id"]} - reversed_ids
    assert any(e["reverses_entry_id"] for e in quality), "the old band's points were not reversed"
    assert [e["rule"] for e in quality if e["entry_id"] in live] == ["quality.poor"]

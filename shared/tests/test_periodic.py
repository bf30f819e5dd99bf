"""The background loop every scheduler uses: a failing step is logged and tried again."""

from __future__ import annotations

import asyncio
import logging

import pytest

from shared.runtime.periodic import PeriodicTasks


async def test_a_failing_step_is_logged_and_the_loop_goes_on_until_stopped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []
    third = asyncio.Event()

    async def step() -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("the database is away")
        if len(calls) == 3:
            third.set()

    tasks = PeriodicTasks(logging.getLogger("test.periodic"))
    tasks.start("test-step", step, 0)
    await asyncio.wait_for(third.wait(), timeout=5)
    await tasks.stop()
    stopped_at = len(calls)
    await asyncio.sleep(0.01)
    assert len(calls) == stopped_at >= 3
    assert "test-step step failed; retrying" in caplog.text

"""Background steps a service instance repeats on a timer (schedulers, watchers, dispatchers).

Each step runs, then the loop sleeps its interval; a step that fails is logged and tried
again next time, so one bad round never stops the loop. The steps themselves must be safe
on every replica (they claim what they do): this only keeps them running.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

Step = Callable[[], Awaitable[object]]


class PeriodicTasks:
    """The repeating steps of one component, started and stopped together."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self._tasks: list[asyncio.Task[None]] = []

    def start(self, name: str, step: Step, interval: float) -> None:
        """Repeat ``step`` every ``interval`` seconds until :meth:`stop`."""
        self._tasks.append(asyncio.create_task(self._loop(name, step, interval), name=name))

    async def stop(self) -> None:
        """Cancel every loop and wait until each has ended."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _loop(self, name: str, step: Step, interval: float) -> None:
        while True:
            try:
                await step()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.log.exception("%s step failed; retrying", name)
            await asyncio.sleep(interval)

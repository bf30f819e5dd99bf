"""Background work of a notify instance: the dispatcher and the scheduler tick.

Started and stopped by the app's lifespan hooks. Several instances may run them at once:
deliveries are leased and reminders/digests are keyed, so nothing goes out twice in effect.
Tests call :meth:`Workers.dispatch_once` and :meth:`Workers.tick_once` with an injected clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping

from services.notify import usecases
from services.notify.ports import Channel

log = logging.getLogger("xinbao.notify.workers")


class Workers:
    def __init__(
        self,
        deps: usecases.Deps,
        channels: Mapping[str, Channel],
        *,
        owner: str,
        poll_seconds: float = 1.0,
        tick_seconds: float = 60.0,
    ) -> None:
        self.deps = deps
        self.channels = channels
        self.owner = owner
        self.poll_seconds = poll_seconds
        self.tick_seconds = tick_seconds
        self._tasks: list[asyncio.Task[None]] = []

    async def dispatch_once(self) -> int:
        """Send what is due now; how many deliveries were tried."""
        return await usecases.dispatch_due(self.deps, self.channels, self.owner)

    async def tick_once(self) -> dict[str, int]:
        """Fire due reminders, make due digests, publish due bulletins."""
        reminders = await usecases.fire_due_reminders(self.deps)
        digests = await usecases.make_due_digests(self.deps)
        bulletins = await usecases.publish_due_bulletins(self.deps)
        return {"reminders": reminders, "digests": digests, "bulletins": bulletins}

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(
                self._loop(self._dispatch_until_idle, self.poll_seconds), name="notify-dispatch"
            ),
            asyncio.create_task(self._loop(self.tick_once, self.tick_seconds), name="notify-scheduler"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _dispatch_until_idle(self) -> None:
        while await self.dispatch_once() >= self.deps.rules.batch:
            pass

    @staticmethod
    async def _loop(step: Callable[[], Awaitable[object]], interval: float) -> None:
        while True:
            try:
                await step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notify background step failed; retrying")
            await asyncio.sleep(interval)

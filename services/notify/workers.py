"""Background work of a notify instance: the dispatcher and the scheduler tick.

Started and stopped by the app's lifespan hooks. Several instances may run them at once:
deliveries are leased and reminders/digests are keyed, so nothing goes out twice in effect.
Tests call :meth:`Workers.dispatch_once` and :meth:`Workers.tick_once` with an injected clock.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from services.notify import usecases
from services.notify.ports import Channel
from shared.runtime.periodic import PeriodicTasks

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
        self._tasks = PeriodicTasks(log)

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
        self._tasks.start("notify-dispatch", self._dispatch_until_idle, self.poll_seconds)
        self._tasks.start("notify-scheduler", self.tick_once, self.tick_seconds)

    async def stop(self) -> None:
        await self._tasks.stop()

    async def _dispatch_until_idle(self) -> None:
        while await self.dispatch_once() >= self.deps.rules.batch:
            pass

"""The standings watcher of an incentives instance: every tick, announce the rank changes.

Started and stopped by the app's lifespan (``INCENTIVES_STANDINGS_WATCH_ENABLED``, every
``INCENTIVES_STANDINGS_TICK_SECONDS``). Every replica may run it: a snapshot is taken in a
transaction that claims it (``usecases.standings_watch``), so two replicas ticking at once
still emit each StandingChanged once. Tests call :meth:`StandingsWatcher.tick_once` with
the clock they move.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from services.incentives.domain import PolicyBook
from services.incentives.metrics import IncentivesMetrics
from services.incentives.usecases import StandingsTick, UnitOfWorkFactory, watch_standings
from shared.clock import Clock

log = logging.getLogger("xinbao.incentives.standings_watcher")


class StandingsWatcher:
    def __init__(
        self,
        new_uow: UnitOfWorkFactory,
        book: PolicyBook,
        clock: Clock,
        metrics: IncentivesMetrics,
        *,
        tick_seconds: float = 300.0,
    ) -> None:
        self.new_uow = new_uow
        self.book = book
        self.clock = clock
        self.metrics = metrics
        self.tick_seconds = tick_seconds
        self._task: asyncio.Task[None] | None = None

    async def tick_once(self) -> StandingsTick:
        """Compare the current month's ranks with the last snapshot, once."""
        tick = await watch_standings(self.new_uow, self.book, self.clock())
        self.metrics.standings_snapshots.labels(tick.outcome).inc()
        self.metrics.standing_changes.inc(tick.emitted)
        return tick

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="incentives-standings")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("standings watcher step failed; retrying")
            await asyncio.sleep(self.tick_seconds)

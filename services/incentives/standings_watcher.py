"""The standings watcher of an incentives instance: every tick, announce the rank changes.

Started and stopped by the app's lifespan (``INCENTIVES_STANDINGS_WATCH_ENABLED``, every
``INCENTIVES_STANDINGS_TICK_SECONDS``). Every replica may run it: a snapshot is taken in a
transaction that claims it (``usecases.standings_watch``), so two replicas ticking at once
still emit each StandingChanged once. Tests call :meth:`StandingsWatcher.tick_once` with
the clock they move.
"""

from __future__ import annotations

import logging

from services.incentives.domain import PolicyBook
from services.incentives.metrics import IncentivesMetrics
from services.incentives.usecases import StandingsTick, UnitOfWorkFactory, watch_standings
from shared.clock import Clock
from shared.runtime.periodic import PeriodicTasks

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
        self._tasks = PeriodicTasks(log)

    async def tick_once(self) -> StandingsTick:
        """Compare the current month's ranks with the last snapshot, once."""
        tick = await watch_standings(self.new_uow, self.book, self.clock())
        self.metrics.standings_snapshots.labels(tick.outcome).inc()
        self.metrics.standing_changes.inc(tick.emitted)
        return tick

    async def start(self) -> None:
        self._tasks.start("incentives-standings", self.tick_once, self.tick_seconds)

    async def stop(self) -> None:
        await self._tasks.stop()

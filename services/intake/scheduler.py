"""The deadline scheduler of an intake instance: every tick, judge the deadlines that passed.

Started and stopped by the app's lifespan. Every replica may run it: a deadline is judged in
a transaction that claims it (``usecases.deadlines``), so two replicas ticking at once still
raise one DeadlineMissed, and a replica that was down catches up on its first tick.
Tests call :meth:`DeadlineScheduler.tick_once` with the clock they move.
"""

from __future__ import annotations

import logging

from prometheus_client import CollectorRegistry, Counter

from services.intake.usecases.common import UnitOfWorkFactory
from services.intake.usecases.deadlines import Expiry, expire_due_deadlines
from shared.clock import Clock
from shared.runtime.periodic import PeriodicTasks

log = logging.getLogger("xinbao.intake.scheduler")


class DeadlineScheduler:
    def __init__(
        self,
        new_uow: UnitOfWorkFactory,
        clock: Clock,
        *,
        tick_seconds: float = 30.0,
        batch: int = 200,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.new_uow = new_uow
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.batch = batch
        self._tasks = PeriodicTasks(log)
        self._judged = Counter(
            "xinbao_intake_deadlines_judged", "Deadlines judged after their time, by outcome.",
            ["outcome"], registry=registry,
        )

    async def tick_once(self) -> Expiry:
        """Judge what is due now; repeats while full batches come back (catching up)."""
        total = Expiry()
        while True:
            step = await expire_due_deadlines(self.new_uow, self.clock(), self.batch)
            total = Expiry(
                total.judged + step.judged, total.missed + step.missed,
                total.taken_by_another + step.taken_by_another,
            )
            self._judged.labels("missed").inc(step.missed)
            self._judged.labels("met_or_cancelled").inc(step.judged - step.missed)
            if step.judged + step.taken_by_another < self.batch:
                return total

    async def start(self) -> None:
        self._tasks.start("intake-deadlines", self.tick_once, self.tick_seconds)

    async def stop(self) -> None:
        await self._tasks.stop()

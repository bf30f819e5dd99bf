"""The standings watcher's step: announce the units whose rank in the current month moved.

``watch_standings`` ranks the month that ``now`` falls in on the office's clock (the same
ranking as ``GET /standings``: ``reading.standings_in``), compares it with the last
snapshot of that month's ranks, and in ONE unit of work saves the new snapshot and emits a
StandingChanged through the outbox for every unit whose rank changed. Nothing is written
when no unit's place moved. The first snapshot of a month is a baseline and emits nothing
(``domain.rank_changes``).

Idempotency key: ``standings-snapshot:<period>:<version>`` claimed in the inbox, and each
event id is a uuid5 of (period, unit, version): two replicas taking the same snapshot at
once commit once (the other's transaction fails on the inbox's unique key, the snapshot
document or the outbox's unique event id, and is dropped), and a replica that starts after
the other committed sees the new snapshot and finds nothing changed.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from pymongo.errors import OperationFailure

from services.incentives.domain import PolicyBook
from services.incentives.domain.rank_changes import RankChange, next_snapshot, rank_changes
from services.incentives.usecases.common import PRODUCER, UnitOfWorkFactory
from services.incentives.usecases.reading import standings_in
from shared.contracts import StandingChanged
from shared.persistence.conflicts import lost_race

log = logging.getLogger("xinbao.incentives.standings")

_NAMESPACE = uuid.UUID("6b1f2a4e-3c5d-4e8f-9a0b-1c2d3e4f5a6b")
"""Namespace of the watcher's derived ids (any fixed UUID; it must never change)."""


@dataclass(frozen=True)
class StandingsTick:
    """What one step did: the period watched, the snapshot version now kept (None: none
    yet), the events emitted, and whether another instance took this snapshot first."""

    period: str
    version: int | None
    emitted: int = 0
    taken_by_another: bool = False
    saved: bool = False

    @property
    def outcome(self) -> str:
        """'saved', 'unchanged' or 'taken_by_another' (the watcher's metric label)."""
        if self.taken_by_another:
            return "taken_by_another"
        return "saved" if self.saved else "unchanged"


def snapshot_key(period: str, version: int) -> str:
    """The inbox key that lets one instance only take snapshot ``version`` of ``period``."""
    return f"standings-snapshot:{period}:{version}"


def standing_event_id(period: str, unit_id: str, version: int) -> str:
    """The id of the StandingChanged of ``unit_id`` in snapshot ``version`` of ``period``."""
    return uuid.uuid5(_NAMESPACE, f"StandingChanged:{period}:{unit_id}:{version}").hex


async def watch_standings(new_uow: UnitOfWorkFactory, book: PolicyBook, now: datetime) -> StandingsTick:
    """Snapshot the current month's ranks; StandingChanged out for each unit that moved."""
    period = book.month_at(now)
    try:
        async with new_uow() as uow:
            standings = await standings_in(uow, book, period)
            before = await uow.rank_snapshots.get(period)
            after = next_snapshot(before, period, standings.rows)
            if after is None:
                return StandingsTick(period, before.version if before else None)
            if not await uow.claim(snapshot_key(period, after.version)):
                return StandingsTick(period, before.version if before else None, taken_by_another=True)
            changes = rank_changes(before, standings.rows)
            await uow.rank_snapshots.save(after, now)
            for change in changes:
                uow.emit(_changed(change, period, after.version, now))
            await uow.commit()
    except OperationFailure as error:
        if not lost_race(error):
            raise
        log.info("standings snapshot of %s was taken by another instance", period)
        return StandingsTick(period, None, taken_by_another=True)
    return StandingsTick(period, after.version, len(changes), saved=True)


def _changed(change: RankChange, period: str, version: int, now: datetime) -> StandingChanged:
    row = change.standing
    return StandingChanged(
        event_id=standing_event_id(period, row.unit_id, version),
        producer=PRODUCER,
        occurred_at=now,
        correlation_id=uuid.uuid5(_NAMESPACE, snapshot_key(period, version)).hex,
        unit_id=row.unit_id,
        period=period,
        peer_group=row.peer_group,
        rank=row.rank,
        previous_rank=change.previous_rank,
        group_size=change.group_size,
        total_points=row.total,
        entries=row.entries,
    )


__all__ = ["StandingsTick", "snapshot_key", "standing_event_id", "watch_standings"]

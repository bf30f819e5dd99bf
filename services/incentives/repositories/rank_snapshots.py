"""The ``rank_snapshots`` collection: the last ranks the standings watcher saw, per period.

One document per period (``_id`` the period) with the snapshot's version and one row per
unit (a list, so unit ids never become field names). The watcher reads and replaces it in
the same unit of work that emits StandingChanged, so the snapshot and the events commit
together; two replicas replacing it at once conflict and one of them commits nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.incentives.domain.rank_changes import RankSnapshot
from shared.persistence import Documents


class RankSnapshotRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, period: str) -> RankSnapshot | None:
        doc = await self.docs.get(period)
        return _snapshot(doc) if doc else None

    async def save(self, snapshot: RankSnapshot, taken_at: datetime) -> None:
        rows = [
            {"unit_id": unit, "peer_group": group, "rank": rank}
            for unit, (group, rank) in sorted(snapshot.places.items())
        ]
        await self.docs.put(
            {"_id": snapshot.period, "version": snapshot.version, "taken_at": taken_at, "ranks": rows}
        )


def _snapshot(doc: dict[str, Any]) -> RankSnapshot:
    places = {row["unit_id"]: (row["peer_group"], int(row["rank"])) for row in doc["ranks"]}
    return RankSnapshot(doc["_id"], int(doc["version"]), places)

"""In-memory unit of work and outbox: real implementations of the ports, for fast tests.

State lives in :class:`MemoryDatabase` as named tables (dicts of documents). A unit of
work works on a deep copy and swaps it in on commit, so a failed use case leaves no trace,
just as a rolled-back transaction does. Units of work are serialised by a lock.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from shared.contracts.envelope import utcnow
from shared.persistence.documents import Documents, MemoryDocuments
from shared.persistence.outbox import OutboxRecord, OutboxStore
from shared.persistence.unit_of_work import UnitOfWork

Table = dict[str, dict[str, Any]]


class MemoryDatabase:
    """Named tables plus the inbox and the outbox of one service."""

    def __init__(self) -> None:
        self.tables: dict[str, Table] = {}
        self.inbox: set[str] = set()
        self.outbox: list[OutboxRecord] = []
        self.published: set[int] = set()
        self.relay_lease: tuple[str, datetime] | None = None
        """The relay that publishes the outbox and until when (as in MongoDB's outbox_relay)."""
        self.lock = asyncio.Lock()

    def table(self, name: str) -> Table:
        """The committed table ``name`` (created empty on first use)."""
        return self.tables.setdefault(name, {})


class MemoryUnitOfWork(UnitOfWork):
    """Copy-on-begin, swap-on-commit; subclasses bind repositories in ``bind_repositories``."""

    def __init__(self, db: MemoryDatabase, on_commit: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self.db = db
        self._on_commit = on_commit
        self.tables: dict[str, Table] = {}
        self._claimed: set[str] = set()

    def table(self, name: str) -> Table:
        """The working copy of table ``name`` inside this unit of work."""
        return self.tables.setdefault(name, {})

    def documents(self, name: str) -> Documents:
        """The working copy of collection ``name`` inside this unit of work."""
        return MemoryDocuments(self.table(name))

    async def _begin(self) -> None:
        await self.db.lock.acquire()
        self.tables = copy.deepcopy(self.db.tables)
        self._claimed = set()

    async def _claim(self, event_id: str) -> bool:
        if event_id in self.db.inbox or event_id in self._claimed:
            return False
        self._claimed.add(event_id)
        return True

    async def _commit(self, records: list[OutboxRecord]) -> None:
        self.db.tables = self.tables
        self.db.inbox |= self._claimed
        start = len(self.db.outbox)
        self.db.outbox.extend(replace(r, record_id=start + n) for n, r in enumerate(records))
        if records:
            self._on_commit()

    async def _rollback(self) -> None:
        self.tables = {}

    async def _end(self) -> None:
        if self.db.lock.locked():
            self.db.lock.release()


class MemoryOutboxStore(OutboxStore):
    """The outbox of a :class:`MemoryDatabase`, with the relay lease of the MongoDB store."""

    def __init__(self, db: MemoryDatabase) -> None:
        self.db = db

    async def lease_pending(self, owner: str, limit: int, lease_seconds: float) -> list[OutboxRecord]:
        now = utcnow()
        held = self.db.relay_lease
        if held is not None and held[0] != owner and held[1] > now:
            return []
        self.db.relay_lease = (owner, now + timedelta(seconds=lease_seconds))
        pending = [r for r in self.db.outbox if r.record_id not in self.db.published]
        return [replace(r) for r in pending[:limit]]

    async def release(self, owner: str) -> None:
        if self.db.relay_lease is not None and self.db.relay_lease[0] == owner:
            self.db.relay_lease = (owner, utcnow())

    async def mark_published(self, records: list[OutboxRecord]) -> None:
        self.db.published.update(r.record_id for r in records)

    async def count_pending(self) -> int:
        return len(self.db.outbox) - len(self.db.published)

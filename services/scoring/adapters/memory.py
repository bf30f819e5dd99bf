"""In-memory fake of the scoring storage, for use-case and component tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

from services.scoring.domain import DuplicateCandidate, simhash_bands
from services.scoring.ports import DUPLICATE_BANDS, ItemRecord, ItemRepository, ScoringUnitOfWork, UnitTree
from shared.persistence.memory import MemoryUnitOfWork, Table


class MemoryItemRepository(ItemRepository):
    def __init__(self, table: Table) -> None:
        self.table = table

    async def get(self, submission_id: str) -> ItemRecord | None:
        item = self.table.get(submission_id)
        return replace(item["record"]) if item else None

    async def save(self, item: ItemRecord) -> None:
        self.table[item.submission_id] = {"record": replace(item)}

    async def candidates(self, bands: list[int], exclude: str) -> list[DuplicateCandidate]:
        wanted = set(enumerate(bands))
        found = []
        for submission_id, row in self.table.items():
            record: ItemRecord = row["record"]
            if submission_id == exclude or record.fingerprint is None:
                continue
            if wanted & set(enumerate(simhash_bands(record.fingerprint, DUPLICATE_BANDS))):
                found.append(DuplicateCandidate(submission_id, record.unit_id, record.fingerprint))
        return found

    async def in_period(self, period: str) -> AsyncIterator[ItemRecord]:
        records = [row["record"] for row in self.table.values() if row["record"].period == period]
        for record in sorted(records, key=lambda r: r.submitted_at):
            yield replace(record)

    async def count_in_period(self, period: str) -> int:
        return sum(1 for row in self.table.values() if row["record"].period == period)


class MemoryScoringUnitOfWork(MemoryUnitOfWork, ScoringUnitOfWork):
    def bind_repositories(self) -> None:
        self.items = MemoryItemRepository(self.table("items"))
        self.units = UnitTree(self.documents("units"))

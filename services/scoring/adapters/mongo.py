"""The scoring service's MongoDB adapter: the ``items`` collection inside a transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.scoring.domain import DuplicateCandidate, simhash_bands
from services.scoring.ports import (
    DUPLICATE_BANDS,
    DUPLICATE_CANDIDATES,
    ItemRecord,
    ItemRepository,
    ScoringUnitOfWork,
    UnitTree,
)
from shared.persistence.mongo import MongoUnitOfWork

ITEMS = "items"
Document = dict[str, Any]


async def ensure_indexes(db: AsyncDatabase[Document]) -> None:
    """Indexes for band lookup and period scans."""
    await db[ITEMS].create_index("bands")
    await db[ITEMS].create_index([("period", 1), ("submitted_at", 1)])


class MongoItemRepository(ItemRepository):
    def __init__(self, db: AsyncDatabase[Document], session: AsyncClientSession | None) -> None:
        self.collection = db[ITEMS]
        self.session = session

    async def get(self, submission_id: str) -> ItemRecord | None:
        doc = await self.collection.find_one({"_id": submission_id}, session=self.session)
        return _record(doc) if doc else None

    async def save(self, item: ItemRecord) -> None:
        await self.collection.replace_one(
            {"_id": item.submission_id}, _document(item), upsert=True, session=self.session
        )

    async def candidates(self, bands: list[int], exclude: str) -> list[DuplicateCandidate]:
        # ``exclude`` is left out here, not with ``_id: {$ne}`` in the query: beside the
        # multikey ``bands`` that made SecantusDB scan the whole collection.
        query = {"bands": {"$in": _tagged(bands)}}
        cursor = self.collection.find(query, {"unit_id": 1, "fingerprint": 1}, session=self.session)
        found = [
            DuplicateCandidate(doc["_id"], doc["unit_id"], int(doc["fingerprint"], 16))
            async for doc in cursor.limit(DUPLICATE_CANDIDATES + 1)
            if doc.get("fingerprint") and doc["_id"] != exclude
        ]
        return found[:DUPLICATE_CANDIDATES]

    async def in_period(self, period: str) -> AsyncIterator[ItemRecord]:
        cursor = self.collection.find({"period": period}, session=self.session)
        async for doc in cursor.sort("submitted_at", 1):
            yield _record(doc)

    async def count_in_period(self, period: str) -> int:
        return await self.collection.count_documents({"period": period}, session=self.session)


class MongoScoringUnitOfWork(MongoUnitOfWork, ScoringUnitOfWork):
    def bind_repositories(self) -> None:
        self.items = MongoItemRepository(self.db, self.session)
        self.units = UnitTree(self.documents("units"))


def _tagged(bands: list[int]) -> list[str]:
    """Bands are stored with their position so equal values in different bands differ."""
    return [f"{position}:{value}" for position, value in enumerate(bands)]


def _document(item: ItemRecord) -> Document:
    doc = asdict(item)
    doc["_id"] = doc.pop("submission_id")
    fingerprint = item.fingerprint
    doc["fingerprint"] = f"{fingerprint:016x}" if fingerprint is not None else None
    doc["bands"] = _tagged(simhash_bands(fingerprint, DUPLICATE_BANDS)) if fingerprint is not None else []
    return doc


def _record(doc: Document) -> ItemRecord:
    fields = {k: v for k, v in doc.items() if k not in ("_id", "bands")}
    fingerprint = fields.pop("fingerprint", None)
    return ItemRecord(
        submission_id=doc["_id"],
        fingerprint=int(fingerprint, 16) if fingerprint else None,
        **fields,
    )

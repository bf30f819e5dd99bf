"""What the scoring use cases need from storage: the items seen and their latest scores, and
the org tree (each unit's parent) that says who may read them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.scoring.domain import DuplicateCandidate
from shared.persistence.documents import Documents
from shared.persistence.unit_of_work import UnitOfWork

DUPLICATE_BANDS = 8
"""SimHash bands of 8 bits stored per item: any earlier item within 7 differing bits is
found by one indexed lookup (about 3 % of unrelated items come back as candidates too)."""

DUPLICATE_CANDIDATES = 2000
"""At most this many candidates are compared per item."""


@dataclass
class ItemRecord:
    """The latest text of an item as scoring knows it, with its latest score."""

    submission_id: str
    unit_id: str
    author_id: str
    title: str
    body: str
    category: str
    language: str
    period: str
    submitted_at: datetime
    revision: int = 0
    fingerprint: int | None = None
    score: dict[str, Any] | None = field(default=None)
    outcomes: list[str] = field(default_factory=list)
    """Editors' decisions on the item, e.g. 'returned', 'adopted:county' (score validity)."""
    adopted_by: list[str] = field(default_factory=list)
    """Offices that adopted the item: their leaders may read its score."""


class ItemRepository(ABC):
    """Items by submission id, and lookup of near-duplicate candidates by SimHash band."""

    @abstractmethod
    async def get(self, submission_id: str) -> ItemRecord | None: ...

    @abstractmethod
    async def save(self, item: ItemRecord) -> None: ...

    @abstractmethod
    async def candidates(self, bands: list[int], exclude: str) -> list[DuplicateCandidate]:
        """Earlier items sharing at least one SimHash band with these, other than ``exclude``."""

    @abstractmethod
    def in_period(self, period: str) -> AsyncIterator[ItemRecord]:
        """Every item counted in ``period`` (for rescoring), in submission order."""

    @abstractmethod
    async def count_in_period(self, period: str) -> int: ...


class UnitTree:
    """Each unit's parent, as intake's UnitRegistered last placed it (over the document port,
    so the same code serves MongoDB and the in-memory fake)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def place(self, unit_id: str, parent_id: str | None) -> None:
        await self.docs.put({"_id": unit_id, "parent_id": parent_id})

    async def lineage(self, unit_id: str) -> tuple[str, ...]:
        """``unit_id`` and its ancestors up to the highest one known; a unit scoring has not
        heard of yet is its own whole lineage, so only its own people reach it meanwhile."""
        found = [unit_id]
        doc = await self.docs.get(unit_id)
        while doc is not None and doc.get("parent_id") and doc["parent_id"] not in found:
            found.append(doc["parent_id"])
            doc = await self.docs.get(doc["parent_id"])
        return tuple(found)


class ScoringUnitOfWork(UnitOfWork):
    """A unit of work with the item repository and the unit tree bound to it."""

    items: ItemRepository
    units: UnitTree

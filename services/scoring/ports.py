"""What the scoring use cases need from storage: the items seen and their latest scores."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.scoring.domain import DuplicateCandidate
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


class ScoringUnitOfWork(UnitOfWork):
    """A unit of work with the item repository bound to it."""

    items: ItemRepository

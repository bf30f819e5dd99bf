"""The ``totals`` projection: the standings tally of the ledger, stored per subject and month.

One document per (unit or person, entry period) holds what the domain's ``StandingsTally``
holds for it: net points, net money, entries and items. The use cases add each appended
batch in the same unit of work as the ledger append, so the projection is always the fold
of the ledger; ``replace`` rewrites one subject's cells from its entries (the rebuild).
Entry periods are months, except period-close entries, which carry the closed quarter or year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from services.incentives.domain import LedgerEntry, fold
from services.incentives.domain.money import ZERO
from services.incentives.domain.periods import quarter_of, year_of
from services.incentives.repositories.ledger import Subject, period_field
from shared.persistence import Documents


@dataclass(frozen=True, slots=True)
class Cell:
    """Net points and money, entry count and items of one subject over some period.

    ``unit_ids``: the unit itself, or the units a person's entries were for.
    """

    points: Decimal = ZERO
    money: Decimal = ZERO
    entries: int = 0
    items: int = 0
    unit_ids: tuple[str, ...] = ()

    def plus(self, other: Cell) -> Cell:
        return Cell(
            self.points + other.points,
            self.money + other.money,
            self.entries + other.entries,
            self.items + other.items,
            tuple(sorted({*self.unit_ids, *other.unit_ids})),
        )

    def sums(self) -> tuple[Decimal, Decimal, int, int]:
        """(points, money, entries, items), the shape the domain ranks."""
        return self.points, self.money, self.entries, self.items


SUBJECTS: tuple[Subject, ...] = ("unit", "person")

CellKey = tuple[str, str]
"""(subject id, entry period)."""


def cells_of(subject: Subject, entries: Iterable[LedgerEntry]) -> dict[CellKey, Cell]:
    """The domain's tally of ``entries`` per unit (or per person) and entry period."""
    entries = list(entries)
    owners: dict[CellKey, set[str]] = {}
    if subject == "person":
        entries = [e for e in entries if e.person_id]
        for entry in entries:
            owners.setdefault((str(entry.person_id), entry.period), set()).add(entry.unit_id)
        entries = [replace(e, unit_id=str(e.person_id)) for e in entries]
    cells = {}
    for key, (points, money, count, items) in fold(entries).snapshot().items():
        unit_ids = tuple(sorted(owners[key])) if subject == "person" else (key[0],)
        cells[key] = Cell(points, money, count, items, unit_ids)  # type: ignore[arg-type]
    return cells


class TotalsRepository:
    """Cells of the projection; reads sum them over any period."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def add(self, entries: Iterable[LedgerEntry]) -> None:
        """Count newly appended ``entries`` for their units and their officers."""
        entries = list(entries)
        for subject in SUBJECTS:
            for (subject_id, period), delta in cells_of(subject, entries).items():
                doc = await self.docs.get(_cell_id(subject, subject_id, period))
                current = _cell(doc) if doc else Cell()
                await self.docs.put(_document(subject, subject_id, period, current.plus(delta)))

    async def sums(self, subject: Subject, period: str) -> dict[str, Cell]:
        """Each subject's cells inside ``period`` added up."""
        totals: dict[str, Cell] = {}
        for doc in await self.docs.find({"subject": subject, period_field(period): period}):
            if doc["entries"]:
                totals[doc["subject_id"]] = totals.get(doc["subject_id"], Cell()).plus(_cell(doc))
        return totals

    async def cells(self, subject: Subject, scope: str | None = None) -> dict[CellKey, Cell]:
        """The stored cells inside ``scope`` (None: all), cells of nothing left out."""
        where: dict[str, Any] = {"subject": subject, **({period_field(scope): scope} if scope else {})}
        return {
            (doc["subject_id"], doc["period"]): _cell(doc)
            for doc in await self.docs.find(where)
            if doc["entries"]
        }

    async def replace(
        self, subject: Subject, subject_id: str, scope: str | None, fresh: dict[str, Cell]
    ) -> int:
        """Set the subject's cells inside ``scope`` to ``fresh`` (by entry period); cells no
        longer backed by entries are emptied. Returns how many cells changed."""
        where: dict[str, Any] = {"subject": subject, "subject_id": subject_id}
        if scope:
            where[period_field(scope)] = scope
        stored = {doc["period"]: _cell(doc) for doc in await self.docs.find(where)}
        changed = 0
        for period in stored.keys() | fresh.keys():
            wanted = fresh.get(period, Cell())
            if stored.get(period) != wanted:
                await self.docs.put(_document(subject, subject_id, period, wanted))
                changed += 1
        return changed


def _cell_id(subject: Subject, subject_id: str, period: str) -> str:
    return f"{subject}:{subject_id}:{period}"


def _document(subject: Subject, subject_id: str, period: str, cell: Cell) -> dict[str, Any]:
    return {
        "_id": _cell_id(subject, subject_id, period),
        "subject": subject,
        "subject_id": subject_id,
        "period": period,
        "quarter": quarter_of(period),
        "year": year_of(period),
        "points": str(cell.points),
        "money": str(cell.money),
        "entries": cell.entries,
        "items": cell.items,
        "unit_ids": list(cell.unit_ids),
    }


def _cell(doc: dict[str, Any]) -> Cell:
    return Cell(
        Decimal(doc["points"]),
        Decimal(doc["money"]),
        doc["entries"],
        doc["items"],
        tuple(doc.get("unit_ids", ())),
    )

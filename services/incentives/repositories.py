"""Incentives' repositories over the document port: the ledger and the unit profiles.

Ledger documents carry their month, quarter and year so a period of any length is an
equality filter. Decimals are stored as strings: exact, and summed by the domain.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from services.incentives.domain import LedgerEntry, UnitProfile
from services.incentives.domain.periods import kind_of, quarter_of, year_of
from shared.contracts import OrgLevel, PeriodKind, UnitKind, utcnow
from shared.persistence import Documents, UnitOfWork

_PERIOD_FIELD = {PeriodKind.MONTH: "period", PeriodKind.QUARTER: "quarter", PeriodKind.YEAR: "year"}


class LedgerRepository:
    """Append-only: entries are added, never changed; an existing id is left as it is."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def append(self, entry: LedgerEntry) -> bool:
        """Add ``entry``; False when an entry with its id is already there."""
        if await self.docs.get(entry.entry_id) is not None:
            return False
        await self.docs.put(_document(entry))
        return True

    async def for_submission(self, submission_id: str) -> list[LedgerEntry]:
        return [_entry(d) for d in await self.docs.find({"submission_id": submission_id}, sort="seq")]

    async def for_unit(self, unit_id: str, period: str, *, skip: int = 0, limit: int = 0) -> list[LedgerEntry]:
        where = {"unit_id": unit_id, _period_field(period): period}
        found = await self.docs.find(where, sort="seq", skip=skip, limit=limit)
        return [_entry(d) for d in found]

    async def with_money(self, year: str) -> list[LedgerEntry]:
        return [_entry(d) for d in await self.docs.find({"year": year, "has_money": True})]

    async def in_period(self, period: str) -> list[LedgerEntry]:
        return [_entry(d) for d in await self.docs.find({_period_field(period): period}, sort="seq")]


class UnitProfileRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def save(self, unit: UnitProfile) -> None:
        await self.docs.put({"_id": unit.unit_id, **asdict(unit)})

    async def all(self) -> list[UnitProfile]:
        return [_profile(d) for d in await self.docs.find(None, sort="_id")]


class IncentivesUnitOfWork(UnitOfWork):
    def bind_repositories(self) -> None:
        self.ledger = LedgerRepository(self.documents("ledger"))
        self.units = UnitProfileRepository(self.documents("units"))


def _period_field(period: str) -> str:
    return _PERIOD_FIELD[kind_of(period)]


def _document(entry: LedgerEntry) -> dict[str, Any]:
    doc = asdict(entry)
    doc.update(
        _id=entry.entry_id,
        points=str(entry.points),
        money=str(entry.money),
        quarter=quarter_of(entry.period),
        year=year_of(entry.period),
        has_money=entry.money != 0,
        seq=utcnow(),
    )
    return doc


def _entry(doc: dict[str, Any]) -> LedgerEntry:
    fields = {k: doc[k] for k in LedgerEntry.__dataclass_fields__}
    return LedgerEntry(**{**fields, "points": Decimal(doc["points"]), "money": Decimal(doc["money"])})


def _profile(doc: dict[str, Any]) -> UnitProfile:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    return UnitProfile(**{**fields, "level": OrgLevel(fields["level"]), "kind": UnitKind(fields["kind"])})

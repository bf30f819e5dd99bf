"""The ledger repository: append-only entries, read by item, unit, person, period and rule.

Ledger documents carry their month, quarter and year so a period of any length is an
equality filter. Decimals are stored as strings: exact, and summed by the domain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from decimal import Decimal
from typing import Any, Literal

from services.incentives.domain import LedgerEntry
from services.incentives.domain.periods import kind_of, quarter_of, year_of
from shared.contracts import PeriodKind, utcnow
from shared.persistence import Documents

Subject = Literal["unit", "person"]
"""Whom a total belongs to: a unit, or an information officer (person_id)."""

_PERIOD_FIELD = {PeriodKind.MONTH: "period", PeriodKind.QUARTER: "quarter", PeriodKind.YEAR: "year"}
_SUBJECT_FIELD = {"unit": "unit_id", "person": "person_id"}


class LedgerRepository:
    """Append-only: entries are added, never changed; an existing id is left as it is."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def append(self, entry: LedgerEntry) -> bool:
        """Add ``entry``; False when an entry with its id is already there."""
        if await self.docs.get(entry.entry_id) is not None:
            return False
        await self.docs.add(_document(entry))
        return True

    async def for_submission(self, submission_id: str) -> list[LedgerEntry]:
        return _entries(await self.docs.find({"submission_id": submission_id}, sort="seq"))

    async def for_unit(
        self, unit_id: str, period: str, *, skip: int = 0, limit: int = 0
    ) -> list[LedgerEntry]:
        where = {"unit_id": unit_id, period_field(period): period}
        return _entries(await self.docs.find(where, sort="seq", skip=skip, limit=limit))

    async def count_for_unit(self, unit_id: str, period: str) -> int:
        return await self.docs.count({"unit_id": unit_id, period_field(period): period})

    async def for_subject(self, subject: Subject, subject_id: str, scope: str | None) -> list[LedgerEntry]:
        """Every entry of a unit or a person inside ``scope`` (a period; None for all time)."""
        return _entries(await self.docs.find({_SUBJECT_FIELD[subject]: subject_id, **_within(scope)}))

    async def with_money(self, period: str) -> list[LedgerEntry]:
        """Entries that pay or take back money in ``period``."""
        return _entries(await self.docs.find({period_field(period): period, "has_money": True}, sort="seq"))

    async def in_period(self, period: str, rules: Iterable[str] | None = None) -> list[LedgerEntry]:
        """Entries of ``period``, optionally only those of ``rules``."""
        where: dict[str, Any] = {period_field(period): period}
        if rules is not None:
            where["rule"] = {"$in": [str(rule) for rule in rules]}
        return _entries(await self.docs.find(where, sort="seq"))

    async def page(self, scope: str | None, skip: int, limit: int) -> list[LedgerEntry]:
        """One page of the entries inside ``scope``, in a stable order (for a full scan)."""
        return _entries(await self.docs.find(_within(scope), sort="_id", skip=skip, limit=limit))

    async def count(self, scope: str | None = None) -> int:
        return await self.docs.count(_within(scope))


def period_field(period: str) -> str:
    """The stored field that equals ``period`` for every document inside it."""
    return _PERIOD_FIELD[kind_of(period)]


def _within(scope: str | None) -> dict[str, str]:
    return {} if scope is None else {period_field(scope): scope}


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


def _entries(docs: list[dict[str, Any]]) -> list[LedgerEntry]:
    return [_entry(d) for d in docs]


def _entry(doc: dict[str, Any]) -> LedgerEntry:
    fields = {k: doc[k] for k in LedgerEntry.__dataclass_fields__}
    return LedgerEntry(**{**fields, "points": Decimal(doc["points"]), "money": Decimal(doc["money"])})

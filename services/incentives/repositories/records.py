"""Small records incentives keeps beside the ledger: units, quotas, officers, closed periods."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from services.incentives.domain import UnitProfile
from services.incentives.domain.periods import year_of
from shared.contracts import OrgLevel, UnitKind
from shared.persistence import Documents


class UnitProfileRepository:
    """Unit profiles (class, level, place in the tree) and the office each reports to."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def save(self, unit: UnitProfile, reports_to: str | None = None) -> None:
        await self.docs.put({"_id": unit.unit_id, **asdict(unit), "reports_to": reports_to})

    async def all(self) -> list[UnitProfile]:
        return [_profile(d) for d in await self.docs.find(None, sort="_id")]

    async def reporting_to(self, office_id: str) -> list[UnitProfile]:
        """Units that submit to ``office_id`` (their parent, where no office was named)."""
        return [
            _profile(d)
            for d in await self.docs.find(None, sort="_id")
            if (d.get("reports_to") or d.get("parent_id")) == office_id
        ]


@dataclass(frozen=True, slots=True)
class QuotaRecord:
    """A QuotaSet as kept: the items an office asks of a unit in a period."""

    unit_id: str
    office_id: str
    period: str
    items_required: int


class QuotaRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def save(self, quota: QuotaRecord) -> None:
        await self.docs.put(
            {"_id": f"{quota.unit_id}:{quota.period}", **asdict(quota), "year": year_of(quota.period)}
        )

    async def for_period(self, period: str) -> dict[str, QuotaRecord]:
        return {d["unit_id"]: _quota(d) for d in await self.docs.find({"period": period})}

    async def in_year(self, year: str) -> list[QuotaRecord]:
        return [_quota(d) for d in await self.docs.find({"year": year}, sort="_id")]


class PeopleRepository:
    """Information officers' names, as their items named them."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def save(self, person_id: str, name: str, unit_id: str) -> None:
        await self.docs.put({"_id": person_id, "name": name, "unit_id": unit_id})

    async def names(self) -> dict[str, str]:
        return {d["_id"]: d["name"] for d in await self.docs.find(None)}


@dataclass(frozen=True, slots=True)
class Closure:
    """A period closed: when, under which policy version, and how many entries it appended."""

    period: str
    closed_at: datetime
    policy_version: str
    appended: int


class ClosureRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, period: str) -> Closure | None:
        doc = await self.docs.get(period)
        return _closure(doc) if doc else None

    async def save(self, closure: Closure) -> None:
        await self.docs.put({"_id": closure.period, **asdict(closure), "year": year_of(closure.period)})

    async def in_year(self, year: str) -> list[Closure]:
        """Periods of ``year`` closed so far, in the order they were closed."""
        return [_closure(d) for d in await self.docs.find({"year": year}, sort="closed_at")]


def _profile(doc: dict[str, Any]) -> UnitProfile:
    fields = {k: doc[k] for k in UnitProfile.__dataclass_fields__ if k in doc}
    return UnitProfile(**{**fields, "level": OrgLevel(fields["level"]), "kind": UnitKind(fields["kind"])})


def _quota(doc: dict[str, Any]) -> QuotaRecord:
    return QuotaRecord(doc["unit_id"], doc["office_id"], doc["period"], doc["items_required"])


def _closure(doc: dict[str, Any]) -> Closure:
    return Closure(doc["period"], doc["closed_at"], doc["policy_version"], doc["appended"])

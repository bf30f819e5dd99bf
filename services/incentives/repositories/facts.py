"""The ``facts`` collection: every fact the service applied, kept for "what if" replays.

Facts are stored in the order they were applied (``seq``), in the domain's own shape (no
item text), with the item they concern and the year they count in, so a replay can load
a year and every fact of the items touched in it.
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_args

from pydantic import TypeAdapter

from services.incentives.domain import Fact
from services.incentives.domain.periods import month_of, year_of
from shared.contracts import utcnow
from shared.persistence import Documents

FACT_TYPES: dict[str, type[Any]] = {cls.__name__: cls for cls in get_args(Fact)}


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    return TypeAdapter(FACT_TYPES[name])


def encode_fact(fact: Fact) -> dict[str, Any]:
    """A fact as plain JSON-able data, tagged with its type."""
    name = type(fact).__name__
    return {"fact": name, "data": _adapter(name).dump_python(fact, mode="json")}


def decode_fact(doc: dict[str, Any]) -> Fact:
    """The fact ``encode_fact`` wrote."""
    fact: Fact = _adapter(doc["fact"]).validate_python(doc["data"])
    return fact


def year_of_fact(fact: Fact) -> str:
    """The year a fact counts in: its period's, or that of the moment it happened (UTC+8)."""
    period = getattr(fact, "period", None)
    return year_of(period) if period else year_of(month_of(fact.occurred_at, 8))


class FactRepository:
    """Facts by event id; each kept once."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def keep(self, fact: Fact) -> None:
        """Keep ``fact`` after those applied before it."""
        await self.docs.put(
            {
                "_id": fact.event_id,
                **encode_fact(fact),
                "submission_id": getattr(fact, "submission_id", None),
                "year": year_of_fact(fact),
                "seq": utcnow(),
            }
        )

    async def for_year(self, year: str) -> list[Fact]:
        """The facts of ``year`` and every fact of the items they concern, in applied order."""
        docs = {d["_id"]: d for d in await self.docs.find({"year": year})}
        items = sorted({d["submission_id"] for d in docs.values() if d["submission_id"]})
        if items:
            for doc in await self.docs.find({"submission_id": {"$in": items}}):
                docs.setdefault(doc["_id"], doc)
        ordered = sorted(docs.values(), key=lambda d: (d["seq"], d["_id"]))
        return [decode_fact(d) for d in ordered]

    async def count(self) -> int:
        return await self.docs.count()

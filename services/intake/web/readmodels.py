"""What the pages show, read from intake's store: items with their scores and names.

Reads only; every change goes through intake's use cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from services.intake.domain import Item, ItemState, Unit
from services.intake.repositories import IntakeUnitOfWork


@dataclass
class Names:
    """Display names of the units and people a page mentions."""

    units: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    def unit(self, unit_id: str | None) -> str:
        return self.units.get(unit_id or "", unit_id or "")

    def person(self, person_id: str | None) -> str:
        return self.people.get(person_id or "", person_id or "")


@dataclass
class Row:
    """One item in a list, with its latest score."""

    item: Item
    score: float | None
    band: str | None


@dataclass
class ItemView:
    """Everything the detail page shows about one item."""

    item: Item
    score: dict[str, Any] | None
    ledger: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    names: Names


async def names_for(
    uow: IntakeUnitOfWork, unit_ids: Iterable[str | None], person_ids: Iterable[str | None]
) -> Names:
    """Names of the given units and people, in two queries."""
    units = await _by_ids(uow, "units", unit_ids)
    people = await _by_ids(uow, "people", person_ids)
    return Names(
        units={doc["_id"]: doc["name"] for doc in units},
        people={doc["_id"]: doc["name"] for doc in people},
    )


async def scored(uow: IntakeUnitOfWork, items: list[Item]) -> tuple[list[Row], Names]:
    """The items with their latest scores, and the names of their units, offices and authors."""
    downstream = await _by_ids(uow, "downstream", [i.submission_id for i in items])
    scores = {doc["_id"]: doc.get("score") for doc in downstream}
    names = await names_for(
        uow, {i.unit_id for i in items} | {i.office_id for i in items}, {i.author_id for i in items}
    )
    return [_row(item, scores.get(item.submission_id)) for item in items], names


def sort_rows(found: list[Row], by: str) -> list[Row]:
    """By score (best first, unscored last) or by submission time (newest first)."""
    newest = sorted(found, key=lambda r: _moment(r.item), reverse=True)
    if by == "time":
        return newest
    return sorted(newest, key=lambda r: -(r.score if r.score is not None else -1.0))


def adopted_by(item: Item, office_id: str) -> list[dict[str, Any]]:
    """The adoptions of ``item`` by ``office_id``'s publications."""
    return [a for a in item.adoptions if a.get("office_id") == office_id]


@dataclass
class UnitTally:
    """How many items a unit sent in a period, and what became of them."""

    unit: Unit
    submitted: int = 0
    accepted: int = 0
    adopted: int = 0
    returned: int = 0

    @property
    def rate(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None


def tally(units: list[Unit], items: list[Item], office_id: str) -> list[UnitTally]:
    """Per unit: submitted (not withdrawn), accepted or better, adopted by this office, returned."""
    by_unit = {u.unit_id: UnitTally(u) for u in units}
    for item in items:
        counts = by_unit.get(item.unit_id)
        if counts is None or item.state == ItemState.WITHDRAWN:
            continue
        counts.submitted += 1
        counts.returned += item.state == ItemState.RETURNED
        counts.accepted += item.state in _PASSED or bool(item.adoptions or item.forwarded_by)
        counts.adopted += bool(adopted_by(item, office_id))
    return list(by_unit.values())


_PASSED = {ItemState.ACCEPTED, ItemState.ADOPTED, ItemState.FORWARDED}


def _moment(item: Item) -> float:
    moment = item.submitted_at or item.created_at
    return moment.timestamp() if moment else 0.0


def _row(item: Item, score: dict[str, Any] | None) -> Row:
    if not score:
        return Row(item, None, None)
    return Row(item, float(score.get("overall", 0.0)), score.get("band"))


async def _by_ids(uow: IntakeUnitOfWork, collection: str, ids: Iterable[str | None]) -> list[dict[str, Any]]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return []
    return await uow.documents(collection).find({"_id": {"$in": wanted}})

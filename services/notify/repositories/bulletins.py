"""The bulletin projection (item facts, ledger points), the bulletin archive and the
offices' bulletin schedules, over the document port.

Item facts are keyed by submission id and points by ledger entry id, so every write is
an overwrite of the same row: replays converge even before the inbox stops them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from services.notify.domain.bulletin_facts import AdoptionFact, ItemFact, PointsFact
from shared.persistence import Documents

Doc = dict[str, Any]
Format = Literal["html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf")


class BulletinFactsRepository:
    """What bulletins count: one row per item (``bulletin_items``) and per ledger entry
    (``bulletin_points``)."""

    def __init__(self, items: Documents, points: Documents) -> None:
        self.items = items
        self.points = points

    async def item(self, submission_id: str) -> Doc:
        return await self.items.get(submission_id) or {"_id": submission_id}

    async def update_item(self, submission_id: str, **fields: Any) -> Doc:
        doc = {**await self.item(submission_id), **fields}
        await self.items.put(doc)
        return doc

    async def put_points(self, entry_id: str, unit_id: str, month: str, points: Decimal) -> None:
        await self.points.put({"_id": entry_id, "unit_id": unit_id, "month": month, "points": str(points)})

    async def of_units(self, unit_ids: list[str]) -> tuple[list[ItemFact], list[PointsFact]]:
        """Every item and ledger entry of ``unit_ids``."""
        where = {"unit_id": {"$in": unit_ids}}
        items = [_item(d) for d in await self.items.find(where) if d.get("unit_id")]
        points = [
            PointsFact(d["unit_id"], d["month"], Decimal(d["points"])) for d in await self.points.find(where)
        ]
        return items, points


class BulletinArchive:
    """Published bulletins: metadata and the three documents as bytes (``bulletins``)."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, bulletin_id: str) -> Doc | None:
        return await self.docs.get(bulletin_id)

    async def latest(self, office_id: str, period: str, kind: str) -> Doc | None:
        """The current issue for (office, period, kind): the last reissue, if any."""
        found = await self.docs.find(
            {"office_id": office_id, "period": period, "kind": kind}, sort="-revision"
        )
        return found[0] if found else None

    async def save(self, doc: Doc) -> None:
        await self.docs.put(doc)

    async def list(self, office_id: str | None, *, skip: int, limit: int) -> tuple[list[Doc], int]:
        """Metadata only, newest first."""
        where = {"office_id": office_id} if office_id else {}
        found = await self.docs.find(where, sort="-published_at", skip=skip, limit=limit)
        return [metadata(d) for d in found], await self.docs.count(where)


class BulletinSchedules:
    """Which periodic bulletins an office wants published by the scheduler."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, office_id: str) -> Doc | None:
        return await self.docs.get(office_id)

    async def save(self, office_id: str, kinds: dict[str, bool], language: str, at: datetime) -> Doc:
        kept = await self.docs.get(office_id) or {}
        doc = {
            "_id": office_id,
            **kinds,
            "language": language,
            "since": kept.get("since", at),
            "updated_at": at,
        }
        await self.docs.put(doc)
        return doc

    async def all(self) -> list[Doc]:
        return await self.docs.find(sort="_id")


def metadata(doc: Doc) -> Doc:
    """A bulletin without its documents' bytes."""
    meta = {k: v for k, v in doc.items() if k not in ("_id", "documents")}
    return {"bulletin_id": doc["_id"], **meta}


def _item(doc: Doc) -> ItemFact:
    return ItemFact(
        unit_id=doc["unit_id"],
        title=doc.get("title", ""),
        month=doc.get("month"),
        submitted=bool(doc.get("month")) and not doc.get("withdrawn", False),
        band=doc.get("band"),
        adoptions=tuple(
            AdoptionFact(a["month"], a["level"], a.get("publication", ""), a.get("form", ""))
            for a in doc.get("adoptions", [])
        ),
        inaccurate_months=tuple(doc.get("inaccurate", {}).values()),
        unit_name=doc.get("unit_name", ""),
    )

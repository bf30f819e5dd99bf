"""Items stored before standings were kept get them at start-up, on SecantusDB (MongoDB's wire
protocol), so the inbox tabs and the unit's filters find them; a second run changes nothing."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from pymongo import AsyncMongoClient

from services.intake.domain import Item, ItemState
from services.intake.repositories import backfill_standings

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def stored_before(sid: str, **changes: Any) -> dict[str, Any]:
    """An item document as an earlier version wrote it: no ``standing`` field."""
    item = Item(
        submission_id=sid, unit_id="hs", author_id="officer", title="标题", body="正文。", category="动态",
        language="zh", period="2026-11", state=ItemState.SUBMITTED, office_id="dx", submitted_at=AT,
        created_at=AT,
    )
    for name, value in changes.items():
        setattr(item, name, value)
    return {"_id": sid, **asdict(item)}


async def test_old_items_get_their_standings_once(mongo_client: AsyncMongoClient, database_name: str) -> None:
    items = mongo_client[database_name]["items"]
    await items.insert_many([
        stored_before("a"),
        stored_before("b", state=ItemState.SUBMITTED, office_id="lj", forwarded_by=["dx"],
                      adoptions=[{"office_id": "dx", "publication": "county-xinxi"}]),
        stored_before("c", state=ItemState.DRAFT, submitted_at=None),
    ])
    assert await backfill_standings(items, batch=2) == 3
    found = {doc["_id"]: doc["standing"] async for doc in items.find({})}
    assert found == {
        "a": {"hs": "submitted", "dx": "submitted"},
        "b": {"hs": "adopted", "dx": "adopted", "lj": "submitted"},
        "c": {"hs": "awaiting_sign_off"},
    }
    assert await items.count_documents({"standing.dx": "adopted"}) == 1
    assert await backfill_standings(items) == 0

"""Notify's units of work on MongoDB and in memory."""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from services.notify.repositories import FeedEntries, NotifyUnitOfWork
from shared.persistence import Documents, MemoryUnitOfWork, MongoUnitOfWork

Doc = dict[str, Any]


class MongoFeedEntries(FeedEntries):
    """Feed entries with a native range read on (agency_id, seq)."""

    def __init__(
        self, docs: Documents, collection: AsyncCollection[Doc], session: AsyncClientSession
    ) -> None:
        super().__init__(docs)
        self.collection = collection
        self.session = session

    async def after(self, agency_id: str, seq: int, limit: int) -> list[Doc]:
        where = {"agency_id": agency_id, "seq": {"$gt": seq}}
        await self.docs.flush()
        cursor = self.collection.find(where, session=self.session).sort("seq", 1).limit(limit)
        return await cursor.to_list(None)


class MongoNotifyUnitOfWork(MongoUnitOfWork, NotifyUnitOfWork):
    """Notify state in MongoDB; routed feed events go into the outbox in the same transaction."""

    def bind_feed_entries(self) -> FeedEntries:
        return MongoFeedEntries(self.documents("feed_entries"), self.db["feed_entries"], self.session)


class MemoryNotifyUnitOfWork(MemoryUnitOfWork, NotifyUnitOfWork):
    """Notify state in memory (tests)."""


async def ensure_indexes(db: AsyncDatabase[Doc]) -> None:
    """Indexes for the inbox, due-time scans, the logs, the feeds and bulletins; idempotent."""
    await db["notifications"].create_index([("recipient_id", 1), ("created_at", -1)])
    await db["notifications"].create_index([("submission_id", 1)])
    await db["notifications"].create_index([("recipient_id", 1), ("digest_pending", 1), ("created_at", 1)])
    await db["deliveries"].create_index([("status", 1), ("next_attempt_at", 1)])
    await db["deliveries"].create_index([("created_at", -1)])
    await db["attempts"].create_index([("channel", 1), ("at", -1)])
    await db["attempts"].create_index([("delivery_id", 1)])
    await db["reminders"].create_index([("status", 1), ("armed", 1), ("next_fire_at", 1)])
    await db["reminders"].create_index([("unit_id", 1), ("subject", 1)])
    await db["reminders"].create_index([("office_id", 1), ("status", 1)])
    await db["items"].create_index([("unit_id", 1)])
    await db["people"].create_index([("digest", 1)])
    await db["agencies"].create_index([("api_key_hash", 1)], unique=True)
    await db["subscriptions"].create_index([("agency_id", 1)])
    await db["feed_entries"].create_index([("agency_id", 1), ("seq", 1)], unique=True)
    await db["feed_entries"].create_index([("submission_id", 1)])
    await db["units"].create_index([("reports_to", 1)])
    await db["bulletin_items"].create_index([("unit_id", 1)])
    await db["bulletin_points"].create_index([("unit_id", 1)])
    await db["bulletins"].create_index([("office_id", 1), ("period", 1), ("kind", 1), ("revision", -1)])
    await db["bulletins"].create_index([("office_id", 1), ("published_at", -1)])

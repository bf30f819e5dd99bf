"""MongoDB adapters for the unit of work, the inbox and the outbox (PyMongo async API).

Durability: every unit of work commits with :data:`DURABLE` (``w: "majority", j: true``),
so an acknowledged commit of state, inbox rows and outbox rows is in the on-disk journal
of a majority of the replica set and survives a failover or the primary's power loss.
Reads inside it use snapshot read concern on the primary. Other writes (the relay's lease
and the removal of published rows) use the client's ``w: "majority"``; losing one only
republishes an event.

- Production: a MongoDB replica set (3 members, URI with ``replicaSet=...&w=majority``);
  ``DURABLE`` makes each commit wait for the journal of two members.
- Locally and in CI: SecantusDB, one node that presents itself as a replica set, so
  "majority" is that node. It honours ``j: true`` on single writes (an fsync each) but a
  transaction's commit is as durable as the server is started: ``--sync-on-commit``
  (the e2e stack, which SIGKILLs processes) fsyncs its log on every commit; without it
  (``./xinbao up``) a commit survives a killed process but not a power loss.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from pymongo import ASCENDING, AsyncMongoClient, DeleteOne, ReadPreference, monitoring
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure
from pymongo.read_concern import ReadConcern
from pymongo.write_concern import WriteConcern

from shared.contracts.envelope import utcnow
from shared.persistence.documents import Documents, MongoDocuments
from shared.persistence.outbox import OutboxRecord, OutboxStore
from shared.persistence.unit_of_work import UnitOfWork

INBOX = "inbox"
OUTBOX = "outbox"
RELAY_LEASE = "outbox_relay"
"""One document: which relay publishes this database's outbox, and until when."""
DURABLE = WriteConcern("majority", j=True)
"""The write concern of every commit: a majority of the replica set, journaled."""

Document = dict[str, Any]


def connect(
    uri: str, *, app_name: str, listeners: Sequence[monitoring.CommandListener] = ()
) -> AsyncMongoClient[Document]:
    """A client for the composition root; it connects lazily on first use. ``listeners``:
    PyMongo monitoring listeners (the service's command metrics)."""
    return AsyncMongoClient(
        uri,
        appname=app_name,
        tz_aware=True,
        serverSelectionTimeoutMS=5000,
        w="majority",
        event_listeners=list(listeners),
    )


async def ensure_plumbing_indexes(db: AsyncDatabase[Document]) -> None:
    """Indexes the inbox and outbox need; idempotent, run at start-up.

    Published outbox rows are deleted at once (:meth:`MongoOutboxStore.mark_published`).
    Earlier versions kept them for a day under a TTL index on ``published_at``; that index
    is dropped and rows such a version left behind are deleted, since nothing reads them."""
    await db[OUTBOX].create_index([("published", ASCENDING), ("_id", ASCENDING)])
    await db[OUTBOX].create_index("event_id", unique=True)
    with contextlib.suppress(OperationFailure):
        await db[OUTBOX].drop_index("published_at_1")
    await db[OUTBOX].delete_many({"published": True})
    await db[INBOX].create_index("processed_at")


class MongoUnitOfWork(UnitOfWork):
    """A multi-document transaction; subclasses bind their repositories to ``self.session``."""

    def __init__(
        self,
        client: AsyncMongoClient[Document],
        db: AsyncDatabase[Document],
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self.client = client
        self.db = db
        self._on_commit = on_commit
        self._session: AsyncClientSession | None = None
        self._collections: dict[str, MongoDocuments] = {}

    @property
    def session(self) -> AsyncClientSession:
        """The open session; use it on every read and write inside the unit of work."""
        assert self._session is not None, "unit of work not entered"
        return self._session

    async def _begin(self) -> None:
        self._session = self.client.start_session()
        await self._session.start_transaction(
            read_concern=ReadConcern("snapshot"),
            write_concern=DURABLE,
            read_preference=ReadPreference.PRIMARY,
        )

    def documents(self, name: str) -> Documents:
        """The collection ``name`` inside this transaction (one identity map per name)."""
        if name not in self._collections:
            self._collections[name] = MongoDocuments(self.db[name], self.session)
        return self._collections[name]

    async def flush(self) -> None:
        """Send the writes the collections still hold (see :class:`MongoDocuments`)."""
        for docs in self._collections.values():
            await docs.flush()

    async def _claim(self, event_id: str) -> bool:
        inbox = self.db[INBOX]
        if await inbox.find_one({"_id": event_id}, {"_id": 1}, session=self.session):
            return False
        await inbox.insert_one({"_id": event_id, "processed_at": utcnow()}, session=self.session)
        return True

    async def _claim_many(self, event_ids: list[str]) -> set[str]:
        inbox = self.db[INBOX]
        seen = {
            row["_id"]
            async for row in inbox.find({"_id": {"$in": event_ids}}, {"_id": 1}, session=self.session)
        }
        fresh = [event_id for event_id in event_ids if event_id not in seen]
        if fresh:
            now = utcnow()
            rows = [{"_id": event_id, "processed_at": now} for event_id in fresh]
            await inbox.insert_many(rows, session=self.session, ordered=True)
        return set(fresh)

    async def _commit(self, records: list[OutboxRecord]) -> None:
        await self.flush()
        if records:
            rows = [_outbox_row(record) for record in records]
            await self.db[OUTBOX].insert_many(rows, session=self.session, ordered=True)
        await self.session.commit_transaction()
        if records:
            self._on_commit()

    async def _rollback(self) -> None:
        if self._session is not None and self._session.in_transaction:
            await self._session.abort_transaction()

    async def _end(self) -> None:
        self._collections = {}
        if self._session is not None:
            await self._session.end_session()
            self._session = None


def _outbox_row(record: OutboxRecord) -> Document:
    return {
        "event_id": record.event_id,
        "topic": record.topic,
        "key": record.key,
        "type": record.event_type,
        "correlation_id": record.correlation_id,
        "payload": record.payload,
        "created_at": record.created_at,
        "published": False,
    }


class MongoOutboxStore(OutboxStore):
    """The ``outbox`` collection: rows ordered by ObjectId, which follows commit order.

    Several instances of a service share one database and each runs a relay; one relay at a
    time publishes, the one holding the lease document in ``outbox_relay``. Taking or
    keeping the lease is one conditional upsert per round, and the rows themselves are
    only read (in ``_id`` order) and, once the broker has them, deleted. This replaced a
    lease written on every row: three rewrites of each row per publication (two lease
    updates, one mark), measured with ``bench/throughput.py`` as about a third of
    SecantusDB's time. A relay that dies holds the lease until it ends (``lease_seconds``
    after its last round); a relay that stops cleanly releases it."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.collection = db[OUTBOX]
        self.leases = db[RELAY_LEASE]

    async def lease_pending(self, owner: str, limit: int, lease_seconds: float) -> list[OutboxRecord]:
        """Up to ``limit`` unpublished rows in commit order if ``owner`` holds (or now takes)
        the relay lease, which then runs ``lease_seconds`` from now; else none."""
        if not await self._hold(owner, lease_seconds):
            return []
        rows = await self.collection.find({"published": False}).sort("_id", 1).to_list(limit)
        return [_record(row) for row in rows]

    async def _hold(self, owner: str, lease_seconds: float) -> bool:
        now = utcnow()
        free_or_ours = {"_id": RELAY_LEASE, "$or": [{"owner": owner}, {"until": {"$lte": now}}]}
        held = {"$set": {"owner": owner, "until": now + timedelta(seconds=lease_seconds)}}
        try:
            await self.leases.update_one(free_or_ours, held, upsert=True)
        except DuplicateKeyError:  # the lease exists and another relay holds it
            return False
        return True

    async def release(self, owner: str) -> None:
        await self.leases.update_one({"_id": RELAY_LEASE, "owner": owner}, {"$set": {"until": utcnow()}})

    async def mark_published(self, records: list[OutboxRecord]) -> None:
        if records:
            deletes = [DeleteOne({"_id": record.record_id}) for record in records]
            await self.collection.bulk_write(deletes, ordered=False)

    async def count_pending(self) -> int:
        return await self.collection.count_documents({"published": False})


def _record(row: Document) -> OutboxRecord:
    return OutboxRecord(
        record_id=row["_id"],
        event_id=row["event_id"],
        topic=row["topic"],
        key=row["key"],
        event_type=row["type"],
        correlation_id=row["correlation_id"],
        payload=row["payload"],
        created_at=row["created_at"],
    )

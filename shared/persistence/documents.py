"""A small document-collection port, so simple repositories are written once per service.

Filters are equality matches on top-level or dotted fields, optionally ``{"$in": [...]}``;
the same filters work on MongoDB and on the in-memory fake.

On MongoDB a collection inside a unit of work is an identity map with write-behind
(:class:`MongoDocuments`): a document read or written once is served from memory for the
rest of the transaction, and ``put`` only records the new version; the versions go to the
server as one ``bulk_write`` per collection before the next query on that collection and
at commit. One consumer batch of a few hundred events thus costs a few round trips per
collection instead of two per event, with the same transaction and the same result.
A document the transaction found absent, and an append-only record that is ``add``-ed, goes
as an insert (on SecantusDB about a third of the server time of the replacing upsert sent
for the others), and a batch ``load``-s the documents its events will read in a few queries.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any

from pymongo import InsertOne, ReplaceOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection

Document = dict[str, Any]
Filter = dict[str, Any]


class Documents(ABC):
    """A collection of documents keyed by ``_id``."""

    @abstractmethod
    async def get(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    async def put(self, doc: Document) -> None:
        """Insert or replace the document with ``doc['_id']``."""

    async def add(self, doc: Document) -> None:
        """Insert a document whose ``_id`` is new (an append-only record: an audit row, a
        ledger entry). Cheaper than :meth:`put` where the store can tell the difference;
        an ``_id`` that exists already fails the commit."""
        await self.put(doc)

    async def load(self, doc_ids: Iterable[Any]) -> None:
        """Read these documents ahead, in one query where the store can: a consumer batch
        names the documents its events will ``get``. Nothing to do by default."""

    @abstractmethod
    async def find(
        self, where: Filter | None = None, *, sort: str | None = None, skip: int = 0, limit: int = 0
    ) -> list[Document]:
        """Matching documents; ``sort`` is a field name, '-field' for descending."""

    @abstractmethod
    async def count(self, where: Filter | None = None) -> int: ...

    async def flush(self) -> None:
        """Send the writes this object still holds (before reading the collection another
        way than through it); nothing to do by default."""


_ABSENT = None

LOAD_CHUNK = 20
"""Ids per ``$in`` query of :meth:`MongoDocuments.load`. SecantusDB matches every candidate
against the whole list, so its cost grows with the square of the list: measured in one
transaction, 200 documents cost 98 ms of server CPU in one query, 26 ms in chunks of 20
and 120 ms one ``find_one`` at a time. A real MongoDB does not care; 20 is cheap there too."""


class MongoDocuments(Documents):
    """Documents in a MongoDB collection, inside the unit of work's session: an identity map
    (``_known``: id -> the document as this transaction sees it, None when it does not exist)
    with write-behind (``_dirty``: the ids put since the last flush)."""

    def __init__(self, collection: AsyncCollection[Document], session: AsyncClientSession) -> None:
        self.collection = collection
        self.session = session
        self._known: dict[Any, Document | None] = {}
        self._dirty: dict[Any, Document] = {}
        self._new: set[Any] = set()
        """Ids of dirty documents the server does not have: written with an insert."""

    async def get(self, doc_id: str) -> Document | None:
        if doc_id not in self._known:
            self._known[doc_id] = await self.collection.find_one({"_id": doc_id}, session=self.session)
        known = self._known[doc_id]
        return copy.deepcopy(known) if known is not None else _ABSENT

    async def put(self, doc: Document) -> None:
        """Record the new version; a document this transaction found absent (``get`` gave
        None, or ``load``) is new to the server and goes as an insert."""
        doc_id = doc["_id"]
        if doc_id in self._known and self._known[doc_id] is _ABSENT:
            self._new.add(doc_id)
        kept = copy.deepcopy(doc)
        self._known[doc_id] = kept
        self._dirty[doc_id] = kept

    async def add(self, doc: Document) -> None:
        await self.put(doc)
        self._new.add(doc["_id"])

    async def load(self, doc_ids: Iterable[Any]) -> None:
        """``$in`` queries for the ids this transaction has not seen yet, :data:`LOAD_CHUNK`
        ids each; the absent ones are remembered as absent."""
        wanted = [doc_id for doc_id in dict.fromkeys(doc_ids) if doc_id not in self._known]
        for start in range(0, len(wanted), LOAD_CHUNK):
            chunk = wanted[start : start + LOAD_CHUNK]
            async for doc in self.collection.find({"_id": {"$in": chunk}}, session=self.session):
                self._known[doc["_id"]] = doc
        for doc_id in wanted:
            self._known.setdefault(doc_id, _ABSENT)

    async def find(
        self, where: Filter | None = None, *, sort: str | None = None, skip: int = 0, limit: int = 0
    ) -> list[Document]:
        await self.flush()
        cursor = self.collection.find(where or {}, session=self.session)
        if sort:
            cursor = cursor.sort(sort.lstrip("-"), -1 if sort.startswith("-") else 1)
        found = await cursor.skip(skip).limit(limit).to_list(None)
        for doc in found:
            self._known[doc["_id"]] = copy.deepcopy(doc)
        return found

    async def count(self, where: Filter | None = None) -> int:
        await self.flush()
        return await self.collection.count_documents(where or {}, session=self.session)

    async def flush(self) -> None:
        """One ordered ``bulk_write`` of the latest version of every document put."""
        if not self._dirty:
            return
        writes: list[InsertOne[Document] | ReplaceOne[Document]] = [
            InsertOne(doc) if doc_id in self._new else ReplaceOne({"_id": doc_id}, doc, upsert=True)
            for doc_id, doc in self._dirty.items()
        ]
        self._dirty.clear()
        self._new.clear()
        await self.collection.bulk_write(writes, ordered=True, session=self.session)


class MemoryDocuments(Documents):
    """Documents in a dict (a table of :class:`~shared.persistence.MemoryDatabase`)."""

    def __init__(self, table: dict[str, Document]) -> None:
        self.table = table

    async def get(self, doc_id: str) -> Document | None:
        doc = self.table.get(doc_id)
        return copy.deepcopy(doc) if doc is not None else None

    async def put(self, doc: Document) -> None:
        self.table[doc["_id"]] = copy.deepcopy(doc)

    async def add(self, doc: Document) -> None:
        if doc["_id"] in self.table:
            raise KeyError(f"a document with _id {doc['_id']!r} exists already")
        await self.put(doc)

    async def find(
        self, where: Filter | None = None, *, sort: str | None = None, skip: int = 0, limit: int = 0
    ) -> list[Document]:
        found = [copy.deepcopy(d) for d in self.table.values() if _matches(d, where or {})]
        if sort:
            name = sort.lstrip("-")
            found.sort(key=lambda d: (_field(d, name) is None, _field(d, name)), reverse=sort.startswith("-"))
        found = found[skip:]
        return found[:limit] if limit else found

    async def count(self, where: Filter | None = None) -> int:
        return sum(1 for d in self.table.values() if _matches(d, where or {}))


def _field(doc: Document, dotted: str) -> Any:
    value: Any = doc
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _matches(doc: Document, where: Filter) -> bool:
    for name, wanted in where.items():
        value = _field(doc, name)
        if isinstance(wanted, dict) and "$in" in wanted:
            if value not in wanted["$in"]:
                return False
        elif value != wanted:
            return False
    return True

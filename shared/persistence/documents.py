"""A small document-collection port, so simple repositories are written once per service.

Filters are equality matches on top-level or dotted fields, optionally ``{"$in": [...]}``;
the same filters work on MongoDB and on the in-memory fake.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from typing import Any

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

    @abstractmethod
    async def find(
        self, where: Filter | None = None, *, sort: str | None = None, skip: int = 0, limit: int = 0
    ) -> list[Document]:
        """Matching documents; ``sort`` is a field name, '-field' for descending."""

    @abstractmethod
    async def count(self, where: Filter | None = None) -> int: ...


class MongoDocuments(Documents):
    """Documents in a MongoDB collection, inside the unit of work's session."""

    def __init__(self, collection: AsyncCollection[Document], session: AsyncClientSession) -> None:
        self.collection = collection
        self.session = session

    async def get(self, doc_id: str) -> Document | None:
        return await self.collection.find_one({"_id": doc_id}, session=self.session)

    async def put(self, doc: Document) -> None:
        await self.collection.replace_one(
            {"_id": doc["_id"]}, doc, upsert=True, session=self.session
        )

    async def find(
        self, where: Filter | None = None, *, sort: str | None = None, skip: int = 0, limit: int = 0
    ) -> list[Document]:
        cursor = self.collection.find(where or {}, session=self.session)
        if sort:
            cursor = cursor.sort(sort.lstrip("-"), -1 if sort.startswith("-") else 1)
        return await cursor.skip(skip).limit(limit).to_list(None)

    async def count(self, where: Filter | None = None) -> int:
        return await self.collection.count_documents(where or {}, session=self.session)


class MemoryDocuments(Documents):
    """Documents in a dict (a table of :class:`~shared.persistence.MemoryDatabase`)."""

    def __init__(self, table: dict[str, Document]) -> None:
        self.table = table

    async def get(self, doc_id: str) -> Document | None:
        doc = self.table.get(doc_id)
        return copy.deepcopy(doc) if doc is not None else None

    async def put(self, doc: Document) -> None:
        self.table[doc["_id"]] = copy.deepcopy(doc)

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

"""Persistence plumbing: unit of work with inbox and outbox, the relay, Mongo and memory."""

from shared.persistence.documents import Documents, MemoryDocuments, MongoDocuments
from shared.persistence.memory import MemoryDatabase, MemoryOutboxStore, MemoryUnitOfWork
from shared.persistence.mongo import (
    MongoOutboxStore,
    MongoUnitOfWork,
    connect,
    ensure_plumbing_indexes,
)
from shared.persistence.outbox import OutboxRecord, OutboxRelay, OutboxStore
from shared.persistence.unit_of_work import UnitOfWork, apply_once

__all__ = [
    "Documents",
    "MemoryDatabase",
    "MemoryDocuments",
    "MemoryOutboxStore",
    "MemoryUnitOfWork",
    "MongoDocuments",
    "MongoOutboxStore",
    "MongoUnitOfWork",
    "OutboxRecord",
    "OutboxRelay",
    "OutboxStore",
    "UnitOfWork",
    "apply_once",
    "connect",
    "ensure_plumbing_indexes",
]

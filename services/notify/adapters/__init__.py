"""Notify's storage adapters: the shared Mongo and memory units of work with its repositories."""

from services.notify.repositories import NotifyUnitOfWork
from shared.persistence import MemoryUnitOfWork, MongoUnitOfWork


class MongoNotifyUnitOfWork(MongoUnitOfWork, NotifyUnitOfWork):
    """Notify state in MongoDB."""


class MemoryNotifyUnitOfWork(MemoryUnitOfWork, NotifyUnitOfWork):
    """Notify state in memory (tests)."""


__all__ = ["MemoryNotifyUnitOfWork", "MongoNotifyUnitOfWork"]

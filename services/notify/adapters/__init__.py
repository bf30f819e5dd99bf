"""Notify's adapters: storage (Mongo, memory) and the outside channels (SMTP, SMS, webhooks)."""

from services.notify.adapters.storage import (
    MemoryNotifyUnitOfWork,
    MongoNotifyUnitOfWork,
    ensure_indexes,
)

__all__ = ["MemoryNotifyUnitOfWork", "MongoNotifyUnitOfWork", "ensure_indexes"]

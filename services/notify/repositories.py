"""Notify's repositories over the document port (Mongo or memory)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.notify.domain import ItemFacts
from shared.persistence import Documents, UnitOfWork


class ItemFactsRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, submission_id: str) -> ItemFacts | None:
        doc = await self.docs.get(submission_id)
        return ItemFacts(**{k: v for k, v in doc.items() if k != "_id"}) if doc else None

    async def save(self, facts: ItemFacts) -> None:
        await self.docs.put({"_id": facts.submission_id, **asdict(facts)})


class NotificationRepository:
    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    async def get(self, notification_id: str) -> dict[str, Any] | None:
        return await self.docs.get(notification_id)

    async def add(self, notification: dict[str, Any]) -> None:
        await self.docs.put(notification)

    async def list(self, where: dict[str, Any], *, skip: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        found = await self.docs.find(where, sort="-created_at", skip=skip, limit=limit)
        return found, await self.docs.count(where)


class NotifyUnitOfWork(UnitOfWork):
    def bind_repositories(self) -> None:
        self.items = ItemFactsRepository(self.documents("items"))
        self.notifications = NotificationRepository(self.documents("notifications"))

"""HTTP routes of notify: the in-app inbox."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from services.notify import usecases


def router(new_uow: usecases.UnitOfWorkFactory) -> APIRouter:
    api = APIRouter(tags=["inbox"])

    @api.get("/notifications", summary="Messages, newest first, filtered by recipient or item")
    async def list_notifications(
        recipient_id: str | None = None,
        submission_id: str | None = None,
        unread: bool | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        filters = {"recipient_id": recipient_id, "submission_id": submission_id}
        where: dict[str, Any] = {k: v for k, v in filters.items() if v is not None}
        if unread is not None:
            where["read"] = not unread
        async with new_uow() as uow:
            found, total = await uow.notifications.list(where, skip=skip, limit=limit)
        items = [{"notification_id": n.pop("_id"), **n} for n in found]
        return {"total": total, "skip": skip, "limit": limit, "items": items}

    @api.post("/notifications/{notification_id}/read", summary="Mark a message as read")
    async def mark_read(notification_id: str) -> dict[str, Any]:
        async with new_uow() as uow:
            found = await uow.notifications.get(notification_id)
            if found is None:
                raise HTTPException(404, f"no notification {notification_id!r}")
            found["read"] = True
            await uow.notifications.add(found)
            await uow.commit()
        return {"notification_id": notification_id, "read": True}

    return api

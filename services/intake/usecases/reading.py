"""Reading items within the reader's scope: one item, lists per view, history, revisions."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.intake.domain import User, View
from services.intake.domain.access import require_read, require_view, views
from services.intake.domain.diff import history
from services.intake.domain.standing import state_at
from services.intake.repositories import adopted_under_filter, reached_filter
from services.intake.usecases.common import UnitOfWorkFactory, get_item


async def read_item(new_uow: UnitOfWorkFactory, user: User, submission_id: str) -> dict[str, Any]:
    """The item with what downstream services said and its follow-up reports (续报)."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_read(user, item)
        downstream = await uow.downstream.get(submission_id)
        follow_ups = await uow.items.find({"follow_up_of": submission_id})
    shown = {**asdict(item), "standing": state_at(item, user.unit_id)}
    if user.unit_id != item.unit_id:
        shown["pending_revision"] = None  # a revision waiting for sign-off has not left the unit
    return {**shown, "downstream": downstream, "follow_ups": [f.submission_id for f in follow_ups]}


async def list_items(
    new_uow: UnitOfWorkFactory, user: User, view: View | None, filters: dict[str, Any],
    skip: int, limit: int,
) -> dict[str, Any]:
    """A page of the items in one of the user's views, newest first."""
    view = view or _default_view(user)
    require_view(user, view)
    unit = user.unit_id or ""
    scope = {
        View.UNIT: {"unit_id": unit},
        View.OFFICE: reached_filter(unit),
        View.ADOPTED: adopted_under_filter(unit),
    }[view]
    where = {**{k: v for k, v in filters.items() if v is not None}, **scope}
    async with new_uow() as uow:
        items, total = await uow.items.list(where, skip=skip, limit=limit)
    return {"view": view.value, "total": total, "skip": skip, "limit": limit,
            "items": [{**asdict(i), "standing": state_at(i, user.unit_id)} for i in items]}


async def item_audit(new_uow: UnitOfWorkFactory, user: User, submission_id: str) -> list[dict[str, Any]]:
    """Who did what to the item, when and from where."""
    async with new_uow() as uow:
        require_read(user, await get_item(uow, submission_id))
        entries = await uow.audit.of(submission_id)
    return [{k: v for k, v in e.items() if k != "_id"} for e in entries]


async def item_revisions(
    new_uow: UnitOfWorkFactory, user: User, submission_id: str
) -> dict[str, Any]:
    """Every version of the item's text, and what each change did (marked diff)."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_read(user, item)
    versions = [
        {"revision": r["revision"], "title": r["title"], "body": r["body"]} for r in item.revisions
    ] + [{"revision": item.revision, "title": item.title, "body": item.body}]
    authors = [{"by": item.author_id, "by_editor": False, "at": item.submitted_at}] + [
        {"by": r["replaced_by"], "by_editor": r["by_editor"], "at": r["at"]} for r in item.revisions
    ]
    for version, author in zip(versions, authors, strict=True):
        version.update(author)
    return {"submission_id": submission_id, "versions": versions, "changes": history(versions)}


def _default_view(user: User) -> View:
    available = views(user)
    return available[0] if available else View.UNIT

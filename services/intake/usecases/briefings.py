"""Briefing issues: an office compiles items it adopted into a numbered issue of one of its
publications (e.g. 《政务信息》2026年第45期), its head signs the issue off, and it is exported.

Numbers run per office, publication and year; a claimed key keeps two editors from taking
the same number at once. The items' text is frozen at sign-off.
Signing off announces BriefingIssued (notify tells the units whose items it carries).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.intake.domain import Forbidden, IllegalTransition, InvalidInput, NotFound, User
from services.intake.domain.access import OFFICE_ROLES, require_office_role
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit, get_item, get_unit
from shared.contracts import BriefingIssued, BriefingItem

DRAFT, SIGNED_OFF = "draft", "signed_off"


async def open_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, publication: str, name: str, now: datetime
) -> dict[str, Any]:
    """The next issue of ``publication`` at the actor's office, empty, as a draft."""
    office_id = actor.user.unit_id or ""
    require_office_role(actor.user, office_id, {"editor"}, "compile briefing issues")
    async with new_uow() as uow:
        office = await get_unit(uow, office_id)
        year = now.year
        number = 1 + await uow.briefings.count(
            {"office_id": office_id, "publication": publication, "year": year}
        )
        key = f"{office_id}:{publication}:{year}:{number}"
        if not await uow.claim(f"briefing:{key}"):
            raise IllegalTransition("open", f"issue {number} taken meanwhile; try again")
        briefing = {
            "_id": key, "briefing_id": key, "office_id": office_id, "office_name": office.name,
            "publication": publication, "name": name, "year": year, "number": number,
            "issue_no": f"{year}年第{number}期", "state": DRAFT, "items": [],
            "created_by": actor.person_id, "created_at": now,
            "signed_off_by": None, "signed_off_at": None,
        }
        await uow.briefings.put(briefing)
        await audit(uow, actor, "briefing-open", key, now)
        await uow.commit()
    return _public(briefing)


async def add_to_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, briefing_id: str, submission_id: str, now: datetime
) -> dict[str, Any]:
    """Put an item this office adopted into the draft issue."""
    async with new_uow() as uow:
        briefing = await _editable(uow, actor.user, briefing_id)
        item = await get_item(uow, submission_id)
        if not any(a["office_id"] == briefing["office_id"] for a in item.adoptions):
            raise InvalidInput("submission_id", f"not adopted by {briefing['office_id']}")
        if any(entry["submission_id"] == submission_id for entry in briefing["items"]):
            raise InvalidInput("submission_id", "already in this issue")
        unit = await uow.units.get(item.unit_id)
        briefing["items"].append({
            "submission_id": submission_id, "unit_id": item.unit_id,
            "unit_name": unit.name if unit else item.unit_id, "title": item.title, "body": None,
        })
        await uow.briefings.put(briefing)
        await audit(uow, actor, "briefing-add", briefing_id, now, submission_id)
        await uow.commit()
    return _public(briefing)


async def remove_from_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, briefing_id: str, submission_id: str, now: datetime
) -> dict[str, Any]:
    async with new_uow() as uow:
        briefing = await _editable(uow, actor.user, briefing_id)
        briefing["items"] = [e for e in briefing["items"] if e["submission_id"] != submission_id]
        await uow.briefings.put(briefing)
        await audit(uow, actor, "briefing-remove", briefing_id, now, submission_id)
        await uow.commit()
    return _public(briefing)


async def sign_off_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, briefing_id: str, now: datetime
) -> dict[str, Any]:
    """The office head signs the issue off: its items' text is frozen and it is issued."""
    async with new_uow() as uow:
        briefing = await _get(uow, briefing_id)
        require_office_role(actor.user, briefing["office_id"], {"office_head"}, "sign briefing issues off")
        if briefing["state"] != DRAFT:
            raise IllegalTransition("sign off", f"issue {briefing['issue_no']} ({briefing['state']})")
        if not briefing["items"]:
            raise InvalidInput("items", "an issue needs at least one item")
        for entry in briefing["items"]:
            item = await get_item(uow, entry["submission_id"])
            entry.update(title=item.title, body=item.body)
        briefing.update(state=SIGNED_OFF, signed_off_by=actor.person_id, signed_off_at=now)
        await uow.briefings.put(briefing)
        uow.emit(BriefingIssued.originated(
            producer=PRODUCER, occurred_at=now, briefing_id=briefing_id,
            office_id=briefing["office_id"], publication=briefing["publication"],
            name=briefing["name"], issue_no=briefing["issue_no"], signed_off_by=actor.person_id,
            items=[BriefingItem(submission_id=e["submission_id"], unit_id=e["unit_id"], title=e["title"])
                   for e in briefing["items"]],
        ))
        await audit(uow, actor, "briefing-sign-off", briefing_id, now, briefing["issue_no"])
        await uow.commit()
    return _public(briefing)


async def read_briefing(new_uow: UnitOfWorkFactory, user: User, briefing_id: str) -> dict[str, Any]:
    """The issue with its items' current (or, once signed off, frozen) text."""
    async with new_uow() as uow:
        briefing = await _get(uow, briefing_id)
        _require_office_reader(user, briefing["office_id"])
        for entry in briefing["items"]:
            if entry["body"] is None:
                item = await get_item(uow, entry["submission_id"])
                entry.update(title=item.title, body=item.body)
    return _public(briefing)


async def list_briefings(new_uow: UnitOfWorkFactory, user: User, office_id: str) -> list[dict[str, Any]]:
    _require_office_reader(user, office_id)
    async with new_uow() as uow:
        found = await uow.briefings.find({"office_id": office_id}, sort="-created_at")
    return [_public(b) for b in found]


async def _editable(uow: IntakeUnitOfWork, user: User, briefing_id: str) -> dict[str, Any]:
    briefing = await _get(uow, briefing_id)
    require_office_role(user, briefing["office_id"], {"editor"}, "compile briefing issues")
    if briefing["state"] != DRAFT:
        raise IllegalTransition("change", f"issue {briefing['issue_no']} ({briefing['state']})")
    return briefing


async def _get(uow: IntakeUnitOfWork, briefing_id: str) -> dict[str, Any]:
    briefing = await uow.briefings.get(briefing_id)
    if briefing is None:
        raise NotFound(f"briefing {briefing_id!r}")
    return briefing


def _require_office_reader(user: User, office_id: str) -> None:
    if user.unit_id != office_id or not user.has(OFFICE_ROLES | {"leader"}):
        raise Forbidden(f"{user.describe()} may not read the briefings of {office_id}")


def _public(briefing: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in briefing.items() if k != "_id"}

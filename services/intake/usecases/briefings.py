"""Briefing issues: an office compiles items it adopted into a numbered issue of one of its
publications (e.g. 《政务信息》2026年第45期), its head signs the issue off, and it is exported.

Numbers run per office, publication and year on the office's clock (issue_sequence.py); an
adoption puts the item into the publication's open issue, opening the next number when none
is open, and an editor may open the next issue by hand. A claimed key keeps two editors from
taking the same number at once. An item is in at most one issue of its publication: adding
it to another draft moves it there, and its adoption records the issue it is in.
The items' text is frozen at sign-off.
Signing off announces BriefingIssued (notify tells the units whose items it carries).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.intake.domain import Forbidden, IllegalTransition, InvalidInput, Item, NotFound, User
from services.intake.domain.access import OFFICE_ROLES, require_office_role, require_own_publication
from services.intake.domain.publications import find_publication, publications_at
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit, get_item, get_unit
from services.intake.usecases.issue_sequence import (
    DRAFT,
    entry_for,
    office_year,
    open_next,
    retrying_lost_races,
    upcoming_issue,
)
from shared.contracts import BriefingIssued, BriefingItem

SIGNED_OFF = "signed_off"


async def open_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, publication: str, name: str | None, now: datetime,
    *, zone: str,
) -> dict[str, Any]:
    """The next issue of ``publication`` (one of the actor's office's own) at the actor's
    office, empty, as a draft; ``name`` (the masthead) defaults to the publication's."""
    office_id = actor.user.unit_id or ""
    require_office_role(actor.user, office_id, {"editor"}, "compile briefing issues")

    async def attempt() -> dict[str, Any]:
        async with new_uow() as uow:
            office = await get_unit(uow, office_id)
            own = require_own_publication(actor.user, office, publication)
            year = office_year(now, zone)
            briefing = await open_next(uow, actor, office, own.code, name or own.masthead, year, now)
            await uow.commit()
        return briefing

    return _public(await retrying_lost_races(attempt))


async def upcoming_issues(
    new_uow: UnitOfWorkFactory, user: User, now: datetime, *, zone: str
) -> list[dict[str, Any]]:
    """For each of the editor's office's publications, the issue an adoption now goes into."""
    office_id = user.unit_id or ""
    require_office_role(user, office_id, {"editor"}, "see which issues adopted items go into")
    async with new_uow() as uow:
        office = await get_unit(uow, office_id)
        year = office_year(now, zone)
        return [
            {**await upcoming_issue(uow, office_id, publication, year), "name": publication.name}
            for publication in publications_at(office.level)
        ]


async def add_to_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, briefing_id: str, submission_id: str, now: datetime
) -> dict[str, Any]:
    """Put an item this office adopted into this publication into the draft issue (moving
    it out of another draft issue it was in)."""
    async with new_uow() as uow:
        briefing = await _editable(uow, actor.user, briefing_id)
        item = await get_item(uow, submission_id)
        adoption = _adoption_into(item, briefing)
        if any(entry["submission_id"] == submission_id for entry in briefing["items"]):
            raise InvalidInput("submission_id", "already in this issue", code="already_in_issue")
        await _take_out_of_other_issues(uow, briefing, submission_id)
        briefing["items"].append(await entry_for(uow, item))
        adoption["issue_no"] = briefing["issue_no"]
        await uow.items.save(item)
        await uow.briefings.put(briefing)
        await audit(uow, actor, "briefing-add", briefing_id, now, submission_id)
        await uow.commit()
    return _public(briefing)


async def remove_from_briefing(
    new_uow: UnitOfWorkFactory, actor: Actor, briefing_id: str, submission_id: str, now: datetime
) -> dict[str, Any]:
    """Take an item out of the draft issue; its adoption then names no issue until it is
    added to another."""
    async with new_uow() as uow:
        briefing = await _editable(uow, actor.user, briefing_id)
        inside = any(e["submission_id"] == submission_id for e in briefing["items"])
        briefing["items"] = [e for e in briefing["items"] if e["submission_id"] != submission_id]
        item = await uow.items.get(submission_id) if inside else None
        if item is not None:
            for adoption in item.adoptions:
                if (adoption["office_id"], adoption.get("issue_no")) == (briefing["office_id"],
                                                                        briefing["issue_no"]):
                    adoption["issue_no"] = None
            await uow.items.save(item)
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
            raise InvalidInput("items", "an issue needs at least one item", code="issue_empty")
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


async def printed_names(new_uow: UnitOfWorkFactory, briefing: dict[str, Any]) -> dict[str, str | None]:
    """For printing an issue read with :func:`read_briefing`: the name of the head who signed
    it off (``signer``) and of the office it is reported to, the office's parent
    (``reports_to``); None where there is none."""
    async with new_uow() as uow:
        signer = await uow.people.get(briefing["signed_off_by"]) if briefing.get("signed_off_by") else None
        office = await uow.units.get(briefing["office_id"])
        superior = await uow.units.get(office.parent_id) if office and office.parent_id else None
    return {"signer": signer.name if signer else None, "reports_to": superior.name if superior else None}


async def list_briefings(new_uow: UnitOfWorkFactory, user: User, office_id: str) -> list[dict[str, Any]]:
    _require_office_reader(user, office_id)
    async with new_uow() as uow:
        found = await uow.briefings.find({"office_id": office_id}, sort="-created_at")
    return [_public(b) for b in found]


def _adoption_into(item: Item, briefing: dict[str, Any]) -> dict[str, Any]:
    """The item's adoption by the issue's office, which must be into the issue's publication."""
    office_id, publication = briefing["office_id"], briefing["publication"]
    adoption = next((a for a in item.adoptions if a["office_id"] == office_id), None)
    if adoption is None:
        raise InvalidInput(
            "submission_id", f"not adopted by {office_id}", code="not_adopted_by", office=office_id
        )
    if adoption["publication"] != publication:
        raise InvalidInput(
            "submission_id", f"adopted into {adoption['publication']}, not {publication}: an issue "
            "carries the items adopted into its own publication",
            code="other_publication", publication=adoption["publication"],
            name=_name(adoption["publication"]),
        )
    return adoption


async def _take_out_of_other_issues(
    uow: IntakeUnitOfWork, briefing: dict[str, Any], submission_id: str
) -> None:
    """An item is in one issue of its publication: out of any other draft; refused if an
    issue it is in was signed off already."""
    same = {"office_id": briefing["office_id"], "publication": briefing["publication"]}
    others = await uow.briefings.find(same)
    for other in others:
        if other["briefing_id"] == briefing["briefing_id"]:
            continue
        if not any(e["submission_id"] == submission_id for e in other["items"]):
            continue
        if other["state"] != DRAFT:
            raise InvalidInput(
                "submission_id", f"already published in {other['issue_no']}",
                code="already_published", issue=other["issue_no"],
            )
        other["items"] = [e for e in other["items"] if e["submission_id"] != submission_id]
        await uow.briefings.put(other)


async def _editable(uow: IntakeUnitOfWork, user: User, briefing_id: str) -> dict[str, Any]:
    briefing = await _get(uow, briefing_id)
    require_office_role(user, briefing["office_id"], {"editor"}, "compile briefing issues")
    if briefing["state"] != DRAFT:
        raise IllegalTransition("change", f"issue {briefing['issue_no']} ({briefing['state']})")
    return briefing


async def _get(uow: IntakeUnitOfWork, briefing_id: str) -> dict[str, Any]:
    briefing = await uow.briefings.get(briefing_id)
    if briefing is None:
        raise NotFound(f"briefing {briefing_id!r}", code="no_briefing", briefing=briefing_id)
    return briefing


def _require_office_reader(user: User, office_id: str) -> None:
    if user.unit_id != office_id or not user.has(OFFICE_ROLES | {"leader"}):
        raise Forbidden(
            f"{user.describe()} may not read the briefings of {office_id}",
            code="briefings_scope", office=office_id, roles=sorted(OFFICE_ROLES | {"leader"}),
        )


def _name(code: str) -> str:
    found = find_publication(code)
    return found.name if found else code


def _public(briefing: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in briefing.items() if k != "_id"}

"""Which issue of a publication an adopted item goes into, from the publication's sequence.

Adopting into a publication puts the item into that publication's open issue at the office
(the draft opened last, in this year on the office's clock), or, when none is open, opens
the next number: one more than the issues of that publication the office has this year.
Several items thus share an issue, as a briefing gathers them; the number is never typed.

Atomicity: the issue is a document whose id is its key (office:publication:year:number), and
the key is claimed in the inbox, in the same transaction as the adoption. Two adoptions that
both find no open issue both try to take the same key; on MongoDB one commits and the other
fails with a write conflict, is run again (:func:`retrying_lost_races`), finds the issue the
first one opened and joins it. Two adoptions joining one issue both rewrite its document,
which the same conflict serialises, so neither item is lost. The in-memory store runs one
unit of work at a time.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from pymongo.errors import BulkWriteError, PyMongoError

from services.intake.domain import IllegalTransition, Item, Unit
from services.intake.domain.publications import Publication, issue_key, issue_label, open_issue
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import Actor, audit
from shared.clock import local_date
from shared.persistence.conflicts import WRITE_CONFLICT, lost_race

T = TypeVar("T")
DRAFT = "draft"
TRIES = 8
BACKOFF_SECONDS = 0.02
"""A retry waits up to this many seconds times the tries so far."""
log = logging.getLogger(__name__)


def office_year(now: datetime, zone: str) -> int:
    """The year ``now`` falls in on the office's clock (issues are numbered per year)."""
    return local_date(now, zone).year


async def issue_to_fill(
    uow: IntakeUnitOfWork, actor: Actor, office: Unit, publication: Publication, year: int, now: datetime
) -> dict[str, Any]:
    """The open issue of ``publication`` at ``office``, opened now if there is none."""
    issues = await _issues(uow, office.unit_id, publication.code, year)
    current = open_issue(issues)
    if current is not None:
        return current
    return await open_next(uow, actor, office, publication.code, publication.masthead, year, now)


async def upcoming_issue(
    uow: IntakeUnitOfWork, office_id: str, publication: Publication, year: int
) -> dict[str, Any]:
    """The issue an adoption into ``publication`` would go into now (nothing is claimed)."""
    issues = await _issues(uow, office_id, publication.code, year)
    current = open_issue(issues)
    number = int(current["number"]) if current else len(issues) + 1
    return {
        "publication": publication.code, "year": year, "number": number,
        "issue_no": issue_label(year, number), "briefing_id": current["briefing_id"] if current else None,
        "opens_new": current is None, "items": len(current["items"]) if current else 0,
    }


async def open_next(
    uow: IntakeUnitOfWork, actor: Actor, office: Unit, code: str, name: str, year: int, now: datetime
) -> dict[str, Any]:
    """Open the next numbered issue of ``code`` at ``office``, empty, as a draft."""
    number = 1 + len(await _issues(uow, office.unit_id, code, year))
    key = issue_key(office.unit_id, code, year, number)
    if not await uow.claim(f"briefing:{key}"):
        raise IllegalTransition("open", f"issue {number} taken meanwhile; try again")
    briefing = {
        "_id": key, "briefing_id": key, "office_id": office.unit_id, "office_name": office.name,
        "publication": code, "name": name, "year": year, "number": number,
        "issue_no": issue_label(year, number), "state": DRAFT, "items": [],
        "created_by": actor.person_id, "created_at": now,
        "signed_off_by": None, "signed_off_at": None,
    }
    await uow.briefings.put(briefing)
    await audit(uow, actor, "briefing-open", key, now)
    return briefing


async def entry_for(uow: IntakeUnitOfWork, item: Item) -> dict[str, Any]:
    """How an issue lists an item (its text is read live until the issue is signed off)."""
    unit = await uow.units.get(item.unit_id)
    return {"submission_id": item.submission_id, "unit_id": item.unit_id,
            "unit_name": unit.name if unit else item.unit_id, "title": item.title, "body": None}


async def retrying_lost_races(attempt: Callable[[], Awaitable[T]], tries: int = TRIES) -> T:
    """``attempt`` (one whole unit of work), run again when another transaction wrote the
    same documents first; any other error, or losing ``tries`` times, goes to the caller.

    A loser waits a little (random, growing) before trying again: a loser fails at its first
    conflicting write, often before the winner has committed, and a retry begun at once would
    read the same snapshot and lose again."""
    for tried in range(1, tries + 1):
        try:
            return await attempt()
        except PyMongoError as error:
            if tried == tries or not _lost(error):
                raise
            log.info("lost a race for an issue number (try %d: %s); trying again", tried, error)
            await asyncio.sleep(random.uniform(0, BACKOFF_SECONDS * tried))
    raise AssertionError("unreachable")


def _lost(error: PyMongoError) -> bool:
    if lost_race(error):
        return True
    written = error.details.get("writeErrors") if isinstance(error, BulkWriteError) else None
    return bool(written) and all(e.get("code") == WRITE_CONFLICT for e in written or [])


async def _issues(uow: IntakeUnitOfWork, office_id: str, code: str, year: int) -> list[dict[str, Any]]:
    return await uow.briefings.find({"office_id": office_id, "publication": code, "year": year})

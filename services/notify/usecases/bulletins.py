"""Bulletins (通报): compose from the projection, render, archive, number, announce.

Idempotency key: (office, period, kind) — publishing again returns the archived issue
unless ``reissue`` asks for a new one. The archive row, the office's yearly counter and
BulletinPublished (outbox) commit in one unit of work.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from services.notify.bulletins import render
from services.notify.bulletins.model import BulletinData, BulletinKind, Language
from services.notify.domain import Invalid, NotFound
from services.notify.domain.bulletin_facts import Issue, bulletin_data
from services.notify.domain.bulletin_periods import due_periods, kind_of, last_day, number_text
from services.notify.repositories import NotifyUnitOfWork
from services.notify.repositories.bulletins import FORMATS, metadata
from services.notify.usecases.common import PRODUCER, Deps, each_isolated
from shared.contracts import BulletinPublished
from shared.contracts.bulletin_rules import BulletinRuleBook

Doc = dict[str, Any]
KINDS: tuple[BulletinKind, ...] = ("monthly", "quarterly", "annual")


async def publish_bulletin(
    deps: Deps,
    office_id: str,
    period: str,
    kind: BulletinKind,
    language: Language = "zh",
    *,
    reissue: bool = False,
) -> tuple[Doc, bool]:
    """The bulletin's metadata, and whether this call published it (False: archived one)."""
    if kind_of(period) != kind:
        raise Invalid("period", f"{period!r} is not a {kind} period")
    now = deps.clock()
    async with deps.new_uow() as uow:
        current = await uow.bulletins.latest(office_id, period, kind)
        if current is not None and not reissue:
            return metadata(current), False
        revision = (current or {}).get("revision", 0) + 1
        doc = await _compose_and_render(uow, deps, office_id, period, kind, language, revision, now)
        await uow.bulletins.save(doc)
        uow.emit(
            BulletinPublished(
                producer=PRODUCER,
                correlation_id=doc["_id"],
                occurred_at=now,
                bulletin_id=doc["_id"],
                office_id=office_id,
                period=period,
                number=doc["number"],
                formats=list(FORMATS),
            )
        )
        await uow.commit()
    return metadata(doc), True


async def _compose_and_render(
    uow: NotifyUnitOfWork,
    deps: Deps,
    office_id: str,
    period: str,
    kind: BulletinKind,
    language: Language,
    revision: int,
    now: datetime,
) -> Doc:
    issued_on = now.astimezone(ZoneInfo(deps.rules.timezone)).date()
    year = issued_on.year
    n = await uow.counters.next(f"bulletin:{office_id}:{year}")
    number = number_text(language, year, n)
    office_name = await uow.units.name_of(office_id)
    issue = Issue(office_id, office_name, period, kind, number, issued_on, language)
    data = await bulletin_facts(uow, deps.rules.bulletins, issue)
    return {
        "_id": bulletin_id(office_id, period, kind, revision),
        "office_id": office_id,
        "office_name": office_name,
        "period": period,
        "kind": kind,
        "language": language,
        "number": number,
        "sequence": n,
        "revision": revision,
        "issued_on": issued_on.isoformat(),
        "published_at": now,
        "units": len(data.rankings),
        "formats": list(FORMATS),
        "documents": {fmt: render(data, fmt) for fmt in FORMATS},
    }


async def bulletin_facts(uow: NotifyUnitOfWork, book: BulletinRuleBook, issue: Issue) -> BulletinData:
    """The facts of ``issue``: the units reporting to the office (its rows), the units below
    them, their items and ledger points, under the office's rules for the period."""
    rows = await uow.units.reporting_to(issue.office_id)
    below = await uow.units.below([u.unit_id for u in rows])
    items, points = await uow.bulletin_facts.of_units([u.unit_id for u in [*rows, *below]])
    rules = book.rules(issue.office_id, last_day(issue.period))
    return bulletin_data(issue, rows, items, points, below=below, rules=rules)


def bulletin_id(office_id: str, period: str, kind: str, revision: int) -> str:
    """Deterministic, so two instances publishing the same issue conflict on one row."""
    digest = hashlib.sha256(f"{office_id}|{period}|{kind}|{revision}".encode()).hexdigest()
    return f"b{digest[:20]}"


async def bulletin_document(deps: Deps, bulletin_id: str, fmt: str) -> bytes:
    """One archived document of a bulletin."""
    async with deps.new_uow() as uow:
        doc = await uow.bulletins.get(bulletin_id)
    if doc is None or fmt not in doc.get("documents", {}):
        raise NotFound(f"bulletin {bulletin_id!r} ({fmt})")
    return bytes(doc["documents"][fmt])


async def set_bulletin_schedule(deps: Deps, office_id: str, kinds: dict[str, bool], language: str) -> Doc:
    """An office opts in or out of scheduled bulletins; periods that ended before it first
    opted in are not published retroactively."""
    async with deps.new_uow() as uow:
        doc = await uow.bulletin_schedules.save(office_id, kinds, language, deps.clock())
        await uow.commit()
    return doc


async def publish_due_bulletins(deps: Deps) -> int:
    """Scheduler tick: publish each opted-in office's bulletins for periods just ended;
    how many were newly published (archived ones are left as they are)."""
    now = deps.clock()
    zone = ZoneInfo(deps.rules.timezone)
    today = now.astimezone(zone).date()
    async with deps.new_uow() as uow:
        schedules = await uow.bulletin_schedules.all()
    jobs: dict[str, tuple[str, BulletinKind, str, Language]] = {}
    for s in schedules:
        since = s["since"].astimezone(zone).date()
        kinds = tuple(k for k in KINDS if s.get(k))
        for kind, period in due_periods(kinds, today, since):
            jobs[f"{s['_id']}|{kind}|{period}"] = (s["_id"], kind, period, s.get("language", "zh"))

    async def publish(key: str) -> bool:
        office_id, kind, period, language = jobs[key]
        return (await publish_bulletin(deps, office_id, period, kind, language))[1]

    return sum(await each_isolated(list(jobs), publish))

"""The bulletin projection: what items and ledger entries count for, per unit and month.

Called inside the item and points use cases, so each write shares their unit of work and
its inbox claim (idempotency key: the event id); rows are keyed by submission id and
ledger entry id, so a replay rewrites the same values.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from services.notify.domain import Invalid
from services.notify.domain.bulletin_periods import kind_of
from services.notify.repositories import NotifyUnitOfWork
from shared.contracts import (
    AdoptionRevoked,
    PointsAwarded,
    PointsReversed,
    ScreeningOutcome,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
)


def month_of(period: str, at: datetime, zone: str) -> str:
    """The period itself when it is a month, else the local month of ``at``."""
    if kind_of(period) == "monthly":
        return period
    return at.astimezone(ZoneInfo(zone)).strftime("%Y-%m")


def _local_month(at: datetime, zone: str) -> str:
    return at.astimezone(ZoneInfo(zone)).strftime("%Y-%m")


async def count_received(uow: NotifyUnitOfWork, event: SubmissionReceived, zone: str) -> None:
    await uow.bulletin_facts.update_item(
        event.submission_id,
        unit_id=event.unit_id,
        unit_name=event.unit_name,
        title=event.title,
        month=month_of(event.period, event.submitted_at, zone),
        withdrawn=False,
    )


async def count_withdrawn(uow: NotifyUnitOfWork, submission_id: str) -> None:
    await uow.bulletin_facts.update_item(submission_id, withdrawn=True)


async def count_revised(uow: NotifyUnitOfWork, submission_id: str, title: str) -> None:
    await uow.bulletin_facts.update_item(submission_id, title=title)


async def count_screened(uow: NotifyUnitOfWork, event: SubmissionScreened, zone: str) -> None:
    """A return for inaccuracy counts in the month it happened, once per screening event."""
    if event.outcome != ScreeningOutcome.RETURNED or not event.inaccurate:
        return
    doc = await uow.bulletin_facts.item(event.submission_id)
    inaccurate = {**doc.get("inaccurate", {}), event.event_id: _local_month(event.occurred_at, zone)}
    await uow.bulletin_facts.update_item(event.submission_id, unit_id=event.unit_id, inaccurate=inaccurate)


async def count_adopted(uow: NotifyUnitOfWork, event: SubmissionAdopted, zone: str) -> None:
    doc = await uow.bulletin_facts.item(event.submission_id)
    adoptions = [a for a in doc.get("adoptions", []) if a["adoption_id"] != event.adoption_id]
    adoptions.append(
        {
            "adoption_id": event.adoption_id,
            "level": str(event.office_level),
            "publication": event.publication,
            "form": str(event.form),
            "month": _local_month(event.occurred_at, zone),
        }
    )
    await uow.bulletin_facts.update_item(event.submission_id, unit_id=event.unit_id, adoptions=adoptions)


async def count_revoked(uow: NotifyUnitOfWork, event: AdoptionRevoked) -> None:
    doc = await uow.bulletin_facts.item(event.submission_id)
    kept = [a for a in doc.get("adoptions", []) if a["adoption_id"] != event.adoption_id]
    await uow.bulletin_facts.update_item(event.submission_id, adoptions=kept)


async def count_scored(uow: NotifyUnitOfWork, event: SubmissionScored) -> None:
    """The latest score's band counts (a rescored revision replaces it)."""
    await uow.bulletin_facts.update_item(event.submission_id, unit_id=event.unit_id, band=str(event.band))


async def count_points(uow: NotifyUnitOfWork, event: PointsAwarded | PointsReversed, zone: str) -> None:
    try:
        month = month_of(event.period, event.occurred_at, zone)
    except Invalid:
        month = _local_month(event.occurred_at, zone)
    await uow.bulletin_facts.put_points(event.entry_id, event.unit_id, month, event.points)

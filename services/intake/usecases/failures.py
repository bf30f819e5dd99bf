"""Failures an office records against a unit, with evidence, for the assessment rules:
an emergency report false (谎报), an incident not reported or hidden (漏报/瞒报), and an
error in an item that a higher level criticised (通报批评).

Only the editors and head of the office the unit reports to record them. Each is kept (the
``failures`` records, newest first per unit), audited and announced: EmergencyReportFalse,
CriticisedByHigherLevel (on the item's key) or EmergencyReportConcealed (on the unit's),
which incentives turns into the policy's deduction. A new record id per request: the office
records one failure once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from services.intake.domain import InvalidInput, ItemState
from services.intake.domain.access import OFFICE_ROLES, require_office_role
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit, get_item, get_unit
from shared.contracts import (
    CriticisedByHigherLevel,
    EmergencyReportConcealed,
    EmergencyReportFalse,
    Event,
    new_id,
)

FailureKind = Literal["false_report", "criticised", "not_reported", "concealed"]


async def record_false_report(
    new_uow: UnitOfWorkFactory, actor: Actor, submission_id: str, serious: bool, note: str,
    now: datetime,
) -> dict[str, Any]:
    """The office found the (urgent) item false; EmergencyReportFalse out."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        if item.state == ItemState.DRAFT:
            raise InvalidInput(
                "submission_id", "a draft has not been reported; nothing can be false yet",
                code="draft_not_reported",
            )
        office_id = await _office_of(uow, item.unit_id, actor, "record false reports")
        event = EmergencyReportFalse.originated(
            producer=PRODUCER, occurred_at=now, submission_id=submission_id, unit_id=item.unit_id,
            office_id=office_id, serious=serious, note=note, recorded_by=actor.person_id,
        )
        return await _keep(uow, actor, event, "false_report", now, submission_id=submission_id,
                           serious=serious, note=note)


async def record_criticism(
    new_uow: UnitOfWorkFactory, actor: Actor, submission_id: str, criticised_by: str, note: str,
    now: datetime,
) -> dict[str, Any]:
    """A higher level criticised an error in the item; CriticisedByHigherLevel out."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        if item.state == ItemState.DRAFT:
            raise InvalidInput(
                "submission_id", "a draft has not left the unit; nobody above has seen it",
                code="draft_not_sent",
            )
        office_id = await _office_of(uow, item.unit_id, actor, "record criticisms from above")
        event = CriticisedByHigherLevel.originated(
            producer=PRODUCER, occurred_at=now, submission_id=submission_id, unit_id=item.unit_id,
            office_id=office_id, criticised_by=criticised_by, note=note, recorded_by=actor.person_id,
        )
        return await _keep(uow, actor, event, "criticised", now, submission_id=submission_id,
                           criticised_by=criticised_by, note=note)


async def record_unreported_incident(
    new_uow: UnitOfWorkFactory, actor: Actor, unit_id: str, concealed: bool, incident: str,
    evidence: str, now: datetime,
) -> dict[str, Any]:
    """The unit did not report an incident (漏报) or hid it (瞒报); EmergencyReportConcealed out."""
    async with new_uow() as uow:
        await get_unit(uow, unit_id)
        office_id = await _office_of(uow, unit_id, actor, "record unreported incidents")
        record_id = new_id()
        event = EmergencyReportConcealed.originated(
            producer=PRODUCER, occurred_at=now, record_id=record_id, unit_id=unit_id,
            office_id=office_id, concealed=concealed, incident=incident, evidence=evidence,
            recorded_by=actor.person_id,
        )
        kind: FailureKind = "concealed" if concealed else "not_reported"
        return await _keep(uow, actor, event, kind, now, record_id=record_id, incident=incident,
                           evidence=evidence)


async def list_failures(new_uow: UnitOfWorkFactory, actor: Actor, unit_id: str) -> list[dict[str, Any]]:
    """What the unit's office recorded against it, newest first (the office's staff only)."""
    async with new_uow() as uow:
        await _office_of(uow, unit_id, actor, "see recorded failures", roles=OFFICE_ROLES | {"leader"})
        rows = await uow.failures.find({"unit_id": unit_id}, sort="-recorded_at")
    return [{k: v for k, v in r.items() if k != "_id"} for r in rows]


async def _office_of(
    uow: IntakeUnitOfWork, unit_id: str, actor: Actor, doing: str, roles: frozenset[str] = OFFICE_ROLES
) -> str:
    """The office the unit reports to, which the actor must staff."""
    unit = await get_unit(uow, unit_id)
    office_id = unit.reports_to or ""
    if not office_id:
        raise InvalidInput(
            "unit_id", f"{unit_id} reports to nobody; no office records its failures",
            code="reports_to_nobody", unit=unit_id,
        )
    require_office_role(actor.user, office_id, roles, f"{doing} of {unit_id}")
    return office_id


async def _keep(
    uow: IntakeUnitOfWork, actor: Actor, event: Event, kind: FailureKind, now: datetime,
    **details: Any,
) -> dict[str, Any]:
    record = {
        "_id": details.get("record_id") or event.event_id, "failure_id": event.event_id, "kind": kind,
        "unit_id": event.unit_id, "office_id": event.office_id,
        "recorded_by": actor.person_id, "recorded_at": now, **details,
    }
    await uow.failures.put(record)
    uow.emit(event)
    await audit(uow, actor, f"failure:{kind}", details.get("submission_id") or record["unit_id"], now,
                str(details.get("note") or details.get("incident") or ""))
    await uow.commit()
    return {k: v for k, v in record.items() if k != "_id"}

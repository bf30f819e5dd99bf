"""The editorial workflow use cases: each loads the item, checks the actor's role at the
item's office, applies the domain, records the audit entry and emits the event.

Idempotency: these are commands from people; a repeated command meets the new state and is
refused with 409 (e.g. adopting an item twice), so it never takes effect twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.intake.domain import InvalidInput, Item, NotFound, Person, Unit, workflow
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, UnitOfWorkFactory
from shared.contracts import (
    AdoptionForm,
    InstructionRecorded,
    OrgLevel,
    ScreeningOutcome,
    SubmissionAdopted,
    SubmissionForwarded,
    SubmissionRevised,
    SubmissionScreened,
    SubmissionWithdrawn,
    new_id,
)


@dataclass(frozen=True)
class Actor:
    """Who asks for an action, and from where (for the audit trail)."""

    person_id: str
    origin: str = ""


async def screen_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, outcome: ScreeningOutcome,
    reasons: list[str], inaccurate: bool, now: datetime,
) -> Item:
    """Screen an item at its current office; SubmissionScreened out."""
    async with new_uow() as uow:
        item, office = await _item_at_office(uow, submission_id)
        await _person_with_role(uow, actor, office.unit_id, "editor")
        workflow.screen(item, outcome, reasons)
        uow.emit(SubmissionScreened.originated(
            producer=PRODUCER, submission_id=item.submission_id, unit_id=item.unit_id,
            office_id=office.unit_id, editor_id=actor.person_id, outcome=outcome,
            reasons=reasons, inaccurate=inaccurate,
        ))
        await _save(uow, item, actor, f"screen:{ScreeningOutcome(outcome).value}", now)
    return item


async def revise_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, title: str, body: str,
    now: datetime,
) -> Item:
    """An editor edits an accepted item, or its author resubmits a returned one."""
    async with new_uow() as uow:
        item, office = await _item_at_office(uow, submission_id)
        person = await _person(uow, actor)
        by_editor = person.unit_id == office.unit_id and "editor" in person.roles
        if not by_editor and person.unit_id != item.unit_id:
            raise InvalidInput("person_id", "only the item's unit or its office's editors may revise it")
        workflow.revise(item, title, body, actor.person_id, by_editor=by_editor, now=now)
        uow.emit(SubmissionRevised.originated(
            producer=PRODUCER, submission_id=item.submission_id, unit_id=item.unit_id,
            revision=item.revision, title=item.title, body=item.body,
            revised_by=actor.person_id, by_editor=by_editor,
        ))
        await _save(uow, item, actor, "edit" if by_editor else "resubmit", now)
    return item


async def withdraw_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, reason: str, now: datetime
) -> Item:
    """The item's unit takes it back; SubmissionWithdrawn out."""
    async with new_uow() as uow:
        item, _ = await _item_at_office(uow, submission_id)
        person = await _person(uow, actor)
        if person.unit_id != item.unit_id:
            raise InvalidInput("person_id", "only the submitting unit may withdraw an item")
        workflow.withdraw(item)
        uow.emit(SubmissionWithdrawn.originated(
            producer=PRODUCER, submission_id=item.submission_id, unit_id=item.unit_id, reason=reason,
        ))
        await _save(uow, item, actor, "withdraw", now)
    return item


async def adopt_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, publication: str,
    form: AdoptionForm, issue_no: str | None, now: datetime,
) -> Item:
    """The current office adopts the item; SubmissionAdopted out (credited to the original unit)."""
    async with new_uow() as uow:
        item, office = await _item_at_office(uow, submission_id)
        await _person_with_role(uow, actor, office.unit_id, "editor")
        record = workflow.adopt(item, office, new_id(), publication, form, issue_no, now)
        uow.emit(SubmissionAdopted.originated(
            producer=PRODUCER, submission_id=item.submission_id, unit_id=item.unit_id,
            adoption_id=record["adoption_id"], office_id=office.unit_id, office_level=office.level,
            publication=publication, issue_no=issue_no, form=form,
            forwarded_by=record["forwarded_by"],
        ))
        await _save(uow, item, actor, f"adopt:{publication}", now)
    return item


async def forward_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, now: datetime
) -> Item:
    """The current office forwards the item upward; SubmissionForwarded out."""
    async with new_uow() as uow:
        item, office = await _item_at_office(uow, submission_id)
        await _person_with_role(uow, actor, office.unit_id, "editor")
        upper_id = workflow.forward(item, office)
        upper = await uow.units.get(upper_id)
        if upper is None:
            raise NotFound(f"unit {upper_id!r}")
        uow.emit(SubmissionForwarded.originated(
            producer=PRODUCER, submission_id=item.submission_id, unit_id=item.unit_id,
            from_office_id=office.unit_id, to_office_id=upper_id, to_level=upper.level,
            editor_id=actor.person_id,
        ))
        await _save(uow, item, actor, f"forward:{upper_id}", now)
    return item


async def record_instruction(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, leader_name: str,
    leader_rank: OrgLevel, text: str, feedback_due: date | None, now: datetime,
) -> Item:
    """A leader's instruction (批示), recorded by the leader or an editor; InstructionRecorded out."""
    async with new_uow() as uow:
        item, _ = await _item_at_office(uow, submission_id)
        person = await _person(uow, actor)
        if not {"leader", "editor"} & set(person.roles):
            raise InvalidInput("recorded_by", "only a leader or an editor records instructions")
        record = {"instruction_id": new_id(), "leader_name": leader_name,
                  "leader_rank": OrgLevel(leader_rank).value, "text": text,
                  "feedback_due": feedback_due.isoformat() if feedback_due else None,
                  "recorded_by": actor.person_id, "at": now}
        workflow.record_instruction(item, record)
        uow.emit(InstructionRecorded.originated(
            producer=PRODUCER, submission_id=item.submission_id, unit_id=item.unit_id,
            instruction_id=record["instruction_id"], leader_name=leader_name,
            leader_rank=leader_rank, text=text, feedback_due=feedback_due,
            recorded_by=actor.person_id,
        ))
        await _save(uow, item, actor, "instruction", now)
    return item


async def _item_at_office(uow: IntakeUnitOfWork, submission_id: str) -> tuple[Item, Unit]:
    item = await uow.items.get(submission_id)
    if item is None:
        raise NotFound(f"submission {submission_id!r}")
    office = await uow.units.get(item.office_id)
    if office is None:
        raise NotFound(f"unit {item.office_id!r}")
    return item, office


async def _person(uow: IntakeUnitOfWork, actor: Actor) -> Person:
    person = await uow.people.get(actor.person_id)
    if person is None:
        raise NotFound(f"person {actor.person_id!r}")
    return person


async def _person_with_role(uow: IntakeUnitOfWork, actor: Actor, unit_id: str, role: str) -> Person:
    person = await _person(uow, actor)
    if person.unit_id != unit_id or role not in person.roles:
        raise InvalidInput("editor_id", f"{person.name} is not an {role} of {unit_id}")
    return person


async def _save(uow: IntakeUnitOfWork, item: Item, actor: Actor, action: str, now: datetime) -> None:
    await uow.items.save(item)
    await uow.audit.record(actor.person_id, action, item.submission_id, actor.origin, now)
    await uow.commit()


def summary(item: Item) -> dict[str, Any]:
    """The parts of an item a workflow response shows."""
    return {"submission_id": item.submission_id, "state": item.state.value, "office_id": item.office_id}

"""The editorial workflow use cases: each loads the item, checks the actor's scope, applies
the domain, records the audit entry and emits the event.

Idempotency: these are commands from people; a repeated command meets the new state and is
refused with 409 (e.g. adopting an item twice), so it never takes effect twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.intake.domain import Forbidden, InvalidInput, Item, ItemState, workflow
from services.intake.domain.access import (
    UNIT_ROLES,
    User,
    require_instruction_rank,
    require_office_role,
    require_own_publication,
    require_read,
    require_unit_role,
)
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import (
    PRODUCER,
    Actor,
    UnitOfWorkFactory,
    audit,
    get_item,
    get_unit,
)
from services.intake.usecases.deadlines import set_deadline
from services.intake.usecases.issue_sequence import entry_for, issue_to_fill, office_year, retrying_lost_races
from services.intake.usecases.rules import IntakeRules
from services.intake.usecases.submission import edit_item_draft
from shared.contracts import (
    AdoptionForm,
    InstructionFeedbackGiven,
    InstructionRecorded,
    OrgLevel,
    ScreeningOutcome,
    SignOffRequested,
    SubmissionAdopted,
    SubmissionForwarded,
    SubmissionRevised,
    SubmissionScreened,
    SubmissionWithdrawn,
    new_id,
)


async def screen_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, outcome: ScreeningOutcome,
    reasons: list[str], inaccurate: bool, now: datetime,
) -> Item:
    """Screen an item at its current office; SubmissionScreened out."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        _require_editor(actor.user, item, f"screen items at {item.office_id}")
        workflow.screen(item, outcome, reasons)
        uow.emit(SubmissionScreened.originated(
            producer=PRODUCER, occurred_at=now,
            submission_id=item.submission_id, unit_id=item.unit_id,
            office_id=item.office_id, editor_id=actor.person_id, outcome=outcome,
            reasons=reasons, inaccurate=inaccurate,
        ))
        await _save(uow, item, actor, f"screen:{ScreeningOutcome(outcome).value}", now)
    return item


async def revise_item(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, submission_id: str, actor: Actor, title: str,
    body: str, now: datetime,
) -> Item:
    """An editor edits an accepted item, its unit resubmits a returned one or edits a draft.

    An officer's resubmission waits for the unit head's sign-off (SignOffRequested out, the
    item stays returned) where the unit's office wants resubmissions signed off; the head
    resubmits at once."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
    if item.state == ItemState.DRAFT:
        return await edit_item_draft(new_uow, actor, submission_id, title, body, now)
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        user = actor.user
        require_read(user, item)
        by_editor = user.unit_id == item.office_id and user.has({"editor"})
        if not by_editor:
            doing = (f"revise item {item.submission_id} (editors of {item.office_id} edit it, "
                     "its unit resubmits it)")
            require_unit_role(user, item.unit_id, UNIT_ROLES, doing)
        if not by_editor and "unit_head" not in user.roles and await needs_sign_off(uow, rules, item):
            workflow.propose_revision(item, title, body, actor.person_id, now)
            uow.emit(SignOffRequested.originated(
                producer=PRODUCER, occurred_at=now, submission_id=item.submission_id,
                unit_id=item.unit_id, title=title.strip(), requested_by=actor.person_id,
                resubmission=True,
            ))
            await _save(uow, item, actor, "resubmit-requested", now)
            return item
        workflow.revise(item, title, body, actor.person_id, by_editor=by_editor, now=now)
        uow.emit(SubmissionRevised.originated(
            producer=PRODUCER, occurred_at=now,
            submission_id=item.submission_id, unit_id=item.unit_id,
            revision=item.revision, title=item.title, body=item.body,
            revised_by=actor.person_id, by_editor=by_editor,
        ))
        await _save(uow, item, actor, "edit" if by_editor else "resubmit", now)
    return item


async def needs_sign_off(uow: IntakeUnitOfWork, rules: IntakeRules, item: Item) -> bool:
    """Whether the office the item's unit reports to wants resubmissions signed off."""
    unit = await uow.units.get(item.unit_id)
    office_id = (unit.reports_to if unit else None) or item.office_id
    chosen = await uow.office_rules.get(office_id)
    if chosen is not None and "resubmission_needs_sign_off" in chosen:
        return bool(chosen["resubmission_needs_sign_off"])
    return rules.resubmission_needs_sign_off


async def withdraw_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, reason: str, now: datetime
) -> Item:
    """The item's unit takes it back; SubmissionWithdrawn out if it had left the unit."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_unit_role(actor.user, item.unit_id, UNIT_ROLES, "withdraw the unit's items")
        if workflow.withdraw(item):
            uow.emit(SubmissionWithdrawn.originated(
                producer=PRODUCER, occurred_at=now,
                submission_id=item.submission_id, unit_id=item.unit_id,
                reason=reason,
            ))
        await _save(uow, item, actor, "withdraw", now, reason)
    return item


async def adopt_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, publication: str,
    form: AdoptionForm, issue_no: str | None, now: datetime, *, zone: str,
) -> Item:
    """The current office adopts the item into one of its own publications; the item goes
    into that publication's open issue (or the next number of its sequence for the year on
    the office's clock, ``zone``), in the same transaction. ``issue_no``, when given, must
    name that issue. SubmissionAdopted out (credited to the original unit)."""

    async def attempt() -> Item:
        async with new_uow() as uow:
            item = await get_item(uow, submission_id)
            _require_editor(actor.user, item, f"adopt items at {item.office_id}")
            office = await get_unit(uow, item.office_id)
            own = require_own_publication(actor.user, office, publication)
            issue = await issue_to_fill(uow, actor, office, own, office_year(now, zone), now)
            if issue_no is not None and issue_no.strip() != issue["issue_no"]:
                raise InvalidInput(
                    "issue_no", f"the item goes into {issue['issue_no']} of {own.code}, the next of that "
                    f"publication's sequence, not {issue_no.strip()!r}; send no issue_no to take it",
                    code="issue_not_next", issue=issue["issue_no"], asked=issue_no.strip(),
                )
            lineage = await uow.units.lineage(office.unit_id)
            record = workflow.adopt(
                item, office, new_id(), own.code, form, issue["issue_no"], now, lineage
            )
            issue["items"].append(await entry_for(uow, item))
            await uow.briefings.put(issue)
            uow.emit(SubmissionAdopted.originated(
                producer=PRODUCER, occurred_at=now,
                submission_id=item.submission_id, unit_id=item.unit_id,
                adoption_id=record["adoption_id"], office_id=office.unit_id, office_level=office.level,
                publication=own.code, issue_no=issue["issue_no"], form=form,
                forwarded_by=record["forwarded_by"], sensitive=item.sensitive is not None,
            ))
            await audit(uow, actor, "briefing-add", issue["briefing_id"], now, item.submission_id)
            await _save(uow, item, actor, f"adopt:{own.code}", now, issue["issue_no"])
        return item

    return await retrying_lost_races(attempt)


async def forward_item(
    new_uow: UnitOfWorkFactory, submission_id: str, actor: Actor, now: datetime
) -> Item:
    """The current office forwards the item upward; SubmissionForwarded out."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        _require_editor(actor.user, item, f"forward items from {item.office_id}")
        office = await get_unit(uow, item.office_id)
        upper_id = workflow.forward(item, office)
        upper = await get_unit(uow, upper_id)
        uow.emit(SubmissionForwarded.originated(
            producer=PRODUCER, occurred_at=now,
            submission_id=item.submission_id, unit_id=item.unit_id,
            from_office_id=office.unit_id, to_office_id=upper_id, to_level=upper.level,
            editor_id=actor.person_id, sensitive=item.sensitive is not None,
        ))
        await _save(uow, item, actor, f"forward:{upper_id}", now)
    return item


@dataclass(frozen=True)
class InstructionNote:
    """A leader's instruction as recorded (often by an editor on the leader's behalf)."""

    leader_name: str | None
    leader_rank: OrgLevel
    text: str
    feedback_due: date | None = None


async def record_instruction(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, submission_id: str, actor: Actor,
    note: InstructionNote, now: datetime,
) -> Item:
    """A leader's instruction (批示); InstructionRecorded out, and DeadlineSet for feedback."""
    user = actor.user
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_read(user, item)
        if not user.has({"leader", "editor"}) or user.unit_id not in item.adopted_under:
            raise Forbidden(
                f"{user.describe()} may not record instructions on item {submission_id}: only "
                "leaders and editors of an office that adopted it, or of one above, may",
                code="instruct_scope", roles=["leader", "editor"],
            )
        require_instruction_rank(user, await get_unit(uow, user.unit_id or ""), note.leader_rank)
        leader_name = note.leader_name or (user.name if "leader" in user.roles else None)
        if not leader_name:
            raise InvalidInput(
                "leader_name", "name the leader whose instruction this is", code="leader_needed"
            )
        due = rules.end_of_day(note.feedback_due) if note.feedback_due else None
        record = {"instruction_id": new_id(), "leader_name": leader_name,
                  "leader_rank": OrgLevel(note.leader_rank).value, "text": note.text,
                  "feedback_due": note.feedback_due.isoformat() if note.feedback_due else None,
                  "feedback_due_at": due, "recorded_by": actor.person_id,
                  "office_id": user.unit_id, "at": now}
        workflow.record_instruction(item, record)
        uow.emit(InstructionRecorded.originated(
            producer=PRODUCER, occurred_at=now,
            submission_id=item.submission_id, unit_id=item.unit_id,
            instruction_id=record["instruction_id"], leader_name=leader_name,
            leader_rank=note.leader_rank, text=note.text, feedback_due=note.feedback_due,
            recorded_by=actor.person_id,
        ))
        if due is not None:
            await set_deadline(
                uow, unit_id=item.unit_id, office_id=user.unit_id or "",
                subject="instruction_feedback", reference_id=record["instruction_id"], due_at=due,
                now=now, submission_id=item.submission_id,
            )
        await _save(uow, item, actor, "instruction", now)
    return item


async def give_instruction_feedback(
    new_uow: UnitOfWorkFactory, submission_id: str, instruction_id: str, actor: Actor,
    text: str, now: datetime,
) -> dict[str, Any]:
    """The item's unit reports back on an instruction (批示反馈); stored, audited and
    announced (InstructionFeedbackGiven: notify closes the reminder)."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_unit_role(actor.user, item.unit_id, UNIT_ROLES, "report back on instructions")
        instruction = next(
            (i for i in item.instructions if i["instruction_id"] == instruction_id), None
        )
        due = instruction.get("feedback_due_at") if instruction else None
        record = workflow.give_feedback(item, instruction_id, text, actor.person_id, now, due)
        uow.emit(InstructionFeedbackGiven.originated(
            producer=PRODUCER, occurred_at=now, submission_id=item.submission_id,
            unit_id=item.unit_id, instruction_id=instruction_id, text=record["text"],
            given_by=actor.person_id, late=record["late"],
        ))
        await _save(uow, item, actor, f"feedback:{instruction_id}", now, "late" if record["late"] else "")
    return record


def _require_editor(user: User, item: Item, doing: str) -> None:
    """An editor of the office the item is with; a draft is invisible outside its unit."""
    require_read(user, item)
    require_office_role(user, item.office_id, {"editor"}, doing)


async def _save(
    uow: IntakeUnitOfWork, item: Item, actor: Actor, action: str, now: datetime, detail: str = ""
) -> None:
    await uow.items.save(item)
    await audit(uow, actor, action, item.submission_id, now, detail)
    await uow.commit()


def summary(item: Item) -> dict[str, Any]:
    """The parts of an item a workflow response shows."""
    return {"submission_id": item.submission_id, "state": item.state.value, "office_id": item.office_id,
            "awaiting_sign_off": item.pending_revision is not None, "sensitive": item.sensitive is not None}

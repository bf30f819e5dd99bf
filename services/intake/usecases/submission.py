"""Writing an item in a unit and letting it leave: drafts, sign-off, direct submission.

SubmissionReceived goes out when the item leaves the unit (sign-off), flagged late when
past its report-within deadline; an urgent draft announces its deadline (DeadlineSet).
A new id per request (commands from people; a repeated sign-off meets a 409).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from services.intake.domain import (
    Attachment,
    Draft,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    Item,
    ItemState,
    Person,
    Unit,
    edit_draft,
    sign_off,
    start,
    workflow,
)
from services.intake.domain.access import UNIT_ROLES, require_unit_role
from services.intake.domain.submission import return_to_author
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import (
    PRODUCER,
    Actor,
    UnitOfWorkFactory,
    audit,
    get_item,
    get_person,
    get_unit,
)
from services.intake.usecases.deadlines import set_deadline
from services.intake.usecases.rules import IntakeRules
from shared.contracts import SignOffRequested, SubmissionReceived, SubmissionRevised, new_id


async def start_item(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, actor: Actor, draft: Draft,
    now: datetime, *, submit: bool | None = None, attachments: Sequence[Attachment] = (),
) -> Item:
    """A new item of the actor's unit: a draft, or submitted at once by the unit head.

    ``submit`` None means: submitted when the actor is the unit head, a draft otherwise.
    """
    user = actor.user
    unit_id = user.unit_id or ""
    require_unit_role(user, unit_id, UNIT_ROLES, "write items")
    is_head = "unit_head" in user.roles
    if submit and not is_head:
        raise Forbidden(
            f"{user.describe()} may not submit directly: save a draft and ask the unit head "
            "to sign it off",
            code="sign_off_needed",
        )
    async with new_uow() as uow:
        unit = await get_unit(uow, unit_id)
        author = await get_person(uow, user.person_id)
        await _check_links(uow, unit, draft)
        within = rules.report_within(draft.category, draft.urgent)
        item = start(new_id(), unit, author, draft, now, rules.timezone, within)
        for attachment in attachments:
            item.attachments.append(await _store(uow, item.submission_id, attachment))
        if submit if submit is not None else is_head:
            sign_off(item, user.person_id, now, rules.timezone)
            uow.emit(_received(item, unit, author))
            await audit(uow, actor, "submit", item.submission_id, now)
        else:
            await audit(uow, actor, "draft", item.submission_id, now)
            if item.report_due is not None:
                await set_deadline(
                    uow, unit_id=unit.unit_id, office_id=item.office_id,
                    subject="urgent_report", reference_id=item.submission_id,
                    due_at=item.report_due, now=now, submission_id=item.submission_id,
                )
        await uow.items.save(item)
        await uow.commit()
    return item


async def sign_off_item(
    new_uow: UnitOfWorkFactory, rules: IntakeRules, actor: Actor, submission_id: str, now: datetime
) -> Item:
    """The unit head signs the draft off: it is submitted; SubmissionReceived out. On a
    returned item whose revision waits, the revision is resubmitted; SubmissionRevised out."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_unit_role(actor.user, item.unit_id, {"unit_head"}, "sign items off")
        if item.state == ItemState.RETURNED and item.pending_revision is not None:
            author = workflow.sign_off_revision(item, actor.person_id, now)
            uow.emit(SubmissionRevised.originated(
                producer=PRODUCER, occurred_at=now, submission_id=item.submission_id,
                unit_id=item.unit_id, revision=item.revision, title=item.title, body=item.body,
                revised_by=author, by_editor=False,
            ))
            await uow.items.save(item)
            await audit(uow, actor, "sign-off", item.submission_id, now, "resubmission")
            await uow.commit()
            return item
        sign_off(item, actor.person_id, now, rules.timezone)
        unit = await get_unit(uow, item.unit_id)
        author = await get_person(uow, item.author_id)
        uow.emit(_received(item, unit, author))
        await uow.items.save(item)
        await audit(uow, actor, "sign-off", item.submission_id, now, "late" if item.late else "")
        await uow.commit()
    return item


async def request_sign_off(
    new_uow: UnitOfWorkFactory, actor: Actor, submission_id: str, now: datetime
) -> Item:
    """The officer asks the unit head to sign the draft off; SignOffRequested out (the head
    hears of it in the inbox and by their channels)."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_unit_role(actor.user, item.unit_id, UNIT_ROLES, "ask for the unit's sign-off")
        if item.state != ItemState.DRAFT:
            raise IllegalTransition("ask to sign off", item.state.value)
        uow.emit(SignOffRequested.originated(
            producer=PRODUCER, occurred_at=now, submission_id=item.submission_id,
            unit_id=item.unit_id, title=item.title, requested_by=actor.person_id, resubmission=False,
        ))
        await audit(uow, actor, "sign-off-requested", item.submission_id, now)
        await uow.commit()
    return item


async def return_item_to_author(
    new_uow: UnitOfWorkFactory, actor: Actor, submission_id: str, reason: str, now: datetime
) -> Item:
    """The unit head sends a draft back to its author with the reason (kept on the item and
    in the audit trail); the author sees it on the item and in the unit's list."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_unit_role(actor.user, item.unit_id, {"unit_head"}, "return drafts to their authors")
        return_to_author(item, reason, actor.person_id, now)
        await uow.items.save(item)
        await audit(uow, actor, "return-to-author", item.submission_id, now)
        await uow.commit()
    return item


async def edit_item_draft(
    new_uow: UnitOfWorkFactory, actor: Actor, submission_id: str, title: str, body: str,
    now: datetime,
) -> Item:
    """The unit changes its draft before sign-off (nothing is announced)."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_unit_role(actor.user, item.unit_id, UNIT_ROLES, "edit the unit's drafts")
        edit_draft(item, title, body)
        await uow.items.save(item)
        await audit(uow, actor, "edit-draft", item.submission_id, now)
        await uow.commit()
    return item


async def _store(uow: IntakeUnitOfWork, submission_id: str, attachment: Attachment) -> dict[str, object]:
    meta = {"attachment_id": new_id(), "name": attachment.name,
            "content_type": attachment.content_type, "size": len(attachment.data),
            "after_paragraph": attachment.after_paragraph}
    await uow.attachments.put({"_id": meta["attachment_id"], "submission_id": submission_id,
                               **meta, "data": attachment.data})
    return meta


async def _check_links(uow: IntakeUnitOfWork, unit: Unit, draft: Draft) -> None:
    if draft.follow_up_of is not None:
        earlier = await uow.items.get(draft.follow_up_of)
        if earlier is None or earlier.unit_id != unit.unit_id or earlier.state == ItemState.DRAFT:
            raise InvalidInput(
                "follow_up_of", "must name a submitted item of the same unit", code="follow_up_unknown"
            )
    if draft.commission_id is not None:
        commission = await uow.commissions.get(draft.commission_id)
        if commission is None or commission["office_id"] != unit.reports_to:
            raise InvalidInput(
                "commission_id", f"no commission of {unit.reports_to} with that id",
                code="no_commission_of", office=unit.reports_to,
            )
        if commission["units"] and unit.unit_id not in commission["units"]:
            raise InvalidInput(
                "commission_id", f"the commission does not ask {unit.unit_id}",
                code="commission_not_asked", unit=unit.unit_id,
            )


def _received(item: Item, unit: Unit, author: Person) -> SubmissionReceived:
    assert item.submitted_at is not None
    return SubmissionReceived.originated(
        producer=PRODUCER, occurred_at=item.submitted_at,
        submission_id=item.submission_id,
        unit_id=unit.unit_id,
        unit_name=unit.name,
        unit_level=unit.level,
        office_id=item.office_id,
        author_id=author.person_id,
        author_name=author.name,
        title=item.title,
        body=item.body,
        language=item.language,
        category=item.category,
        period=item.period,
        urgent=item.urgent,
        late=item.late,
        commission_id=item.commission_id,
        follow_up_of=item.follow_up_of,
        submitted_at=item.submitted_at,
    )

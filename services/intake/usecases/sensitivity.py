"""Marking an item sensitive (敏感信息): it never leaves the system for another agency.

An editor or head of any office the item reached decides, with a reason; the mark is kept
on the item (who, where, why, when), audited, and announced as SubmissionSensitivityChanged
on the item's key, so it reaches notify in order with the item's other events (and every
later SubmissionAdopted / SubmissionForwarded carries ``sensitive`` too). Notify withholds
the item from every feed and retracts what agencies already received. Lifting the mark lets
the item reach agencies that never had it; a retracted entry is not sent again.
"""

from __future__ import annotations

from datetime import datetime

from services.intake.domain import Forbidden, Item, workflow
from services.intake.domain.access import OFFICE_ROLES, require_read
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit, get_item
from shared.contracts import SubmissionSensitivityChanged


async def set_sensitivity(
    new_uow: UnitOfWorkFactory, actor: Actor, submission_id: str, sensitive: bool, reason: str,
    now: datetime,
) -> Item:
    """Mark the item sensitive (or lift the mark); SubmissionSensitivityChanged out."""
    async with new_uow() as uow:
        item = await get_item(uow, submission_id)
        require_read(actor.user, item)
        office_id = _deciding_office(actor, item)
        workflow.set_sensitive(item, sensitive, actor.person_id, office_id, reason, now)
        uow.emit(SubmissionSensitivityChanged.originated(
            producer=PRODUCER, occurred_at=now, submission_id=item.submission_id,
            unit_id=item.unit_id, office_id=office_id, sensitive=sensitive, reason=reason.strip(),
            decided_by=actor.person_id,
        ))
        await uow.items.save(item)
        await audit(uow, actor, "sensitive" if sensitive else "unmark-sensitive", item.submission_id,
                    now, reason.strip())
        await uow.commit()
    return item


def _deciding_office(actor: Actor, item: Item) -> str:
    """The actor's office, when it is one the item reached and the actor edits or heads it."""
    user = actor.user
    if user.unit_id is not None and user.unit_id in item.offices_reached and user.has(OFFICE_ROLES):
        return user.unit_id
    raise Forbidden(
        f"{user.describe()} may not mark this item sensitive: the editors and heads of the "
        f"offices it reached ({', '.join(item.offices_reached) or 'none yet'}) may",
        code="sensitive_scope", roles=sorted(OFFICE_ROLES),
    )

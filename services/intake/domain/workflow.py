"""The editorial workflow: which action is allowed in which state, and what it changes.

    draft ──sign off──▶ submitted (see submission.py)
    submitted ──screen: accepted──▶ accepted ──edit──▶ accepted
        │                              │ └──adopt──▶ adopted ──forward──▶ submitted (office above)
        │                              └──forward────────────────────────▶ submitted (office above)
        ├──screen: returned──▶ returned ──resubmit──▶ submitted
        │                         └──propose (officer)──▶ returned, revision waiting
        │                                                   └──head signs off──▶ submitted
        ├──screen: filed─────▶ filed_for_reference (备查)
        └──withdraw (also from draft, accepted or returned)──▶ withdrawn

An editor or head of an office the item reached may mark it sensitive (never released to
other agencies) at any state after it left its unit, and lift the mark again.
A leader's instruction can be recorded on any item that has been adopted somewhere; the
unit then reports back on it (批示反馈), late when after the instruction's feedback_due.
Every function checks the state and raises IllegalTransition (HTTP 409) otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from services.intake.domain.errors import IllegalTransition, InvalidInput, NotFound
from services.intake.domain.model import Item, ItemState, Unit
from services.intake.domain.submission import checked_text
from shared.contracts.vocabulary import AdoptionForm, ScreeningOutcome

_SCREENABLE = {ItemState.SUBMITTED}
_WITHDRAWABLE = {ItemState.DRAFT, ItemState.SUBMITTED, ItemState.ACCEPTED, ItemState.RETURNED}
_FORWARDABLE = {ItemState.ACCEPTED, ItemState.ADOPTED}


def _require(item: Item, allowed: set[ItemState], action: str) -> None:
    if item.state not in allowed:
        raise IllegalTransition(action, item.state.value)


def screen(item: Item, outcome: ScreeningOutcome, reasons: list[str]) -> None:
    """An editor of the item's current office screens it."""
    _require(item, _SCREENABLE, "screen")
    if outcome == ScreeningOutcome.RETURNED and not [r for r in reasons if r.strip()]:
        raise InvalidInput(
            "reasons", "a returned item needs at least one reason the author can act on",
            code="reason_needed",
        )
    item.state = {
        ScreeningOutcome.ACCEPTED: ItemState.ACCEPTED,
        ScreeningOutcome.RETURNED: ItemState.RETURNED,
        ScreeningOutcome.FILED_FOR_REFERENCE: ItemState.FILED,
    }[ScreeningOutcome(outcome)]
    item.return_reasons = list(reasons) if outcome == ScreeningOutcome.RETURNED else []


def revise(item: Item, title: str, body: str, by: str, *, by_editor: bool, now: datetime) -> None:
    """The author resubmits a returned item, or an editor edits an accepted one."""
    if by_editor:
        _require(item, {ItemState.ACCEPTED}, "edit")
    else:
        _require(item, {ItemState.RETURNED}, "resubmit")
    title, body = checked_text(title, body)
    item.revisions.append(
        {"revision": item.revision, "title": item.title, "body": item.body, "replaced_by": by,
         "by_editor": by_editor, "at": now}
    )
    item.title, item.body = title, body
    item.revision += 1
    if not by_editor:
        item.state = ItemState.SUBMITTED


def propose_revision(item: Item, title: str, body: str, by: str, now: datetime) -> None:
    """An officer revises a returned item where the unit's office wants the head to sign
    resubmissions off: the revision waits, the item stays returned."""
    _require(item, {ItemState.RETURNED}, "resubmit")
    title, body = checked_text(title, body)
    item.pending_revision = {"title": title, "body": body, "by": by, "at": now}


def sign_off_revision(item: Item, head_id: str, now: datetime) -> str:
    """The unit head signs the waiting revision off: it is resubmitted. Returns its author."""
    pending = item.pending_revision
    if item.state != ItemState.RETURNED or pending is None:
        raise IllegalTransition("sign off", item.state.value)
    revise(item, pending["title"], pending["body"], pending["by"], by_editor=False, now=now)
    item.pending_revision = None
    item.signed_off_by = head_id
    return str(pending["by"])


def withdraw(item: Item) -> bool:
    """The unit takes the item back (not once adopted); True if it had left the unit."""
    _require(item, _WITHDRAWABLE, "withdraw")
    if item.adoptions:
        raise IllegalTransition("withdraw", "adopted")
    had_left = item.state != ItemState.DRAFT
    item.state = ItemState.WITHDRAWN
    item.pending_revision = None
    return had_left


def adopt(
    item: Item, office: Unit, adoption_id: str, publication: str, form: AdoptionForm,
    issue_no: str | None, now: datetime, office_lineage: Sequence[str] = (),
) -> dict[str, Any]:
    """The current office adopts the item into one of its publications; returns the record.

    ``office_lineage`` (the office and the offices above it) says whose leaders may read it.
    """
    _require(item, {ItemState.ACCEPTED}, "adopt")
    if office.unit_id != item.office_id:
        raise InvalidInput(
            "office", f"the item is with {item.office_id}, not {office.unit_id}",
            code="not_with_office", at=item.office_id, office=office.unit_id,
        )
    record = {
        "adoption_id": adoption_id, "office_id": office.unit_id, "office_level": office.level.value,
        "publication": publication, "form": AdoptionForm(form).value, "issue_no": issue_no,
        "forwarded_by": list(item.forwarded_by), "at": now,
    }
    item.adoptions.append(record)
    for unit_id in [office.unit_id, *office_lineage]:
        if unit_id not in item.adopted_under:
            item.adopted_under.append(unit_id)
    item.state = ItemState.ADOPTED
    return record


def forward(item: Item, office: Unit) -> str:
    """The current office forwards the item to the office above; returns that office's id."""
    _require(item, _FORWARDABLE, "forward")
    if office.reports_to is None:
        raise IllegalTransition("forward", f"{item.state.value} at the top of the tree")
    item.forwarded_by.append(office.unit_id)
    item.office_id = office.reports_to
    item.state = ItemState.SUBMITTED
    return office.reports_to


def set_sensitive(
    item: Item, sensitive: bool, by: str, office_id: str, reason: str, now: datetime
) -> None:
    """Mark the item sensitive, or lift the mark; a repeated decision is refused."""
    if item.state in (ItemState.DRAFT, ItemState.WITHDRAWN):
        raise IllegalTransition("mark sensitive" if sensitive else "unmark", item.state.value)
    if not reason.strip():
        raise InvalidInput("reason", "say why (it is kept with the item and audited)", code="reason_why")
    if sensitive == (item.sensitive is not None):
        raise IllegalTransition(
            "mark sensitive" if sensitive else "unmark", "already sensitive" if sensitive else "not sensitive"
        )
    item.sensitive = (
        {"by": by, "office_id": office_id, "reason": reason.strip(), "at": now} if sensitive else None
    )


def record_instruction(item: Item, record: dict[str, Any]) -> None:
    """A leader's instruction on an item adopted somewhere."""
    if not item.adoptions:
        raise IllegalTransition("record an instruction on", f"{item.state.value} (never adopted)")
    item.instructions.append({**record, "feedback": []})


def give_feedback(
    item: Item, instruction_id: str, text: str, by: str, now: datetime, due: datetime | None
) -> dict[str, Any]:
    """The unit reports back on an instruction (批示反馈); returns the feedback record."""
    instruction = next(
        (i for i in item.instructions if i["instruction_id"] == instruction_id), None
    )
    if instruction is None:
        raise NotFound(
            f"instruction {instruction_id!r} on item {item.submission_id!r}",
            code="no_instruction", instruction=instruction_id,
        )
    if not text.strip():
        raise InvalidInput("text", "must not be blank", code="blank")
    record = {"text": text.strip(), "by": by, "at": now, "late": due is not None and now > due}
    instruction.setdefault("feedback", []).append(record)
    return record

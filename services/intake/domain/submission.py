"""Rules for writing an item in a unit and letting it leave the unit.

    (new) ──start──▶ draft ──edit──▶ draft
                       ├──sign off (unit head)──▶ submitted  (late if past its report-within)
                       └──withdraw──▶ withdrawn  (never left the unit: nothing is announced)

A unit head may start and sign off in one step (their own item: the use case does both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.intake.domain.errors import IllegalTransition, InvalidInput
from services.intake.domain.model import Item, ItemState, Person, Unit, detect_language, period_of

MAX_TITLE = 120
MAX_BODY = 20_000


@dataclass(frozen=True)
class Draft:
    """What an author hands in."""

    title: str
    body: str
    category: str
    language: str | None = None
    urgent: bool = False
    occurred_at: datetime | None = None
    commission_id: str | None = None
    follow_up_of: str | None = None


def start(
    submission_id: str, unit: Unit, author: Person, draft: Draft, now: datetime, zone: str,
    report_within: timedelta | None = None,
) -> Item:
    """A new draft by ``author`` of ``unit``; urgent items get their report-within deadline."""
    if author.unit_id != unit.unit_id:
        raise InvalidInput(
            "author_id", f"{author.name} does not belong to {unit.name}",
            code="not_member", person=author.name, unit=unit.name,
        )
    if unit.reports_to is None:
        raise InvalidInput(
            "unit_id", f"{unit.name} is at the top of the tree: no office above",
            code="no_office_above", unit=unit.name,
        )
    title, body = checked_text(draft.title, draft.body)
    due = None
    if report_within is not None:
        due = (draft.occurred_at or now) + report_within
    return Item(
        submission_id=submission_id,
        unit_id=unit.unit_id,
        author_id=author.person_id,
        title=title,
        body=body,
        category=draft.category,
        language=draft.language or detect_language(title + body),
        period=period_of(now, zone),
        state=ItemState.DRAFT,
        office_id=unit.reports_to,
        submitted_at=None,
        created_at=now,
        urgent=draft.urgent,
        occurred_at=draft.occurred_at,
        report_due=due,
        commission_id=draft.commission_id,
        follow_up_of=draft.follow_up_of,
    )


def sign_off(item: Item, head_id: str, now: datetime, zone: str) -> None:
    """The unit head lets the draft leave the unit: it is submitted to the office above, and
    counts for the month it is submitted in on the office's clock (``zone``)."""
    if item.state != ItemState.DRAFT:
        raise IllegalTransition("sign off", item.state.value)
    item.state = ItemState.SUBMITTED
    item.signed_off_by = head_id
    item.submitted_at = now
    item.period = period_of(now, zone)
    item.late = item.report_due is not None and now > item.report_due
    item.author_return = None


MAX_RETURN_REASON = 500


def return_to_author(item: Item, reason: str, head_id: str, now: datetime) -> None:
    """The unit head sends the draft back to its author before sign-off, saying why; it
    leaves the head's queue (待审签) until the author has changed it."""
    if item.state != ItemState.DRAFT:
        raise IllegalTransition("return to the author", item.state.value)
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reason", "say what the author should change", code="return_reason")
    if len(reason) > MAX_RETURN_REASON:
        raise InvalidInput(
            "reason", f"at most {MAX_RETURN_REASON} characters",
            code="too_long", limit=MAX_RETURN_REASON, length=len(reason),
        )
    item.author_return = {"reason": reason, "by": head_id, "at": now}


def edit_draft(item: Item, title: str, body: str) -> None:
    """The unit changes its draft before sign-off (no revision: it never left the unit); a
    draft the head sent back goes to the head's queue again."""
    if item.state != ItemState.DRAFT:
        raise IllegalTransition("edit the draft of", item.state.value)
    item.title, item.body = checked_text(title, body)
    item.author_return = None


def checked_text(title: str, body: str) -> tuple[str, str]:
    """A title and text within the limits, trimmed, paragraphs normalised; InvalidInput otherwise."""
    title, body = title.strip(), body.strip()
    if not title:
        raise InvalidInput("title", "must not be blank", code="blank")
    if not body:
        raise InvalidInput("body", "must not be blank", code="blank")
    if len(title) > MAX_TITLE:
        raise InvalidInput(
            "title", f"at most {MAX_TITLE} characters", code="too_long", limit=MAX_TITLE, length=len(title)
        )
    if len(body) > MAX_BODY:
        raise InvalidInput(
            "body", f"at most {MAX_BODY} characters", code="too_long", limit=MAX_BODY, length=len(body)
        )
    return title, normalise_paragraphs(body)


def normalise_paragraphs(body: str) -> str:
    """One blank line between paragraphs, no trailing spaces (pasted text varies)."""
    lines = [line.strip() for line in body.replace("\r\n", "\n").split("\n")]
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs)

"""Facts about items in, messages and feed entries out: one use case per incoming event.

Each runs in the unit of work of the consumer's batch, which has claimed the event id (the
inbox; ``shared.messaging.batch``), so a redelivered event changes nothing; every effect of
one event (messages to the author and the unit's main leader, obligations, feed entries)
commits together, with the rest of its batch.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from services.notify.domain import (
    ItemFacts,
    Message,
    ScoreFacts,
    adopted_message,
    instruction_message,
    leader_adoption_message,
    leader_instruction_message,
    points_message,
    returned_message,
    score_message,
)
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases import bulletin_projection as tally
from services.notify.usecases.common import Cause, Deps
from services.notify.usecases.feeds import offer, retract
from services.notify.usecases.outbound import send_message
from services.notify.usecases.reminders import close_answered, note_submission, record_obligation
from shared.contracts import (
    AdoptionRevoked,
    Event,
    InstructionFeedbackGiven,
    InstructionRecorded,
    PointsAwarded,
    PointsReversed,
    ScreeningOutcome,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScored,
    SubmissionScreened,
    SubmissionSensitivityChanged,
    SubmissionWithdrawn,
)

Step = Callable[[NotifyUnitOfWork, datetime], Awaitable[list[Message]]]


async def _apply(uow: NotifyUnitOfWork, deps: Deps, event: Event, step: Step) -> None:
    """Run ``step`` in the batch's unit of work and send the messages it returns."""
    now = deps.clock()
    for message in await step(uow, now):
        await send_message(uow, message, Cause.of(event), now, deps.rules)


async def on_received(deps: Deps, uow: NotifyUnitOfWork, event: SubmissionReceived) -> None:
    """Remember the item (author, text, unit); close what it answers; count it for quotas."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        await uow.items.update(
            event.submission_id,
            author_id=event.author_id,
            unit_id=event.unit_id,
            unit_name=event.unit_name,
            office_id=event.office_id,
            title=event.title,
            body=event.body,
            language=event.language,
            category=event.category,
            period=event.period,
            submitted_at=event.submitted_at,
            urgent=event.urgent,
            commission_id=event.commission_id,
        )
        await tally.count_received(uow, event, deps.rules.timezone)
        await note_submission(
            uow, event.unit_id, event.submission_id, event.period, event.commission_id, +1, now, deps.rules
        )
        return []

    await _apply(uow, deps, event, step)


async def on_revised(deps: Deps, uow: NotifyUnitOfWork, event: SubmissionRevised) -> None:
    """The feed carries the latest text."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        await uow.items.update(event.submission_id, title=event.title, body=event.body)
        await tally.count_revised(uow, event.submission_id, event.title)
        return []

    await _apply(uow, deps, event, step)


async def on_withdrawn(deps: Deps, uow: NotifyUnitOfWork, event: SubmissionWithdrawn) -> None:
    """A withdrawn item is retracted from every agency that had it and no longer counts
    toward the unit's quota."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        doc = await uow.items.update(event.submission_id, withdrawn=True)
        await retract(uow, event.submission_id, "withdrawn", Cause.of(event), now)
        await tally.count_withdrawn(uow, event.submission_id)
        if doc.get("period") and doc.get("author_id"):
            await note_submission(
                uow, event.unit_id, event.submission_id, doc["period"], None, -1, now, deps.rules
            )
        return []

    await _apply(uow, deps, event, step)


async def on_screened(deps: Deps, uow: NotifyUnitOfWork, event: SubmissionScreened) -> None:
    """A returned item: the author hears why."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        await tally.count_screened(uow, event, deps.rules.timezone)
        item = await uow.items.get(event.submission_id)
        if item is None or event.outcome != ScreeningOutcome.RETURNED:
            return []
        return [returned_message(item, event.reasons)]

    await _apply(uow, deps, event, step)


async def on_adopted(deps: Deps, uow: NotifyUnitOfWork, event: SubmissionAdopted) -> None:
    """The author hears of the adoption, main leaders of a high-level one; agencies get it."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        doc = await uow.items.document(event.submission_id)
        adoptions = [a for a in doc.get("adoptions", []) if a["adoption_id"] != event.adoption_id]
        adoptions.append(
            {
                "adoption_id": event.adoption_id,
                "level": event.office_level,
                "publication": event.publication,
                "office_id": event.office_id,
                "issue_no": event.issue_no,
            }
        )
        await uow.items.update(
            event.submission_id, adoptions=adoptions, **({"sensitive": True} if event.sensitive else {})
        )
        await tally.count_adopted(uow, event, deps.rules.timezone)
        await offer(uow, event.submission_id, Cause.of(event), now)
        item = await uow.items.get(event.submission_id)
        if item is None:
            return []
        messages = [adopted_message(item, event.publication, event.office_level)]
        units = dict.fromkeys([event.unit_id, *(c.unit_id for c in event.contributing_units)])
        for unit_id in units:
            unit = await uow.units.get(unit_id)
            if unit.main_leader:
                notice = leader_adoption_message(
                    item, unit.main_leader, unit.name or unit_id, event.publication, event.office_level
                )
                messages += [notice] if notice else []
        return messages

    await _apply(uow, deps, event, step)


async def on_sensitivity_changed(
    deps: Deps, uow: NotifyUnitOfWork, event: SubmissionSensitivityChanged
) -> None:
    """Marked sensitive in intake: retracted from every agency, never offered again. The mark
    lifted: offered to the agencies that never had it."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        await uow.items.update(event.submission_id, sensitive=event.sensitive)
        if event.sensitive:
            await retract(uow, event.submission_id, "withheld", Cause.of(event), now)
        else:
            await offer(uow, event.submission_id, Cause.of(event), now)
        return []

    await _apply(uow, deps, event, step)


async def on_adoption_revoked(deps: Deps, uow: NotifyUnitOfWork, event: AdoptionRevoked) -> None:
    """The adoption no longer counts for later feed decisions (published entries stay)."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        doc = await uow.items.document(event.submission_id)
        kept = [a for a in doc.get("adoptions", []) if a["adoption_id"] != event.adoption_id]
        await uow.items.update(event.submission_id, adoptions=kept)
        await tally.count_revoked(uow, event)
        return []

    await _apply(uow, deps, event, step)


async def on_instruction(deps: Deps, uow: NotifyUnitOfWork, event: InstructionRecorded) -> None:
    """Author and the unit's main leader hear of it; feedback due becomes an obligation."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        doc = await uow.items.document(event.submission_id)
        if event.feedback_due is not None:
            due = datetime.combine(event.feedback_due, time(23, 59, 59), ZoneInfo(deps.rules.timezone))
            await record_obligation(
                uow,
                unit_id=event.unit_id,
                office_id=doc.get("office_id", ""),
                subject="instruction_feedback",
                reference_id=event.instruction_id,
                due_at=due.astimezone(UTC),
                cause=Cause.of(event),
                now=now,
                rules=deps.rules,
            )
        item = await uow.items.get(event.submission_id)
        if item is None:
            return []
        messages = [instruction_message(item, event.leader_name, event.text)]
        unit = await uow.units.get(event.unit_id)
        if unit.main_leader:
            due_text = event.feedback_due.isoformat() if event.feedback_due else None
            messages.append(
                leader_instruction_message(
                    item,
                    unit.main_leader,
                    unit.name or event.unit_id,
                    event.leader_name,
                    event.text,
                    due_text,
                )
            )
        return messages

    await _apply(uow, deps, event, step)


async def on_scored(deps: Deps, uow: NotifyUnitOfWork, event: SubmissionScored) -> None:
    """The author hears the score and suggestions; a score may open the item to feeds."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        await uow.items.update(event.submission_id, score=event.overall)
        await tally.count_scored(uow, event)
        await offer(uow, event.submission_id, Cause.of(event), now)
        facts = ItemFacts(event.submission_id, event.author_id, event.unit_id, event.title, event.language)
        tips = tuple(
            (s.location, s.text) for c in sorted(event.criteria, key=lambda c: c.score) for s in c.suggestions
        )
        return [score_message(facts, ScoreFacts(event.overall, event.band, tips))]

    await _apply(uow, deps, event, step)


async def on_points(deps: Deps, uow: NotifyUnitOfWork, event: PointsAwarded | PointsReversed) -> None:
    """The information officer hears about points earned, deducted or reversed."""

    async def step(uow: NotifyUnitOfWork, now: datetime) -> list[Message]:
        await tally.count_points(uow, event, deps.rules.timezone)
        if event.person_id is None or event.points == 0:
            return []
        item = await uow.items.get(event.submission_id) if event.submission_id else None
        return [
            points_message(
                item,
                event.person_id,
                event.points,
                event.reason,
                isinstance(event, PointsReversed),
                submission_id=event.submission_id,
            )
        ]

    await _apply(uow, deps, event, step)


async def on_feedback_given(deps: Deps, uow: NotifyUnitOfWork, event: InstructionFeedbackGiven) -> None:
    """The unit reported back on an instruction: its feedback reminder is closed."""
    await close_answered(uow, event.unit_id, "instruction_feedback", event.instruction_id)

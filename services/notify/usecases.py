"""Notify use cases: facts in, messages stored in the in-app inbox, NotificationDelivered out.

Idempotency key: the incoming event_id (inbox); a message's id is
``<cause event id>:<recipient>:<channel>``, so one fact never notifies one person twice.
"""

from __future__ import annotations

from collections.abc import Callable

from services.notify.domain import (
    ItemFacts,
    Message,
    ScoreFacts,
    adopted_message,
    instruction_message,
    points_message,
    returned_message,
    score_message,
)
from services.notify.repositories import NotifyUnitOfWork
from shared.contracts import (
    Event,
    InstructionRecorded,
    NotificationDelivered,
    PointsAwarded,
    PointsReversed,
    ScreeningOutcome,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
)

PRODUCER = "notify"
CHANNEL = "inbox"
UnitOfWorkFactory = Callable[[], NotifyUnitOfWork]


async def remember_item(new_uow: UnitOfWorkFactory, event: SubmissionReceived) -> bool:
    """Keep who wrote an item, to address later messages about it."""
    async with new_uow() as uow:
        if not await uow.claim(event.event_id):
            return False
        await uow.items.save(
            ItemFacts(event.submission_id, event.author_id, event.unit_id, event.title, event.language)
        )
        await uow.commit()
    return True


async def notify_score(new_uow: UnitOfWorkFactory, event: SubmissionScored) -> Message | None:
    """The author hears the score and the suggestions."""
    facts = ItemFacts(event.submission_id, event.author_id, event.unit_id, event.title, event.language)
    tips = tuple(
        (s.location, s.text)
        for c in sorted(event.criteria, key=lambda c: c.score)
        for s in c.suggestions
    )
    message = score_message(facts, ScoreFacts(event.overall, event.band, tips))
    return await _deliver(new_uow, event, lambda _: message)


async def notify_points(
    new_uow: UnitOfWorkFactory, event: PointsAwarded | PointsReversed
) -> Message | None:
    """The information officer hears about points earned, deducted or reversed."""
    if event.person_id is None or event.points == 0:
        return await _deliver(new_uow, event, lambda _: None)
    person_id = event.person_id

    def compose(item: ItemFacts | None) -> Message:
        return points_message(
            item, person_id, event.points, event.reason, isinstance(event, PointsReversed)
        )

    return await _deliver(new_uow, event, compose, submission_id=event.submission_id)


async def notify_item_event(
    new_uow: UnitOfWorkFactory,
    event: SubmissionScreened | SubmissionAdopted | InstructionRecorded,
) -> Message | None:
    """The author hears of a return, an adoption or a leader's instruction."""

    def compose(item: ItemFacts | None) -> Message | None:
        if item is None:
            return None
        if isinstance(event, SubmissionScreened):
            returned = event.outcome == ScreeningOutcome.RETURNED
            return returned_message(item, event.reasons) if returned else None
        if isinstance(event, SubmissionAdopted):
            return adopted_message(item, event.publication, event.office_level)
        return instruction_message(item, event.leader_name, event.text)

    return await _deliver(new_uow, event, compose, submission_id=event.submission_id)


async def _deliver(
    new_uow: UnitOfWorkFactory,
    cause: Event,
    compose: Callable[[ItemFacts | None], Message | None],
    *,
    submission_id: str | None = None,
) -> Message | None:
    async with new_uow() as uow:
        if not await uow.claim(cause.event_id):
            return None
        item = await uow.items.get(submission_id) if submission_id else None
        message = compose(item)
        if message is not None:
            await _store_and_announce(uow, cause, message)
        await uow.commit()
    return message


async def _store_and_announce(uow: NotifyUnitOfWork, cause: Event, message: Message) -> None:
    notification_id = f"{cause.event_id}:{message.recipient_id}:{CHANNEL}"
    if await uow.notifications.get(notification_id) is not None:
        return
    delivered = NotificationDelivered.caused_by(
        cause,
        producer=PRODUCER,
        notification_id=notification_id,
        recipient_id=message.recipient_id,
        channel=CHANNEL,
        kind=message.kind,
        submission_id=message.submission_id,
        subject=message.subject,
    )
    await uow.notifications.add(
        {
            "_id": notification_id,
            "recipient_id": message.recipient_id,
            "submission_id": message.submission_id,
            "kind": message.kind,
            "channel": CHANNEL,
            "subject": message.subject,
            "body": message.body,
            "urgent": message.urgent,
            "created_at": delivered.occurred_at,
            "read": False,
        }
    )
    uow.emit(delivered)

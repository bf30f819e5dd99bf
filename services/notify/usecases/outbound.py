"""Sending one composed message: the inbox at once, outside channels as deliveries.

Idempotency key: ``<cause>:<recipient>:<channel>`` — the inbox message and every delivery
of one cause to one person exist at most once. Runs inside the caller's unit of work.
"""

from __future__ import annotations

from datetime import datetime

from services.notify.domain import Delivery, Message, Preferences
from services.notify.domain.preferences import release_at
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases.common import PRODUCER, Cause, NotifyRules
from shared.contracts import NotificationDelivered


async def send_message(
    uow: NotifyUnitOfWork, message: Message, cause: Cause, now: datetime, rules: NotifyRules
) -> bool:
    """Store the inbox message (NotificationDelivered out) and queue e-mail/SMS deliveries,
    held for quiet hours or the weekly digest as the recipient chose. False if seen before."""
    recipient = message.recipient_id
    prefs = await uow.people.get(recipient) or Preferences(recipient)
    base = f"{cause.key}:{recipient}"
    if await uow.notifications.get(f"{base}:inbox") is not None:
        return False
    subject, body = message.text(prefs.language)
    held = prefs.holds_for_digest(message.urgent, message.highlight)
    await uow.notifications.add(
        {
            "_id": f"{base}:inbox",
            "recipient_id": recipient,
            "submission_id": message.submission_id,
            "kind": message.kind,
            "channel": "inbox",
            "subject": subject,
            "body": body,
            "urgent": message.urgent,
            "highlight": message.highlight,
            "created_at": now,
            "read": False,
            "digest_pending": held,
        }
    )
    uow.emit(
        NotificationDelivered(
            producer=PRODUCER,
            correlation_id=cause.correlation_id,
            causation_id=cause.causation_id,
            occurred_at=now,
            notification_id=f"{base}:inbox",
            recipient_id=recipient,
            channel="inbox",
            kind=message.kind,
            submission_id=message.submission_id,
            subject=subject,
        )
    )
    if held:
        return True
    zone = prefs.timezone or rules.timezone
    for channel, address in prefs.external():
        await uow.deliveries.add_new(
            Delivery(
                delivery_id=f"{base}:{channel}",
                channel=channel,
                recipient_id=recipient,
                address=address,
                subject=subject,
                body=body,
                kind=message.kind,
                created_at=now,
                next_attempt_at=release_at(now, prefs.quiet_hours, zone, message.urgent),
                submission_id=message.submission_id,
                urgent=message.urgent,
                quiet_hours=str(prefs.quiet_hours) if prefs.quiet_hours else None,
                timezone=zone,
                cause_event_id=cause.causation_id,
                correlation_id=cause.correlation_id,
                updated_at=now,
            )
        )
    return True

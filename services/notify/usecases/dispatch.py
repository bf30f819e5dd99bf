"""The dispatcher: sends due deliveries through their channels and records each attempt.

A round leases a batch (one short transaction), sends outside any transaction, then
records every outcome in its own transaction: sent → NotificationDelivered; failed →
NotificationFailed and a retry after back-off; the last failure → NotificationFailed
(final=True) and the delivery is dead (listed for an operator, who may replay it).
Webhook deliveries are logged the same way but announce no event (the contract's channels
are inbox, e-mail and SMS).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from datetime import timedelta

from services.notify.domain import Delivery, NotFound, Outcome
from services.notify.domain.delivery import DEAD, SENT
from services.notify.ports import Channel, Outgoing, SecretUnreadable
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases.common import PRODUCER, Deps, is_transient
from services.notify.usecases.feeds import SEALED_SECRET
from shared.contracts import NotificationDelivered, NotificationFailed

ANNOUNCED_CHANNELS = ("email", "sms")


async def dispatch_due(deps: Deps, channels: Mapping[str, Channel], owner: str) -> int:
    """One round: lease what is due, send it, record the outcomes; how many were tried."""
    now = deps.clock()
    try:
        async with deps.new_uow() as uow:
            leased = [
                d.lease(owner, now + timedelta(seconds=deps.rules.lease_seconds))
                for d in await uow.deliveries.due(now, deps.rules.batch)
            ]
            for delivery in leased:
                await uow.deliveries.save(delivery)
            outgoing = [await _outgoing(deps, uow, d) for d in leased]
            await uow.commit()
    except Exception as error:
        if is_transient(error):
            return 0  # another instance leased them first
        raise
    outcomes = await asyncio.gather(*(_attempt(channels, out) for out in outgoing))
    for delivery, (outcome, took_ms) in zip(leased, outcomes, strict=True):
        await _record(deps, delivery.delivery_id, owner, outcome, took_ms)
    return len(leased)


async def replay(deps: Deps, delivery_id: str) -> Delivery:
    """An operator sends a dead delivery again (a fresh round of attempts, starting now)."""
    async with deps.new_uow() as uow:
        delivery = await uow.deliveries.get(delivery_id)
        if delivery is None:
            raise NotFound(f"delivery {delivery_id!r}")
        delivery = delivery.replay(deps.clock())
        await uow.deliveries.save(delivery)
        await uow.commit()
    return delivery


async def _attempt(channels: Mapping[str, Channel], outgoing: Outgoing) -> tuple[Outcome, int]:
    started = time.perf_counter()
    channel = channels.get(outgoing.delivery.channel)
    if channel is None:
        outcome = Outcome(False, "", f"no channel {outgoing.delivery.channel!r}", permanent=True)
    else:
        try:
            outcome = await channel.send(outgoing)
        except Exception as error:  # an adapter bug must not stop the round
            outcome = Outcome(False, "", f"{type(error).__name__}: {error}")
    return outcome, int((time.perf_counter() - started) * 1000)


async def _record(deps: Deps, delivery_id: str, owner: str, outcome: Outcome, took_ms: int) -> None:
    at = deps.clock()
    async with deps.new_uow() as uow:
        current = await uow.deliveries.get(delivery_id)
        if current is None or current.lease_owner != owner or current.final:
            return  # replayed, cancelled or re-leased meanwhile: that round records itself
        updated, attempt = current.record(outcome, at, deps.rules.retry, took_ms)
        await uow.deliveries.save(updated)
        await uow.attempts.add(attempt, updated.channel, updated.recipient_id)
        if updated.channel in ANNOUNCED_CHANNELS:
            uow.emit(_announcement(updated, attempt.number))
        await uow.commit()


def _announcement(d: Delivery, attempt: int) -> NotificationDelivered | NotificationFailed:
    envelope = {
        "producer": PRODUCER,
        "correlation_id": d.correlation_id or d.delivery_id,
        "causation_id": d.cause_event_id,
        "occurred_at": d.updated_at,
        "notification_id": d.delivery_id,
        "recipient_id": d.recipient_id,
        "channel": d.channel,
    }
    if d.status == SENT:
        return NotificationDelivered(
            **envelope, kind=d.kind, submission_id=d.submission_id, subject=d.subject
        )
    return NotificationFailed(**envelope, attempt=attempt, error=d.last_error[:500], final=d.status == DEAD)


async def _outgoing(deps: Deps, uow: NotifyUnitOfWork, delivery: Delivery) -> Outgoing:
    """The delivery with its agency's webhook secret, unsealed (webhooks only)."""
    if delivery.channel != "webhook":
        return Outgoing(delivery)
    agency = await uow.agencies.get(delivery.recipient_id) or {}
    sealed = agency.get(SEALED_SECRET)
    if not sealed:
        return Outgoing(delivery, secret_problem=f"agency {delivery.recipient_id!r} has no webhook secret")
    try:
        return Outgoing(delivery, deps.box.unseal(sealed))
    except SecretUnreadable as error:
        return Outgoing(delivery, secret_problem=f"the webhook secret of {delivery.recipient_id!r}: {error}")

"""The weekly digest: people who chose it get one message listing what waited for them.

Idempotency key: ``digest:<person>:<slot date>`` — one digest per person per week, however
often the tick runs or however many instances run it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.notify.domain import Delivery, Preferences
from services.notify.domain.notices import DigestLine, digest_message, digest_slot
from services.notify.domain.preferences import release_at
from services.notify.usecases.common import Deps, each_isolated


async def make_due_digests(deps: Deps) -> int:
    """Scheduler tick: a digest for every reader whose weekly slot has passed; how many sent."""
    now = deps.clock()
    async with deps.new_uow() as uow:
        readers = await uow.people.digest_readers()
    rules = deps.rules
    due = [
        prefs.person_id
        for prefs, last in readers
        if last is None
        or last < digest_slot(now, prefs.timezone or rules.timezone, rules.digest_weekday, rules.digest_hour)
    ]
    made = await each_isolated(due, lambda person_id: _digest(deps, person_id, now))
    return sum(made)


async def _digest(deps: Deps, person_id: str, now: datetime) -> int:
    async with deps.new_uow() as uow:
        prefs = await uow.people.get(person_id)
        if prefs is None:
            return 0
        zone = prefs.timezone or deps.rules.timezone
        slot = digest_slot(now, zone, deps.rules.digest_weekday, deps.rules.digest_hour)
        waiting = await uow.notifications.waiting_for_digest(person_id)
        made = 0
        if waiting and prefs.external():
            await uow.deliveries.add_new(_delivery(prefs, waiting, slot, now, zone))
            for notification in waiting:
                await uow.notifications.add(
                    {
                        **notification,
                        "digest_pending": False,
                        "digest_id": f"digest:{person_id}:{slot:%Y%m%d}",
                    }
                )
            made = 1
        await uow.people.mark_digest(person_id, slot)
        await uow.commit()
    return made


def _delivery(
    prefs: Preferences, waiting: list[dict[str, Any]], slot: datetime, now: datetime, zone: str
) -> Delivery:
    lines = [DigestLine(n["subject"], n["created_at"], n.get("highlight", False)) for n in waiting]
    message = digest_message(prefs.person_id, prefs.name, lines, prefs.language or "zh")
    subject, body = message.text(prefs.language)
    external = dict(prefs.external())
    channel = "email" if "email" in external else next(iter(external))
    address = external[channel]
    key = f"digest:{prefs.person_id}:{slot:%Y%m%d}"
    return Delivery(
        delivery_id=f"{key}:{channel}",
        channel=channel,
        recipient_id=prefs.person_id,
        address=address,
        subject=subject,
        body=body,
        kind="digest",
        created_at=now,
        next_attempt_at=release_at(now, prefs.quiet_hours, zone, False),
        quiet_hours=str(prefs.quiet_hours) if prefs.quiet_hours else None,
        timezone=zone,
        correlation_id=key,
        updated_at=now,
    )

"""Feeds to other agencies: agencies and subscriptions, offering items, the pull feed.

An item is offered to every agency whose subscription matches, once per (agency, item):
entry ``<agency>:<item>`` with the next number of the agency's sequence, a
FeedItemPublished on ``notify.feed.<agency>.v1`` through the outbox, and a signed webhook
delivery ``feed:<agency>:<item>:webhook`` — all in the caller's transaction.

An item withdrawn, marked sensitive (in intake) or blocked after it went out is retracted
from each agency that had it, the same three ways: a retraction entry in the pull feed (the
agency's next number), FeedItemRetracted on its topic, and a signed webhook
``feed:<agency>:<item>:retraction``. A webhook of the item not yet tried is cancelled
instead (the agency never had it). The original entry stays, unserved, so the item is never
offered to that agency again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from services.notify.domain import Delivery, NotFound, Subscription, Unauthorized
from services.notify.domain.delivery import CANCELLED
from services.notify.domain.errors import Conflict, Invalid, Unavailable
from services.notify.domain.feeds import (
    RetractionReason,
    check_agency_id,
    decode_cursor,
    encode_cursor,
    feed_topic,
    json_feed_item,
    json_feed_retraction,
    matches,
    releasable,
)
from services.notify.domain.signing import hash_api_key
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases.common import PRODUCER, Cause, Deps
from shared.contracts import FeedItemPublished, FeedItemRetracted, new_id
from shared.messaging.topics import TopicSpec

DELIVERY_WAYS = ("pull", "kafka", "webhook")
SEALED_SECRET = "webhook_secret_sealed"
"""The agency document's field holding its webhook secret, sealed (never in plain text)."""


@dataclass(frozen=True)
class NewAgency:
    agency: dict[str, Any]
    api_key: str
    webhook_secret: str | None


@dataclass(frozen=True)
class FeedPage:
    agency: dict[str, Any]
    items: list[dict[str, Any]]
    cursor: str
    next_cursor: str
    has_more: bool


async def register_agency(
    deps: Deps, agency_id: str, name: str, delivery: list[str], webhook_url: str | None
) -> NewAgency:
    """A new agency; its API key and webhook secret are returned once (the key is kept
    hashed, the secret sealed with the secrets key: notify must sign with it later)."""
    check_agency_id(agency_id)
    if webhook_url:
        if not webhook_url.startswith("https://") and not deps.rules.webhook_allow_http:
            raise Invalid("webhook_url", "webhooks go over HTTPS (NOTIFY_WEBHOOK_ALLOW_HTTP: local tests)")
        await deps.targets.check(webhook_url)
    api_key, secret = _new_key(), (secrets.token_urlsafe(32) if webhook_url else None)
    agency = {
        "_id": agency_id,
        "name": name,
        "delivery": sorted(set(delivery) | {"pull"}),
        "webhook_url": webhook_url,
        SEALED_SECRET: deps.box.seal(secret) if secret else None,
        "api_key_hash": hash_api_key(api_key),
        "topic": feed_topic(agency_id),
        "created_at": deps.clock(),
    }
    async with deps.new_uow() as uow:
        await _refuse_existing(uow, agency_id)  # before its topic is touched
    if "kafka" in agency["delivery"]:
        spec = feed_topic_spec(deps, agency_id)
        try:
            await deps.topics.ensure(spec)
        except Exception as error:
            why = f"the agency's Kafka topic {spec.name} could not be created: {error}"
            raise Unavailable(why) from error
    async with deps.new_uow() as uow:
        await _refuse_existing(uow, agency_id)  # again: another request may have saved it since
        await uow.agencies.save(agency)
        await uow.commit()
    return NewAgency(agency, api_key, secret)


def feed_topic_spec(deps: Deps, agency_id: str) -> TopicSpec:
    """The agency's topic as the settings want it: created before the agency is saved, so
    its first entry never meets the brokers' auto-creation (and its defaults)."""
    rules = deps.rules
    return TopicSpec(
        feed_topic(agency_id),
        rules.feed_topic_partitions,
        rules.feed_topic_retention_ms,
        rules.feed_topic_replication,
    )


async def rotate_key(deps: Deps, agency_id: str) -> str:
    """A new API key for the agency; the old one stops working at once."""
    api_key = _new_key()
    async with deps.new_uow() as uow:
        agency = await _agency(uow, agency_id)
        await uow.agencies.save({**agency, "api_key_hash": hash_api_key(api_key)})
        await uow.commit()
    return api_key


async def add_subscription(deps: Deps, sub: Subscription) -> Subscription:
    """What the agency wants from now on (items already published are not back-filled)."""
    sub = replace(sub, subscription_id=sub.subscription_id or secrets.token_hex(8))
    async with deps.new_uow() as uow:
        await _agency(uow, sub.agency_id)
        await uow.subscriptions.add(sub, deps.clock())
        await uow.commit()
    return sub


async def set_release(deps: Deps, submission_id: str, cleared: bool | None) -> dict[str, Any]:
    """An office clears an item for release (offered to agencies now), blocks it (retracted
    from agencies that have it) or goes back to the default (adopted means cleared).
    Sensitivity is decided in intake and arrives with the item's events."""
    now = deps.clock()
    cause = Cause(f"release:{submission_id}", new_id(), None)
    async with deps.new_uow() as uow:
        await uow.items.update(submission_id, cleared=cleared, release_set_at=now)
        retracted = await retract(uow, submission_id, "withheld", cause, now) if cleared is False else []
        offered = await offer(uow, submission_id, cause, now)
        await uow.commit()
    return {
        "submission_id": submission_id,
        "cleared": cleared,
        "retracted_from": retracted,
        "offered_to": offered,
    }


async def retract(
    uow: NotifyUnitOfWork, submission_id: str, reason: RetractionReason, cause: Cause, now: datetime
) -> list[str]:
    """Take the item back from every agency whose feed carries it; returns those agencies."""
    retracted = []
    for entry in await uow.feed_entries.live(submission_id):
        agency_id = entry["agency_id"]
        agency = await uow.agencies.get(agency_id) or {"delivery": ["pull"]}
        seq = await uow.counters.next(f"feed:{agency_id}")
        retraction = json_feed_retraction(submission_id, seq, entry["seq"], reason, now)
        await uow.feed_entries.retract(entry, seq, retraction, now)
        event = FeedItemRetracted(
            producer=PRODUCER,
            correlation_id=cause.correlation_id,
            causation_id=cause.causation_id,
            occurred_at=now,
            agency_id=agency_id,
            seq=seq,
            retracts_seq=entry["seq"],
            submission_id=submission_id,
            reason=reason,
            item=retraction,
        )
        went_out = await _webhook_went_out(uow, agency_id, submission_id, now)
        await _send(uow, agency, event, "retraction", cause, now, webhook=went_out)
        retracted.append(agency_id)
    return retracted


async def _webhook_went_out(uow: NotifyUnitOfWork, agency_id: str, submission_id: str, now: datetime) -> bool:
    """Did (or may) the item's webhook reach the agency? One never tried is cancelled: no."""
    delivery = await uow.deliveries.get(f"feed:{agency_id}:{submission_id}:webhook")
    if delivery is None:
        return False
    if delivery.final:
        return delivery.status != CANCELLED
    if delivery.attempts == 0 and delivery.lease_owner is None:
        await uow.deliveries.save(delivery.cancel(now, "retracted before it was sent"))
        return False
    await uow.deliveries.save(delivery.cancel(now, "retracted: a retraction follows"))
    return True  # tried, or being tried: the agency may have it


async def _send(
    uow: NotifyUnitOfWork, agency: dict[str, Any], event: FeedItemPublished | FeedItemRetracted,
    name: str, cause: Cause, now: datetime, *, webhook: bool = True,
) -> None:
    """``event`` to the agency's topic (kafka delivery) and as a signed webhook
    ``feed:<agency>:<item>:<name>`` (webhook delivery; signed when it is sent)."""
    if "kafka" in agency["delivery"]:
        uow.emit(event, topic=agency["topic"])
    if not (webhook and "webhook" in agency["delivery"] and agency.get("webhook_url")):
        return
    kind = "feed.retraction" if isinstance(event, FeedItemRetracted) else "feed.item"
    await uow.deliveries.add_new(
        Delivery(
            delivery_id=f"feed:{agency['_id']}:{event.submission_id}:{name}",
            channel="webhook",
            recipient_id=agency["_id"],
            address=agency["webhook_url"],
            subject=event.type,
            body=event.model_dump_json(),
            kind=kind,
            created_at=now,
            next_attempt_at=now,
            submission_id=event.submission_id,
            urgent=True,
            cause_event_id=cause.causation_id,
            correlation_id=cause.correlation_id,
            updated_at=now,
        )
    )


async def offer(uow: NotifyUnitOfWork, submission_id: str, cause: Cause, now: datetime) -> list[str]:
    """Put the item into every matching agency's feed it is not yet in; returns those agencies."""
    item = await uow.items.feed_item(submission_id)
    if not releasable(item):
        return []
    wanted = sorted({s.agency_id for s in await uow.subscriptions.all() if matches(s, item)})
    published = []
    for agency_id in wanted:
        agency = await uow.agencies.get(agency_id)
        if agency is None or await uow.feed_entries.exists(agency_id, submission_id):
            continue
        seq = await uow.counters.next(f"feed:{agency_id}")
        entry = json_feed_item(item, seq, now)
        await uow.feed_entries.add(agency_id, submission_id, seq, entry, now)
        event = FeedItemPublished(
            producer=PRODUCER,
            correlation_id=cause.correlation_id,
            causation_id=cause.causation_id,
            occurred_at=now,
            agency_id=agency_id,
            seq=seq,
            submission_id=submission_id,
            item=entry,
        )
        await _send(uow, agency, event, "webhook", cause, now)
        published.append(agency_id)
    return published


async def read_feed(
    deps: Deps, agency_id: str, api_key: str | None, cursor: str | None, limit: int
) -> FeedPage:
    """A page of the agency's feed after ``cursor``; entries withheld later are skipped but
    still move the cursor, so paging never shows an entry twice nor skips one."""
    async with deps.new_uow() as uow:
        agency = await authenticate(uow, agency_id, api_key)
        after = decode_cursor(agency_id, cursor)
        rows = await uow.feed_entries.after(agency_id, after, limit + 1)
    page = rows[:limit]
    last = page[-1]["seq"] if page else after
    items = [row["item"] for row in page if not row.get("withheld")]
    return FeedPage(
        agency, items, encode_cursor(agency_id, after), encode_cursor(agency_id, last), len(rows) > limit
    )


async def authenticate(uow: NotifyUnitOfWork, agency_id: str, api_key: str | None) -> dict[str, Any]:
    if not api_key:
        raise Unauthorized("an API key is required (X-Api-Key or Authorization: Bearer)")
    agency = await uow.agencies.by_key_hash(hash_api_key(api_key))
    if agency is None:
        raise Unauthorized("unknown API key")
    if agency["_id"] != agency_id:
        raise Unauthorized(f"this key does not open the feed of {agency_id!r}", forbidden=True)
    return agency


async def _refuse_existing(uow: NotifyUnitOfWork, agency_id: str) -> None:
    if await uow.agencies.get(agency_id) is not None:
        raise Conflict(f"agency {agency_id!r} exists")


async def _agency(uow: NotifyUnitOfWork, agency_id: str) -> dict[str, Any]:
    agency = await uow.agencies.get(agency_id)
    if agency is None:
        raise NotFound(f"agency {agency_id!r}")
    return agency


def _new_key() -> str:
    return "xbk_" + secrets.token_urlsafe(32)

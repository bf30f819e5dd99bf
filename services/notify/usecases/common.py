"""What every notify use case is given, and the cause a message is keyed by."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from pymongo.errors import PyMongoError

from services.notify.domain import ReminderSchedule, RetryPolicy
from services.notify.ports import SecretBox, TargetCheck
from services.notify.repositories import NotifyUnitOfWork
from shared.contracts import Event
from shared.contracts.bulletin_rules import BulletinRuleBook
from shared.messaging.topics import TopicAdmin

PRODUCER = "notify"
UnitOfWorkFactory = Callable[[], NotifyUnitOfWork]
Clock = Callable[[], datetime]
T = TypeVar("T")
log = logging.getLogger("xinbao.notify")


@dataclass(frozen=True)
class NotifyRules:
    """Office-wide rules from the settings: zone, retries, reminders, digest, batching, bulletins."""

    timezone: str = "Asia/Shanghai"
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    schedule: ReminderSchedule = field(default_factory=ReminderSchedule)
    digest_weekday: int = 0
    digest_hour: int = 9
    lease_seconds: float = 120.0
    batch: int = 20
    webhook_allow_http: bool = False
    """Plain-HTTP webhook URLs (local testing only); agencies get HTTPS otherwise."""
    feed_topic_partitions: int = 3
    feed_topic_retention_ms: int = 30 * 24 * 3_600_000
    feed_topic_replication: int = 1
    bulletins: BulletinRuleBook = field(default_factory=BulletinRuleBook)
    """How each office's bulletins count, rank and commend (its policy file; defaults otherwise)."""


@dataclass(frozen=True)
class Deps:
    """The unit-of-work factory, the clock, the rules, the box that seals secrets at rest
    the check of webhook targets and the admin that creates agencies' topics (built once in
    create_app)."""

    new_uow: UnitOfWorkFactory
    clock: Clock
    rules: NotifyRules = field(default_factory=NotifyRules)
    box: SecretBox = field(kw_only=True)
    targets: TargetCheck = field(kw_only=True)
    topics: TopicAdmin = field(kw_only=True)


@dataclass(frozen=True)
class Cause:
    """Why a message exists: ``key`` prefixes its ids (``<key>:<recipient>:<channel>``)."""

    key: str
    correlation_id: str
    causation_id: str | None

    @classmethod
    def of(cls, event: Event) -> Cause:
        return cls(event.event_id, event.correlation_id, event.event_id)


def is_transient(error: BaseException) -> bool:
    """A write conflict with another instance, or a database hiccup: try again later."""
    return isinstance(error, PyMongoError) and (
        error.has_error_label("TransientTransactionError") or error.has_error_label("RetryableWriteError")
    )


async def each_isolated(keys: list[str], step: Callable[[str], Awaitable[T]]) -> list[T]:
    """Run ``step`` per key, each in its own transaction; a transient failure skips that
    key until the next round, so one conflict never blocks the others."""
    done: list[T] = []
    for key in keys:
        try:
            done.append(await step(key))
        except Exception as error:
            if not is_transient(error):
                raise
            log.info("skipped after a transient conflict", extra={"key": key})
    return done

"""Deliveries through outside channels (e-mail, SMS, webhooks) and their retries. Pure.

A delivery is one (cause, recipient, channel); its id ``<cause>:<recipient>:<channel>``
makes it happen once in effect. Life: pending → sent, or → failed (a retry is scheduled
with exponential back-off) → … → dead after the last attempt (the dead-letter store), from
where an operator may replay it (back to pending, a fresh round of attempts). A delivery
of something withdrawn from release is cancelled and never replays.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from services.notify.domain.errors import Conflict
from services.notify.domain.preferences import QuietHours, release_at

PENDING, SENT, FAILED, DEAD, CANCELLED = "pending", "sent", "failed", "dead", "cancelled"
DUE_STATUSES = (PENDING, FAILED)


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts per round and the back-off between them (base·2^(n-1), capped)."""

    max_attempts: int = 6
    base_seconds: float = 30.0
    max_seconds: float = 3600.0

    def delay(self, attempt: int) -> timedelta:
        """Wait after failed attempt number ``attempt`` (1-based) of a round."""
        return timedelta(seconds=min(self.base_seconds * 2 ** (attempt - 1), self.max_seconds))


@dataclass(frozen=True)
class Outcome:
    """What a channel adapter reports for one attempt."""

    ok: bool
    detail: str = ""
    """Channel's answer, e.g. '250 OK' or 'HTTP 500'."""
    error: str = ""
    permanent: bool = False
    """Retrying cannot help (address refused, 4xx from a webhook): dead at once."""


@dataclass(frozen=True)
class Attempt:
    """One try, kept in the delivery log."""

    delivery_id: str
    number: int
    at: datetime
    ok: bool
    detail: str
    error: str
    duration_ms: int


@dataclass(frozen=True)
class Delivery:
    """A message (or feed entry) on its way to one address through one channel."""

    delivery_id: str
    channel: str
    recipient_id: str
    address: str
    subject: str
    body: str
    kind: str
    created_at: datetime
    next_attempt_at: datetime
    submission_id: str | None = None
    urgent: bool = False
    quiet_hours: str | None = None
    timezone: str = "Asia/Shanghai"
    cause_event_id: str | None = None
    correlation_id: str = ""
    status: str = PENDING
    attempts: int = 0
    round_attempts: int = 0
    replays: int = 0
    last_error: str = ""
    lease_owner: str | None = None
    updated_at: datetime | None = None

    def lease(self, owner: str, until: datetime) -> Delivery:
        """Taken by one dispatcher: nobody else picks it up before ``until``."""
        return replace(self, lease_owner=owner, next_attempt_at=until)

    def record(
        self, outcome: Outcome, at: datetime, policy: RetryPolicy, duration_ms: int = 0
    ) -> tuple[Delivery, Attempt]:
        """The delivery after one attempt, and the attempt for the log."""
        number = self.attempts + 1
        tries = self.round_attempts + 1
        attempt = Attempt(
            self.delivery_id, number, at, outcome.ok, outcome.detail, outcome.error, duration_ms
        )
        if outcome.ok:
            return self._tried(at, tries, status=SENT, error=""), attempt
        if outcome.permanent or tries >= policy.max_attempts:
            return self._tried(at, tries, status=DEAD, error=outcome.error), attempt
        retry_at = at + policy.delay(tries)
        quiet = QuietHours.parse(self.quiet_hours) if self.quiet_hours else None
        retry_at = release_at(retry_at, quiet, self.timezone, self.urgent)
        return self._tried(at, tries, status=FAILED, error=outcome.error, retry_at=retry_at), attempt

    def _tried(
        self, at: datetime, tries: int, *, status: str, error: str, retry_at: datetime | None = None
    ) -> Delivery:
        return replace(
            self,
            status=status,
            last_error=error,
            attempts=self.attempts + 1,
            round_attempts=tries,
            lease_owner=None,
            updated_at=at,
            next_attempt_at=retry_at or self.next_attempt_at,
        )

    def replay(self, now: datetime) -> Delivery:
        """An operator sends a dead (or failing) delivery again: a new round starts now."""
        if self.status not in (DEAD, FAILED):
            raise Conflict(f"delivery {self.delivery_id} is {self.status}; only dead or failed ones replay")
        return replace(
            self,
            status=PENDING,
            round_attempts=0,
            replays=self.replays + 1,
            next_attempt_at=now,
            lease_owner=None,
            updated_at=now,
        )

    def cancel(self, now: datetime, reason: str) -> Delivery:
        """Stop a delivery that must not go out any more."""
        return replace(self, status=CANCELLED, last_error=reason, lease_owner=None, updated_at=now)

    @property
    def final(self) -> bool:
        """True once nothing more will be tried without an operator."""
        return self.status in (SENT, DEAD, CANCELLED)

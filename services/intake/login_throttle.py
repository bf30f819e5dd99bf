"""Log-in throttling: limits that slow password guessing but cannot lock the owner out.

Sliding windows kept in this instance's memory and timed by the service's clock:

* **account and address**: ``max_failures`` wrong passwords for one account from one address
  within ``lockout`` and that address may not try that account again until the oldest of them
  is ``lockout`` old. The owner at another address is not affected.
* **address**: ``address_failures`` wrong passwords from one address (any accounts) within
  ``lockout`` stop that address (password spraying); ``attempts_per_minute`` attempts from one
  address a minute, good ones too, keep bcrypt from being a CPU sink (generous: a whole office
  behind one NAT address logs in at nine, the demo loader logs in everyone at once).
* **account**: ``account_failures`` wrong passwords for one account within an hour from
  addresses it has not logged in from stop further tries from such addresses (guessing spread
  over many addresses); an address the owner logged in from during ``remember`` keeps working.

A refused attempt is not counted, so every refusal ends on time however long someone keeps
trying. Refusals raise :class:`LoginThrottled` (HTTP 429 with ``Retry-After``). With several
replicas each keeps its own windows: the limits hold per replica.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.intake.domain import LoginRefused
from services.intake.settings import IntakeSettings

__all__ = ["LoginThrottle", "LoginThrottled", "ThrottlePolicy", "install", "policy_of"]

_log = logging.getLogger(__name__)
_MAX_KEYS = 100_000
_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)
_KNOWN_PER_ACCOUNT = 16


class LoginThrottled(Exception):
    """Too many attempts: try again in ``retry_after`` seconds."""

    def __init__(self, retry_after: int, reason: str) -> None:
        super().__init__(f"too many log-in attempts {reason}; try again in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class ThrottlePolicy:
    """The limits (see the module's docstring)."""

    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    address_failures: int = 30
    attempts_per_minute: int = 300
    account_failures: int = 100
    remember: timedelta = timedelta(days=30)


def policy_of(settings: IntakeSettings) -> ThrottlePolicy:
    """The limits the settings ask for."""
    return ThrottlePolicy(
        max_failures=settings.max_login_failures,
        lockout=timedelta(minutes=settings.lockout_minutes),
        address_failures=settings.login_failures_per_address,
        attempts_per_minute=settings.login_attempts_per_minute,
        account_failures=settings.login_failures_per_account,
    )


class _Window:
    """At most ``limit`` events per key within ``span``."""

    def __init__(self, limit: int, span: timedelta) -> None:
        self.limit, self.span = limit, span
        self.events: dict[Hashable, deque[datetime]] = {}

    def wait(self, key: Hashable, now: datetime) -> float:
        """Seconds until ``key`` may act again (0: now)."""
        events = self._current(key, now)
        if events is None or len(events) < self.limit:
            return 0.0
        return (events[-self.limit] + self.span - now).total_seconds()

    def add(self, key: Hashable, now: datetime) -> bool:
        """Count an event; True when it fills the window."""
        events = self._current(key, now)
        if events is None:
            if len(self.events) >= _MAX_KEYS:
                self._forget(now)
            events = self.events[key] = deque(maxlen=self.limit)
        events.append(now)
        return len(events) >= self.limit

    def _current(self, key: Hashable, now: datetime) -> deque[datetime] | None:
        events = self.events.get(key)
        while events and events[0] <= now - self.span:
            events.popleft()
        if events is not None and not events:
            del self.events[key]
            return None
        return events

    def _forget(self, now: datetime) -> None:
        for key in [k for k, e in self.events.items() if e[-1] <= now - self.span]:
            del self.events[key]
        while len(self.events) >= _MAX_KEYS:
            del self.events[next(iter(self.events))]


class LoginThrottle:
    """The windows of one instance; ``attempt`` wraps each log-in."""

    def __init__(self, policy: ThrottlePolicy = ThrottlePolicy()) -> None:
        self.policy = policy
        self.pair = _Window(policy.max_failures, policy.lockout)
        self.address = _Window(policy.address_failures, policy.lockout)
        self.rate = _Window(policy.attempts_per_minute, _MINUTE)
        self.account = _Window(policy.account_failures, _HOUR)
        self.known: dict[str, dict[str, datetime]] = {}

    @asynccontextmanager
    async def attempt(self, account: str, address: str, now: datetime) -> AsyncIterator[None]:
        """Refuse (LoginThrottled) before the password is checked, then count the outcome."""
        self.check(account, address, now)
        try:
            yield
        except LoginRefused:
            self.failed(account, address, now)
            raise
        self.succeeded(account, address, now)

    def check(self, account: str, address: str, now: datetime) -> None:
        """LoginThrottled when this address may not try this account now."""
        waits = [
            (self.rate.wait(address, now), "from this address"),
            (self.pair.wait((account, address), now), "for this account from this address"),
            (self.address.wait(address, now), "from this address"),
        ]
        if not self._known(account, address, now):
            waits.append((self.account.wait(account, now), "for this account from new addresses"))
        seconds, reason = max(waits)
        if seconds > 0:
            raise LoginThrottled(max(1, math.ceil(seconds)), reason)
        self.rate.add(address, now)

    def failed(self, account: str, address: str, now: datetime) -> None:
        """Count a wrong password."""
        if self.pair.add((account, address), now):
            _log.warning("log-in of %r from %s paused after %d failures", account, address,
                         self.policy.max_failures)
        if self.address.add(address, now):
            _log.warning("log-ins from %s paused after %d failures", address,
                         self.policy.address_failures)
        if not self._known(account, address, now) and self.account.add(account, now):
            _log.warning("log-ins of %r from new addresses paused after %d failures", account,
                         self.policy.account_failures)

    def succeeded(self, account: str, address: str, now: datetime) -> None:
        """Remember the address as the account's own."""
        known = self.known.pop(account, {})
        known = {a: at for a, at in known.items() if at > now - self.policy.remember}
        known[address] = now
        self.known[account] = dict(sorted(known.items(), key=lambda e: e[1])[-_KNOWN_PER_ACCOUNT:])
        if len(self.known) > _MAX_KEYS:
            del self.known[next(iter(self.known))]

    def _known(self, account: str, address: str, now: datetime) -> bool:
        seen = self.known.get(account, {}).get(address)
        return seen is not None and seen > now - self.policy.remember


def install(app: FastAPI) -> None:
    """Answer LoginThrottled with 429 and Retry-After."""

    @app.exception_handler(LoginThrottled)
    async def throttled(_: Request, error: LoginThrottled) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)}, status_code=429, headers={"Retry-After": str(error.retry_after)}
        )

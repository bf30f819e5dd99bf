"""Time as a port: every service reads "now" from a clock it was given, never from the wall.

A :data:`Clock` is any zero-argument callable returning a timezone-aware datetime.
Production uses :func:`system_clock`; tests hand a :class:`SettableClock` to ``create_app``
and move it explicitly. Calendar questions (which month, which day) are asked in the
office's zone, Beijing time unless configured: 2026-11-30 16:30 UTC is already
1 December in Beijing, so an item submitted then counts for December.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "OFFICE_TIMEZONE",
    "Clock",
    "SettableClock",
    "local_date",
    "month_of",
    "system_clock",
]

Clock = Callable[[], datetime]
"""Returns the current moment, timezone-aware."""

OFFICE_TIMEZONE = "Asia/Shanghai"
"""The zone periods and deadlines are computed in when an office configures none."""


def system_clock() -> datetime:
    """The machine's current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class SettableClock:
    """A clock that stands still until told otherwise; the one tests pass to services."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("SettableClock needs a timezone-aware datetime")
        self._now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (timezone-aware)."""
        if moment.tzinfo is None:
            raise ValueError("SettableClock needs a timezone-aware datetime")
        self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**parts)``; returns the new now."""
        self._now += delta if delta is not None else timedelta(**parts)
        return self._now


def local_date(moment: datetime, zone: str = OFFICE_TIMEZONE) -> date:
    """The calendar date of ``moment`` on the office's clock."""
    return moment.astimezone(ZoneInfo(zone)).date()


def month_of(moment: datetime, zone: str = OFFICE_TIMEZONE) -> str:
    """The monthly period ('2026-12') that ``moment`` falls in on the office's clock."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.year:04d}-{local.month:02d}"

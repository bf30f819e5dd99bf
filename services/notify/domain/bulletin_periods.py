"""Bulletin periods: a month ('2026-11'), a quarter ('2026-Q4') or a year ('2026'); which
ones are due on a day, the months they cover, their last day, how an issue is numbered. Pure."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from services.notify.bulletins.model import BulletinKind, Language
from services.notify.domain.errors import Invalid
from services.notify.domain.reminders import period_months

_KIND_OF_PERIOD: tuple[tuple[BulletinKind, re.Pattern[str]], ...] = (
    ("monthly", re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")),
    ("quarterly", re.compile(r"^\d{4}-Q[1-4]$")),
    ("annual", re.compile(r"^\d{4}$")),
)


def kind_of(period: str) -> BulletinKind:
    """'2026-11' → monthly, '2026-Q4' → quarterly, '2026' → annual."""
    for kind, pattern in _KIND_OF_PERIOD:
        if pattern.match(period):
            return kind
    raise Invalid("period", f"not a period: {period!r}")


def last_completed(kind: BulletinKind, today: date) -> tuple[str, date]:
    """The latest period of ``kind`` that ended before ``today``, and its first day after."""
    if kind == "annual":
        return str(today.year - 1), date(today.year, 1, 1)
    if kind == "quarterly":
        first_month = (today.month - 1) // 3 * 3 + 1
        index = today.year * 12 + first_month - 1 - 3
        return f"{index // 12}-Q{index % 12 // 3 + 1}", date(today.year, first_month, 1)
    index = today.year * 12 + today.month - 2
    return f"{index // 12}-{index % 12 + 1:02d}", date(today.year, today.month, 1)


def due_periods(kinds: tuple[BulletinKind, ...], today: date, since: date) -> list[tuple[BulletinKind, str]]:
    """Periods whose bulletin is due on ``today`` for a schedule chosen on ``since``: the
    last completed one of each kind, if it ended after the office opted in."""
    due = []
    for kind in kinds:
        period, after = last_completed(kind, today)
        if after > since:
            due.append((kind, period))
    return due


def months_of(period: str) -> tuple[str, ...]:
    """The months ('YYYY-MM') a period covers."""
    first, last = period_months(period)
    return tuple(f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, last + 1))


def number_text(language: Language, year: int, n: int) -> str:
    """'2026年第3期' or 'No. 3, 2026'."""
    return f"{year}年第{n}期" if language == "zh" else f"No. {n}, {year}"




def last_day(period: str) -> date:
    """The last day of a period: the day whose policy version judges it (the first day there is
    for a period of the year 0, which the calendar does not have)."""
    year, month = divmod(period_months(period)[1], 12)
    if year < date.min.year:
        return date.min
    return date(year, month + 1, monthrange(year, month + 1)[1])

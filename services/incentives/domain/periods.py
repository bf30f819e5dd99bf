"""Assessment periods ('2026', '2026-Q4', '2026-11'): the period of a moment, and nesting."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from shared.contracts.vocabulary import PeriodKind

_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")


@lru_cache(maxsize=4096)
def kind_of(period: str) -> PeriodKind:
    """Whether ``period`` is a month, a quarter or a year."""
    _, month, quarter = _parts(period)
    if month:
        return PeriodKind.MONTH
    return PeriodKind.QUARTER if quarter else PeriodKind.YEAR


def year_of(period: str) -> str:
    """The year a period belongs to: '2026-11' -> '2026'."""
    return period[:4]


def quarter_of(period: str) -> str | None:
    """The quarter a month or quarter belongs to ('2026-11' -> '2026-Q4'); None for a year."""
    year, month, quarter = _parts(period)
    if month:
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-Q{quarter}" if quarter else None


def enclosing(period: str, kind: PeriodKind) -> str:
    """The period of ``kind`` that contains ``period`` (a month's year, a month's quarter…)."""
    if kind is PeriodKind.YEAR:
        return year_of(period)
    if kind is PeriodKind.QUARTER:
        return quarter_of(period) or period
    return period


@lru_cache(maxsize=16384)
def contains(outer: str, inner: str) -> bool:
    """True when ``inner`` lies within ``outer``: '2026' contains '2026-Q4' and '2026-11'."""
    if outer == inner:
        return True
    outer_kind = kind_of(outer)
    if outer_kind is PeriodKind.YEAR:
        return inner[:4] == outer
    if outer_kind is PeriodKind.QUARTER:
        return kind_of(inner) is PeriodKind.MONTH and quarter_of(inner) == outer
    return False


def month_of(moment: datetime, utc_offset_hours: int) -> str:
    """The month '2026-11' in which ``moment`` falls, on the office's local clock."""
    local = moment.astimezone(timezone(timedelta(hours=utc_offset_hours)))
    return f"{local.year:04d}-{local.month:02d}"


def local_date(moment: datetime, utc_offset_hours: int) -> date:
    """The office's local calendar date of ``moment``."""
    return moment.astimezone(timezone(timedelta(hours=utc_offset_hours))).date()


def last_day(period: str) -> date:
    """The last calendar day of ``period``: '2026-11' -> 2026-11-30, '2026-Q1' -> 2026-03-31."""
    year, month, quarter = _parts(period)
    last_month = month or (quarter * 3 if quarter else 12)
    return date(year, last_month, calendar.monthrange(year, last_month)[1])


def is_over(period: str, moment: datetime, utc_offset_hours: int) -> bool:
    """True once ``period`` has ended on the office's local calendar at ``moment``."""
    return last_day(period) < local_date(moment, utc_offset_hours)


def _parts(period: str) -> tuple[int, int, int]:
    match = _PERIOD.match(period)
    if match is None:
        raise ValueError(f"not a period: {period!r} (expected '2026', '2026-Q4' or '2026-11')")
    year, month, quarter = match.groups()
    return int(year), int(month or 0), int(quarter or 0)

"""From the bulletin projection to a bulletin's facts (:class:`BulletinData`). Pure.

The projection keeps one fact row per item and per ledger entry, each tagged with the
month it counts for; here they are summed per unit over the period, ranked within each
unit class by points (ties share a rank), and judged: the top three of a class with
points are commended; a unit is criticised for submitting nothing, for a poor-band share
of at least half (with at least two items), or for any item returned as inaccurate.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from services.notify.bulletins.model import (
    BulletinData,
    BulletinKind,
    Commendation,
    Criticism,
    CriticismReason,
    ItemRow,
    Language,
    TrendPoint,
    UnitRow,
)
from services.notify.domain.errors import Invalid
from services.notify.domain.reminders import period_months

HIGH_LEVELS = ("national", "province", "city")
"""Adoptions at these levels make an item outstanding."""
_KIND_OF_PERIOD: tuple[tuple[BulletinKind, re.Pattern[str]], ...] = (
    ("monthly", re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")),
    ("quarterly", re.compile(r"^\d{4}-Q[1-4]$")),
    ("annual", re.compile(r"^\d{4}$")),
)
COMMENDED_PER_CLASS = 3
LOW_QUALITY_SHARE = Decimal("0.5")
LOW_QUALITY_MIN_ITEMS = 2


@dataclass(frozen=True)
class UnitFacts:
    """A unit as the org tree names and classes it."""

    unit_id: str
    name: str
    unit_class: str = "I"


@dataclass(frozen=True)
class AdoptionFact:
    """One adoption of one item, in the month it happened."""

    month: str
    level: str
    publication: str


@dataclass(frozen=True)
class ItemFact:
    """One submitted item: its month, band, adoptions and inaccuracy returns."""

    unit_id: str
    title: str
    month: str | None = None
    submitted: bool = True
    band: str | None = None
    adoptions: tuple[AdoptionFact, ...] = ()
    inaccurate_months: tuple[str, ...] = ()


@dataclass(frozen=True)
class PointsFact:
    """One ledger entry's points for a unit in a month."""

    unit_id: str
    month: str
    points: Decimal


@dataclass(frozen=True)
class Issue:
    """What the bulletin is: whose, which period, number, date and language."""

    office_id: str
    office_name: str
    period: str
    kind: BulletinKind
    number: str
    issued_on: date
    language: Language = "zh"


@dataclass(frozen=True)
class UnitTally:
    """One unit's sums over the period."""

    unit: UnitFacts
    points: Decimal = Decimal(0)
    items: int = 0
    adopted: int = 0
    poor: int = 0
    inaccurate: int = 0


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


def tally(
    units: list[UnitFacts], items: list[ItemFact], points: list[PointsFact], months: tuple[str, ...]
) -> list[UnitTally]:
    """Each unit's points, items, adoptions, poor-band and inaccurate counts in ``months``."""
    wanted = set(months)
    sums = {u.unit_id: UnitTally(u) for u in units}
    for entry in points:
        if entry.unit_id in sums and entry.month in wanted:
            t = sums[entry.unit_id]
            sums[entry.unit_id] = replace(t, points=t.points + entry.points)
    for item in items:
        if item.unit_id not in sums:
            continue
        t = sums[item.unit_id]
        counted = item.submitted and item.month in wanted
        t = replace(
            t,
            items=t.items + counted,
            poor=t.poor + (counted and item.band == "poor"),
            adopted=t.adopted + sum(1 for a in item.adoptions if a.month in wanted),
            inaccurate=t.inaccurate + sum(1 for m in item.inaccurate_months if m in wanted),
        )
        sums[item.unit_id] = t
    return list(sums.values())


def rank(tallies: list[UnitTally]) -> list[UnitRow]:
    """Rows per class in class order, best first; equal points share a rank (1, 1, 3)."""
    rows: list[UnitRow] = []
    for unit_class in sorted({t.unit.unit_class for t in tallies}):
        ordered = sorted(
            (t for t in tallies if t.unit.unit_class == unit_class),
            key=lambda t: (-t.points, t.unit.name, t.unit.unit_id),
        )
        place, previous = 0, None
        for position, t in enumerate(ordered, start=1):
            place = place if t.points == previous else position
            previous = t.points
            rows.append(UnitRow(t.unit.unit_id, t.unit.name, unit_class, t.points, t.items, t.adopted, place))
    return rows


def criticisms(tallies: list[UnitTally], language: Language) -> list[Criticism]:
    """The three kinds of failing, each a line of its own."""
    found: list[Criticism] = []
    for t in sorted(tallies, key=lambda t: (t.unit.unit_class, t.unit.name)):
        name = t.unit.name
        if t.items == 0:
            found.append(Criticism(name, CriticismReason.NOT_SUBMITTED))
        elif t.items >= LOW_QUALITY_MIN_ITEMS and Decimal(t.poor) / t.items >= LOW_QUALITY_SHARE:
            detail = (
                f"{t.items}条信息中{t.poor}条质量较差"
                if language == "zh"
                else (f"{t.poor} of {t.items} items of poor quality")
            )
            found.append(Criticism(name, CriticismReason.LOW_QUALITY, detail))
        if t.inaccurate:
            detail = (
                f"{t.inaccurate}条信息因失实被退回"
                if language == "zh"
                else (f"{t.inaccurate} item(s) returned as inaccurate")
            )
            found.append(Criticism(name, CriticismReason.INACCURATE, detail))
    return found


def commendations(rows: list[UnitRow], language: Language) -> list[Commendation]:
    """The first three places of each class, if they earned points."""
    found = []
    for row in rows:
        if row.rank <= COMMENDED_PER_CLASS and row.total > 0:
            reason = (
                f"积分{row.total}分，居{row.unit_class}类第{row.rank}名，被采用信息{row.adopted}条"
                if language == "zh"
                else f"{row.total} points, place {row.rank} in class {row.unit_class}, "
                f"{row.adopted} item(s) adopted"
            )
            found.append(Commendation(row.unit_name, reason))
    return found


def adoptions_in(
    units: list[UnitFacts], items: list[ItemFact], months: tuple[str, ...]
) -> tuple[dict[str, int], list[ItemRow]]:
    """Adoptions by level, and the outstanding ones (city level or above), highest first."""
    names = {u.unit_id: u.name for u in units}
    wanted = set(months)
    by_level: Counter[str] = Counter()
    outstanding: list[ItemRow] = []
    for item in items:
        if item.unit_id not in names:
            continue
        for a in item.adoptions:
            if a.month in wanted:
                by_level[a.level] += 1
                if a.level in HIGH_LEVELS:
                    outstanding.append(ItemRow(item.title, names[item.unit_id], a.publication, a.level))
    outstanding.sort(key=lambda r: (HIGH_LEVELS.index(r.level), r.unit_name, r.title))
    return dict(by_level), outstanding


def trend(units: list[UnitFacts], items: list[ItemFact], period: str) -> list[TrendPoint]:
    """Items submitted and adopted per month, from January to the period's last month."""
    ids = {u.unit_id for u in units}
    last = months_of(period)[-1]
    points = []
    for month in months_of(period[:4]):
        if month > last:
            break
        mine = [i for i in items if i.unit_id in ids]
        submitted = sum(1 for i in mine if i.submitted and i.month == month)
        adopted = sum(1 for i in mine for a in i.adoptions if a.month == month)
        points.append(TrendPoint(month, submitted, adopted))
    return points


def bulletin_data(
    issue: Issue, units: list[UnitFacts], items: list[ItemFact], points: list[PointsFact]
) -> BulletinData:
    """The bulletin of ``issue`` for the office's subordinate ``units``."""
    months = months_of(issue.period)
    tallies = tally(units, items, points, months)
    rows = rank(tallies)
    by_level, outstanding = adoptions_in(units, items, months)
    return BulletinData(
        office_name=issue.office_name,
        office_id=issue.office_id,
        period=issue.period,
        kind=issue.kind,
        number=issue.number,
        issued_on=issue.issued_on,
        language=issue.language,
        rankings=tuple(rows),
        adoption_counts_by_level=by_level,
        outstanding_items=tuple(outstanding),
        commended=tuple(commendations(rows, issue.language)),
        criticised=tuple(criticisms(tallies, issue.language)),
        trend=tuple(trend(units, items, issue.period)),
    )

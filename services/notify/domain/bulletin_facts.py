"""From the bulletin projection to a bulletin's facts (:class:`BulletinData`). Pure.

The projection keeps one fact row per item and per ledger entry, each tagged with the
month it counts for. Here they are credited to the bulletin's rows (the units reporting to
the office) under the office's :class:`BulletinRules`: by default a row counts the items of
its whole subtree (a district is credited with its townships' and departments' items) and
its own ledger points (its subtree's too where the policy rolls points up into its level).
An item counts in the period it was submitted in, and as adopted once, whichever and however
many publications adopted it: the list of adopted items is built here once, and every count
of adoptions is read off it, so no row shows more adopted than submitted. Places,
commendations and criticisms: ``bulletin_judging``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.notify.bulletins.model import (
    LEVELS,
    BulletinData,
    BulletinKind,
    ItemRow,
    Language,
    Placement,
    TrendPoint,
)
from services.notify.domain.bulletin_judging import commendations, criticisms, rank
from services.notify.domain.bulletin_periods import (
    due_periods,
    kind_of,
    last_completed,
    last_day,
    months_of,
    number_text,
)
from shared.contracts.bulletin_rules import BulletinRules, Scope

__all__ = [
    "AdoptionFact",
    "Issue",
    "ItemFact",
    "PointsFact",
    "UnitFacts",
    "bulletin_data",
    "due_periods",
    "kind_of",
    "last_completed",
    "last_day",
    "months_of",
    "number_text",
]


@dataclass(frozen=True)
class UnitFacts:
    """A unit as the org tree names, classes and places it."""

    unit_id: str
    name: str
    unit_class: str = "I"
    level: str = ""
    parent_id: str | None = None


@dataclass(frozen=True)
class AdoptionFact:
    """One adoption of one item: the month it happened, the adopting level, publication, form."""

    month: str
    level: str
    publication: str
    form: str = ""


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
    unit_name: str = ""


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


@dataclass
class UnitTally:
    """One row's sums over the period; ``subtree_items`` and ``own_items`` are what
    'did it submit' reads, by the rules' ``not_submitted``."""

    unit: UnitFacts
    points: Decimal = Decimal(0)
    items: int = 0
    adopted: list[ItemRow] = field(default_factory=list)
    poor: int = 0
    inaccurate: int = 0
    own_items: int = 0
    subtree_items: int = 0


@dataclass(frozen=True)
class Crediting:
    """The bulletin's rows and, for every unit in scope, the row it is credited to (the row
    itself, or the nearest row above it in the org tree)."""

    rows: dict[str, UnitFacts]
    credited_to: dict[str, str]
    names: dict[str, str]

    def owner(self, unit_id: str, scope: Scope) -> str | None:
        """The row whose counts an item of ``unit_id`` adds to, under ``scope``."""
        if scope == "unit":
            return unit_id if unit_id in self.rows else None
        return self.credited_to.get(unit_id)


def crediting(rows: Sequence[UnitFacts], below: Iterable[UnitFacts]) -> Crediting:
    """Every unit of ``rows`` and ``below`` (units under them in the org tree) credited to
    the nearest row at or above it; a unit under no row is out of scope."""
    known = {u.unit_id: u for u in below} | {u.unit_id: u for u in rows}
    by_row = {u.unit_id: u for u in rows}
    credited: dict[str, str] = {}
    for unit_id in known:
        seen: set[str] = set()
        current: str | None = unit_id
        while current is not None and current not in by_row and current not in seen:
            seen.add(current)
            current = known[current].parent_id if current in known else None
        if current in by_row:
            credited[unit_id] = current
    return Crediting(by_row, credited, {u: f.name for u, f in known.items()})


def tally(
    scope: Crediting, items: Iterable[ItemFact], points: Iterable[PointsFact], months: tuple[str, ...],
    rules: BulletinRules,
) -> list[UnitTally]:
    """Each row's points, items, adopted items, poor-band and inaccurate counts in ``months``."""
    wanted = set(months)
    sums = {unit_id: UnitTally(unit) for unit_id, unit in scope.rows.items()}
    for entry in points:
        target = _points_owner(scope, entry.unit_id, rules)
        if target is not None and entry.month in wanted:
            sums[target].points += entry.points
    for item in items:
        counted = bool(item.submitted and item.month in wanted)
        if counted and (own := scope.owner(item.unit_id, "unit")) is not None:
            sums[own].own_items += 1
        if counted and (top := scope.owner(item.unit_id, "subtree")) is not None:
            sums[top].subtree_items += 1
        owner = scope.owner(item.unit_id, rules.items)
        if owner is None:
            continue
        t = sums[owner]
        t.inaccurate += sum(1 for m in item.inaccurate_months if m in wanted)
        if counted:
            t.items += 1
            t.poor += item.band == "poor"
            if item.adoptions:
                t.adopted.append(adopted_row(scope, item, owner))
    return list(sums.values())


def _points_owner(scope: Crediting, unit_id: str, rules: BulletinRules) -> str | None:
    if unit_id in scope.rows:
        return unit_id
    row = scope.credited_to.get(unit_id)
    if row is None or rules.roll_up_into is None:
        return None
    return row if scope.rows[row].level == rules.roll_up_into else None


def adopted_row(scope: Crediting, item: ItemFact, credited_to: str) -> ItemRow:
    """The item as the list of adopted items shows it, every placement once."""
    placements = tuple(dict.fromkeys(Placement(a.publication, a.level, a.form) for a in item.adoptions))
    name = scope.names.get(item.unit_id) or item.unit_name or item.unit_id
    return ItemRow(item.title, name, placements, credited_to)


def adopted_items(tallies: list[UnitTally]) -> list[ItemRow]:
    """Every adopted item of the period, highest level first, then by row and title."""
    rows = [item for t in tallies for item in t.adopted]
    names = {t.unit.unit_id: t.unit.name for t in tallies}

    def order(item: ItemRow) -> tuple[int, str, str, str]:
        level = LEVELS.index(item.level) if item.level in LEVELS else len(LEVELS)
        return level, names.get(item.credited_to, ""), item.unit_name, item.title

    return sorted(rows, key=order)


def trend(scope: Crediting, items: Iterable[ItemFact], period: str, rules: BulletinRules) -> list[TrendPoint]:
    """Items submitted, and of them adopted, per month from January to the period's last month."""
    last = months_of(period)[-1]
    mine = [i for i in items if i.submitted and scope.owner(i.unit_id, rules.items) is not None]
    points = []
    for month in months_of(period[:4]):
        if month > last:
            break
        of_month = [i for i in mine if i.month == month]
        points.append(TrendPoint(month, len(of_month), sum(1 for i in of_month if i.adoptions)))
    return points


def bulletin_data(
    issue: Issue,
    units: Sequence[UnitFacts],
    items: Sequence[ItemFact],
    points: Sequence[PointsFact],
    below: Sequence[UnitFacts] = (),
    rules: BulletinRules | None = None,
) -> BulletinData:
    """The bulletin of ``issue`` for the office's subordinate ``units`` (its rows), with the
    units ``below`` them in the org tree, under the office's ``rules``."""
    rules = rules or BulletinRules()
    months = months_of(issue.period)
    scope = crediting(units, below)
    tallies = tally(scope, items, points, months, rules)
    rows = rank(tallies, rules)
    return BulletinData(
        office_name=issue.office_name,
        office_id=issue.office_id,
        period=issue.period,
        kind=issue.kind,
        number=issue.number,
        issued_on=issue.issued_on,
        language=issue.language,
        rankings=tuple(rows),
        adopted_items=tuple(adopted_items(tallies)),
        commended=tuple(commendations(rows, rules, issue.language)),
        criticised=tuple(criticisms(tallies, rules, issue.language)),
        trend=tuple(trend(scope, items, issue.period, rules)),
        ties=rules.ties,
        grouped_by=rules.peer_groups,
        ranked_by=rules.ranked_by,
    )

"""The facts a bulletin (通报) is written from: frozen, validated on construction.

A bulletin covers one period of one office: a month ('2026-11'), a quarter ('2026-Q4')
or a year ('2026'). Scores are Decimals as the scoring service keeps them; ranks are
within a peer group (a unit class such as 乡镇（街道）or 一类考核单位, a level, or all units),
so several groups may each have a first place; ties share a rank by the tie rule.

The adopted items are listed once, and everything that counts adoptions reads that list:
each row's 采用 is the number of listed items credited to it (never more than it submitted),
and the adoptions by level count each item once per level that adopted it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

BulletinKind = Literal["monthly", "quarterly", "annual"]
Language = Literal["zh", "en"]
TieRule = Literal["competition", "dense"]
PeerGrouping = Literal["unit_class", "level", "all"]

LEVELS = ("national", "province", "city", "county", "township")
"""OrgLevel values, highest first."""
_PERIOD_PATTERNS: dict[str, re.Pattern[str]] = {
    "monthly": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    "quarterly": re.compile(r"^(\d{4})-Q([1-4])$"),
    "annual": re.compile(r"^(\d{4})$"),
}
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class CriticismReason(StrEnum):
    """Why a unit is criticised, in the three kinds assessment rules name."""

    NOT_SUBMITTED = "not_submitted"  # 未按要求报送
    LOW_QUALITY = "low_quality"  # 信息质量低
    INACCURATE = "inaccurate"  # 信息不准确、失实


@dataclass(frozen=True)
class UnitRow:
    """One unit's line in the score table; ``group`` is the peer group it is ranked in (its
    unit class unless the office ranks by level or all together)."""

    unit_id: str
    unit_name: str
    unit_class: str
    total: Decimal
    items: int
    adopted: int
    rank: int
    group: str = ""

    def __post_init__(self) -> None:
        if self.items < 0 or self.adopted < 0:
            raise ValueError(f"{self.unit_name}: negative counts")
        if self.adopted > self.items:
            raise ValueError(f"{self.unit_name}: {self.adopted} adopted of {self.items} submitted")
        if self.rank < 1:
            raise ValueError(f"{self.unit_name}: rank starts at 1")
        if not self.group:
            object.__setattr__(self, "group", self.unit_class)


@dataclass(frozen=True)
class Placement:
    """Where an item appeared: a publication (a catalogue code, named when composed, or a
    name as printed), the level of the office publishing it, the form (an AdoptionForm value)."""

    publication: str
    level: str
    form: str = ""


@dataclass(frozen=True)
class ItemRow:
    """An adopted item: its title, the unit that wrote it, every placement, and the unit whose
    row it is credited to (``credited_to``, a unit id; the writer's own row or its district's)."""

    title: str
    unit_name: str
    placements: tuple[Placement, ...]
    credited_to: str = ""

    def __post_init__(self) -> None:
        if not self.placements:
            raise ValueError(f"{self.title}: an adopted item has at least one placement")
        object.__setattr__(self, "placements", tuple(self.placements))

    @property
    def levels(self) -> tuple[str, ...]:
        """The levels that adopted it, highest first, each once."""
        found = {p.level for p in self.placements}
        return tuple(sorted(found, key=lambda level: (_level_index(level), level)))

    @property
    def level(self) -> str:
        """The highest level that adopted it."""
        return self.levels[0]


def _level_index(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


@dataclass(frozen=True)
class Commendation:
    """A unit named for good work, with the reason in the bulletin's language."""

    unit_name: str
    reason: str


@dataclass(frozen=True)
class Criticism:
    """A unit named for poor work: one of the three kinds, and an optional detail."""

    unit_name: str
    reason: CriticismReason
    detail: str = ""


@dataclass(frozen=True)
class TrendPoint:
    """Items received and adopted in one month of the year ('2026-03')."""

    month: str
    total_items: int
    adopted: int

    def __post_init__(self) -> None:
        if not _MONTH.match(self.month):
            raise ValueError(f"trend month {self.month!r} is not YYYY-MM")
        if not 0 <= self.adopted <= self.total_items:
            raise ValueError(f"{self.month}: {self.adopted} adopted of {self.total_items} submitted")


@dataclass(frozen=True)
class BulletinData:
    """Everything a bulletin says, before any wording or layout is decided.

    ``ties`` names how equal scores share a place, ``grouped_by`` what a row's ``group`` is,
    ``ranked_by`` whether places follow the total or the average per item. ``masthead``
    overrides the red banner text (default: 政务信息工作通报 / Government Information Work
    Bulletin); ``addressees`` the 主送 line (default by office level).
    """

    office_name: str
    office_id: str
    period: str
    kind: BulletinKind
    number: str
    issued_on: date
    language: Language
    rankings: tuple[UnitRow, ...] = ()
    adopted_items: tuple[ItemRow, ...] = ()
    commended: tuple[Commendation, ...] = ()
    criticised: tuple[Criticism, ...] = ()
    trend: tuple[TrendPoint, ...] = ()
    masthead: str | None = None
    addressees: str | None = None
    ties: TieRule = "competition"
    grouped_by: PeerGrouping = "unit_class"
    ranked_by: Literal["total", "average"] = "total"

    def __post_init__(self) -> None:
        pattern = _PERIOD_PATTERNS.get(self.kind)
        if pattern is None:
            raise ValueError(f"unknown bulletin kind {self.kind!r}")
        if not pattern.match(self.period):
            raise ValueError(f"period {self.period!r} does not fit a {self.kind} bulletin")
        if self.language not in ("zh", "en"):
            raise ValueError(f"unsupported language {self.language!r}")
        for name in ("rankings", "adopted_items", "commended", "criticised", "trend"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "criticised", tuple(_as_criticism(c) for c in self.criticised))
        object.__setattr__(self, "commended", tuple(_as_commendation(c) for c in self.commended))
        object.__setattr__(self, "trend", tuple(_as_trend_point(t) for t in self.trend))
        self._check_adoptions_agree()

    def _check_adoptions_agree(self) -> None:
        """Each row's 采用 is the number of listed items credited to it."""
        credited = Counter(item.credited_to for item in self.adopted_items)
        for row in self.rankings:
            listed = credited.pop(row.unit_id, 0)
            if row.adopted != listed:
                raise ValueError(f"{row.unit_name}: {row.adopted} adopted, {listed} listed")
        if credited:
            raise ValueError(f"adopted items credited to units without a row: {sorted(credited)}")

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def adoption_counts_by_level(self) -> dict[str, int]:
        """Items adopted per level, each item once per level (two city publications: once)."""
        counts: Counter[str] = Counter(level for item in self.adopted_items for level in item.levels)
        return dict(counts)

    @property
    def adopted_total(self) -> int:
        """Items adopted, each once however many publications carried it."""
        return len(self.adopted_items)


def _as_criticism(value: Criticism | tuple[str, str]) -> Criticism:
    if isinstance(value, Criticism):
        return value
    unit_name, reason, *detail = value
    return Criticism(unit_name, CriticismReason(reason), *detail)


def _as_commendation(value: Commendation | tuple[str, str]) -> Commendation:
    return value if isinstance(value, Commendation) else Commendation(*value)


def _as_trend_point(value: TrendPoint | tuple[str, int, int]) -> TrendPoint:
    return value if isinstance(value, TrendPoint) else TrendPoint(*value)

"""The facts a bulletin (通报) is written from: frozen, validated on construction.

A bulletin covers one period of one office: a month ('2026-11'), a quarter ('2026-Q4')
or a year ('2026'). Scores are Decimals as the scoring service keeps them; ranks are
within a unit class (乡镇（街道）, 一类考核单位 …), so several classes may each have a
first place, and ties share a rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

BulletinKind = Literal["monthly", "quarterly", "annual"]
Language = Literal["zh", "en"]

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
    """One unit's line in the score table."""

    unit_id: str
    unit_name: str
    unit_class: str
    total: Decimal
    items: int
    adopted: int
    rank: int

    def __post_init__(self) -> None:
        if self.items < 0 or self.adopted < 0:
            raise ValueError(f"{self.unit_name}: negative counts")
        if self.rank < 1:
            raise ValueError(f"{self.unit_name}: rank starts at 1")


@dataclass(frozen=True)
class ItemRow:
    """An adopted item worth listing: its title, who sent it, where it appeared."""

    title: str
    unit_name: str
    publication: str
    level: str  # an OrgLevel value: national, province, city, county, township


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


@dataclass(frozen=True)
class BulletinData:
    """Everything a bulletin says, before any wording or layout is decided.

    ``masthead`` overrides the red banner text (default: 政务信息工作通报 / Government
    Information Work Bulletin); ``addressees`` the 主送 line (default by office level).
    """

    office_name: str
    office_id: str
    period: str
    kind: BulletinKind
    number: str
    issued_on: date
    language: Language
    rankings: tuple[UnitRow, ...] = ()
    adoption_counts_by_level: dict[str, int] = field(default_factory=dict)
    outstanding_items: tuple[ItemRow, ...] = ()
    commended: tuple[Commendation, ...] = ()
    criticised: tuple[Criticism, ...] = ()
    trend: tuple[TrendPoint, ...] = ()
    masthead: str | None = None
    addressees: str | None = None

    def __post_init__(self) -> None:
        pattern = _PERIOD_PATTERNS.get(self.kind)
        if pattern is None:
            raise ValueError(f"unknown bulletin kind {self.kind!r}")
        if not pattern.match(self.period):
            raise ValueError(f"period {self.period!r} does not fit a {self.kind} bulletin")
        if self.language not in ("zh", "en"):
            raise ValueError(f"unsupported language {self.language!r}")
        for name in ("rankings", "outstanding_items", "commended", "criticised", "trend"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "criticised", tuple(_as_criticism(c) for c in self.criticised))
        object.__setattr__(self, "commended", tuple(_as_commendation(c) for c in self.commended))
        object.__setattr__(self, "trend", tuple(_as_trend_point(t) for t in self.trend))

    @property
    def year(self) -> int:
        return int(self.period[:4])


def _as_criticism(value: Criticism | tuple[str, str]) -> Criticism:
    if isinstance(value, Criticism):
        return value
    unit_name, reason, *detail = value
    return Criticism(unit_name, CriticismReason(reason), *detail)


def _as_commendation(value: Commendation | tuple[str, str]) -> Commendation:
    return value if isinstance(value, Commendation) else Commendation(*value)


def _as_trend_point(value: TrendPoint | tuple[str, int, int]) -> TrendPoint:
    return value if isinstance(value, TrendPoint) else TrendPoint(*value)

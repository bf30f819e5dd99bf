"""A composed bulletin: every word decided, no layout yet. Renderers only lay it out.

A :class:`Bulletin` is a title block (masthead, number, office, date, title, addressees),
an opening paragraph, numbered :class:`Section` s of blocks, and a signature. A block is
a paragraph, a sub-heading, a :class:`Table` or a chart description that
:mod:`.charts` draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Paragraph:
    """Body text; a sub-heading ((一) …) is a paragraph of kind 'subheading'."""

    text: str
    kind: Literal["body", "subheading"] = "body"


@dataclass(frozen=True)
class Table:
    """A table with a caption; ``numeric`` columns are right-aligned."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths, summing to about 1
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    group: str
    value_text: str  # as the score table prints it


@dataclass(frozen=True)
class RankingChart:
    """Horizontal bars, one per unit, in the given order, coloured by group."""

    title: str
    bars: tuple[Bar, ...]
    value_label: str


@dataclass(frozen=True)
class TrendChart:
    """Monthly bars of items submitted with a line of items adopted."""

    title: str
    months: tuple[str, ...]
    submitted: tuple[int, ...]
    adopted: tuple[int, ...]
    submitted_label: str
    adopted_label: str


Chart = RankingChart | TrendChart
Block = Paragraph | Table | RankingChart | TrendChart


@dataclass(frozen=True)
class Section:
    heading: str  # numbered: 一、总体情况 / I. Overview
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Bulletin:
    """A bulletin ready to render in its language."""

    language: str
    masthead: str
    number: str
    office_name: str
    date_text: str
    title: str
    addressees: str
    opening: str
    summary: str
    sections: tuple[Section, ...]

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, RankingChart | TrendChart))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Table))

"""Enumerations (一是/二是, （一）（二）, first/second): found in order, or flagged as broken.

A series restarts at its first marker, so an item may hold several lists; within a run each
marker must follow its predecessor: a repeat or step back is "out of order", a jump is "skipped",
and a run that does not begin at the first marker is "starts late".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CLAUSE_START = r"(?:^|(?<=[。；;：:，,！？!?])|(?<=[.;:!?] ))\s*"


@dataclass(frozen=True)
class EnumerationIssue:
    kind: str  # "out_of_order" | "skipped" | "starts_late"
    found: str
    expected: str
    after: str  # the marker before it in the same series ("" when it starts the list)
    paragraph: int


@dataclass(frozen=True)
class Marker:
    series: int
    rank: int
    text: str
    paragraph: int


def enumeration_markers(
    paragraphs: list[str], series: tuple[tuple[str, ...], ...], *, ignore_case: bool
) -> list[Marker]:
    """Every marker at a clause start, in reading order."""
    pattern = _pattern(series, ignore_case)
    ranks = _ranks(series, ignore_case)
    found = []
    for number, text in enumerate(paragraphs, start=1):
        for match in pattern.finditer(text):
            text = match.group(1)
            series_index, rank = ranks[text.lower() if ignore_case else text]
            found.append(Marker(series_index, rank, text, number))
    return found


def enumeration_issues(markers: list[Marker], series: tuple[tuple[str, ...], ...]) -> list[EnumerationIssue]:
    """Breaks in order within each series' runs."""
    issues: list[EnumerationIssue] = []
    previous: dict[int, Marker] = {}
    for marker in markers:
        before = previous.get(marker.series)
        expected_rank = before.rank + 1 if before else 0
        names = series[marker.series]
        if marker.rank != expected_rank and marker.rank != 0:
            kind = "skipped" if marker.rank > expected_rank else "out_of_order"
            if expected_rank == 0:
                kind = "starts_late"
            expected = names[min(expected_rank, len(names) - 1)]
            after = before.text if before else ""
            issues.append(EnumerationIssue(kind, marker.text, expected, after, marker.paragraph))
        previous[marker.series] = marker
    return issues


@lru_cache(maxsize=16)
def _pattern(series: tuple[tuple[str, ...], ...], ignore_case: bool) -> re.Pattern[str]:
    markers = sorted({m for names in series for m in names}, key=lambda m: (-len(m), m))
    alternation = "|".join(re.escape(m) for m in markers)
    trailing = r"(?!\d)"
    return re.compile(f"{_CLAUSE_START}({alternation}){trailing}", re.I if ignore_case else 0)


@lru_cache(maxsize=16)
def _ranks(series: tuple[tuple[str, ...], ...], ignore_case: bool) -> dict[str, tuple[int, int]]:
    ranks: dict[str, tuple[int, int]] = {}
    for series_index, names in enumerate(series):
        for rank, name in enumerate(names):
            ranks.setdefault(name.lower() if ignore_case else name, (series_index, rank))
    return ranks

"""The values the scoring domain takes in and hands back: an item's text and its score card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CRITERIA: tuple[str, ...] = (
    "topic",
    "substance",
    "structure",
    "logic",
    "theme",
    "duplicate",
    "timeliness",
)
"""Stable criterion ids, in the order a score card lists them."""


@dataclass(frozen=True)
class ItemText:
    """An information item as written: title, body and what is known about it.

    ``submitted_at`` is read in its own zone: its calendar date there is the day timeliness
    counts to, so callers give it in the office's zone.
    """

    title: str
    body: str
    category: str | None = None
    language: str | None = None
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class Suggestion:
    """Something the author can do, in the item's language, and where in the item."""

    text: str
    location: str


@dataclass(frozen=True)
class CriterionScore:
    """One criterion's sub-score (0..100) with the evidence and suggestions behind it."""

    criterion: str
    score: float
    weight: float
    explanation: str
    evidence: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class ScoreCard:
    """The weighted overall score, its band and one CriterionScore per criterion."""

    overall: float
    band: str
    language: str
    rubric_version: str
    criteria: tuple[CriterionScore, ...]
    fingerprint: int


@dataclass(frozen=True)
class DuplicateCandidate:
    """An earlier submission whose fingerprint shares a band with the item being scored."""

    submission_id: str
    unit_id: str
    fingerprint: int

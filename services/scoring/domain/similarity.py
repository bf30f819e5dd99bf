"""Binary TF-IDF vectors (term sets weighted by a fixed IDF table) and their cosine.

Passages here are a sentence or a paragraph, where
a term rarely occurs twice, so presence weighted by IDF loses little against sub-linear term
frequency, and every step runs in C: set intersections and ``map`` over a dict lookup. That
keeps the whole rubric at hundreds of items a second on one core.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import repeat


@dataclass(frozen=True)
class Vector:
    terms: frozenset[str]
    norm: float


class WeightedSpace:
    """Term sets weighted by fixed squared weights (unknown terms weigh ``default``)."""

    def __init__(self, squared_weights: Mapping[str, float], default: float = 1.0) -> None:
        self._squared = squared_weights
        self._default = default

    def vector(self, terms: Iterable[str]) -> Vector:
        unique = frozenset(terms)
        return Vector(unique, math.sqrt(self._mass(unique)))

    def restricted(self, terms: Iterable[str]) -> WeightedSpace:
        """The same space for vectors over ``terms`` only, with their weights copied into a small
        table. A large table (the Chinese background has ~100,000 words) costs a cache miss
        per look-up; one item's vectors look up the same few hundred terms many times, so the
        item looks each up once here. Vectors of other terms must not be made in it."""
        if not self._squared:
            return self
        unique = frozenset(terms)
        weights = dict(zip(unique, map(self._squared.get, unique, repeat(self._default)), strict=True))
        return WeightedSpace(weights, self._default)

    def cosine(self, a: Vector, b: Vector) -> float:
        if not a.norm or not b.norm:
            return 0.0
        return self._mass(a.terms & b.terms) / (a.norm * b.norm)

    @staticmethod
    def cosine_with_whole(part: Vector, whole: Vector) -> float:
        """The cosine of ``part`` with a vector whose terms include all of its own (a sentence
        and its whole text): the common terms are ``part``'s, whose mass is its squared norm,
        so no intersection is made or weighed."""
        if not part.norm or not whole.norm:
            return 0.0
        return part.norm / whole.norm

    def rarer_than_unknown(self, terms: Iterable[str]) -> list[str]:
        """Those of ``terms`` that weigh more than an unknown term: words the background knows
        as rare (for Chinese, rarer than a span across two words is taken to be)."""
        return [term for term in terms if self._squared.get(term, self._default) > self._default]

    def share_on(self, part: Vector, terms: frozenset[str]) -> float:
        """How much of ``part``'s weight (its squared norm) lies on ``terms``, from 0 to 1."""
        if not part.norm:
            return 0.0
        return self._mass(part.terms & terms) / (part.norm * part.norm)

    def _mass(self, terms: frozenset[str]) -> float:
        return sum(map(self._squared.get, terms, repeat(self._default)))

"""Pairwise validity: does each original outrank each of its degraded variants?"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from services.scoring.corpus import CorpusItem, load_corpus
from services.scoring.corpus.degrade import VARIANTS, degrade
from services.scoring.domain import ItemText, Rubric, ScoreCard, score_item

Scorer = Callable[[CorpusItem], float]


@dataclass(frozen=True)
class Pair:
    item_id: str
    language: str
    variant: str
    original: float
    degraded: float

    @property
    def separated(self) -> bool:
        return self.original > self.degraded

    @property
    def credit(self) -> float:
        """1 when the original ranks higher, 0.5 for a tie (a coin toss), else 0."""
        return 1.0 if self.separated else 0.5 if self.original == self.degraded else 0.0


def as_item_text(item: CorpusItem) -> ItemText:
    return ItemText(
        title=item.title,
        body=item.body,
        category=item.category,
        language=item.language,
        submitted_at=item.submitted_at,
    )


def rubric_scorer(rubric: Rubric) -> Scorer:
    return lambda item: score_item(as_item_text(item), rubric).overall


def length_scorer(item: CorpusItem) -> float:
    """The trivial baseline: a longer body is a better item."""
    return float(len("".join(item.body.split())))


def pairs(scorer: Scorer, corpus: Sequence[CorpusItem] | None = None) -> list[Pair]:
    items = list(corpus) if corpus is not None else load_corpus()
    found = []
    for item in items:
        original = scorer(item)
        for variant in VARIANTS:
            degraded = scorer(degrade(item, variant, items))
            found.append(Pair(item.id, item.language, variant, original, degraded))
    return found


def accuracy(found: Sequence[Pair], *, variant: str | None = None, language: str | None = None) -> float:
    chosen = [
        p
        for p in found
        if (variant is None or p.variant == variant) and (language is None or p.language == language)
    ]
    return sum(p.credit for p in chosen) / len(chosen) if chosen else float("nan")


def criterion_deltas(
    rubric: Rubric, item: CorpusItem, variant: str, corpus: Sequence[CorpusItem]
) -> dict[str, float]:
    """Per-criterion score change from original to variant (diagnostics for the bench)."""
    before: ScoreCard = score_item(as_item_text(item), rubric)
    after: ScoreCard = score_item(as_item_text(degrade(item, variant, corpus)), rubric)
    return {b.criterion: a.score - b.score for b, a in zip(before.criteria, after.criteria, strict=True)}

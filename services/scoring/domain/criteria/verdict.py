"""How every criterion hands back its result: a clamped score in the item's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric


@dataclass(frozen=True)
class Wording:
    """A criterion's messages in both languages, as ``str.format`` templates under one key."""

    zh: Mapping[str, str]
    en: Mapping[str, str]

    def __call__(self, language: str, key: str, **values: object) -> str:
        table = self.zh if language == "zh" else self.en
        return table[key].format(**values)


def verdict(
    criterion: str,
    score: float,
    rubric: Rubric,
    explanation: str,
    evidence: Iterable[str] = (),
    suggestions: Iterable[Suggestion] = (),
    *,
    counted: bool = True,
) -> CriterionScore:
    """A CriterionScore with the rubric's weight (0 when the criterion is not counted)."""
    return CriterionScore(
        criterion=criterion,
        score=round(min(100.0, max(0.0, score)), 1),
        weight=rubric.weights[criterion] if counted else 0.0,
        explanation=explanation,
        evidence=tuple(evidence),
        suggestions=tuple(suggestions),
    )


def quoted(text: str, limit: int = 40) -> str:
    """A short excerpt for evidence, cut at ``limit`` characters."""
    compact = " ".join(text.split())
    return compact if len(compact) <= limit else compact[: limit - 1] + "…"


def listing(items: Iterable[str], language: str, limit: int = 6) -> str:
    chosen = list(dict.fromkeys(items))[:limit]
    return ("、" if language == "zh" else ", ").join(chosen)

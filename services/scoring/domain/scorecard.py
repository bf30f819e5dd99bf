"""score_item: every criterion of the rubric applied to one item, combined into a ScoreCard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from services.scoring.domain.criteria.duplicate import score_duplicate
from services.scoring.domain.criteria.logic import score_logic
from services.scoring.domain.criteria.structure import score_structure
from services.scoring.domain.criteria.substance import score_substance
from services.scoring.domain.criteria.theme import score_theme
from services.scoring.domain.criteria.timeliness import as_if_submitted_on, score_timeliness
from services.scoring.domain.criteria.topic import score_topic
from services.scoring.domain.language import resolve_language
from services.scoring.domain.model import CriterionScore, DuplicateCandidate, ItemText, ScoreCard
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.simhash import simhash
from services.scoring.domain.text import parse_item


def score_item(item: ItemText, rubric: Rubric, *, earlier: Sequence[DuplicateCandidate] = ()) -> ScoreCard:
    """Score an item under ``rubric``; deterministic and free of side effects.

    ``earlier`` are fingerprints of earlier submissions that share a SimHash band with this
    item; the duplicate criterion reports the closest one within the rubric's distance.
    """
    language = resolve_language(item.language, f"{item.title}\n{item.body}")
    parsed = parse_item(item.title, item.body, language, rubric.languages[language])
    fingerprint = simhash(item.body)
    criteria = (
        score_topic(parsed, rubric),
        score_substance(parsed, rubric),
        score_structure(parsed, rubric, item.category),
        score_logic(parsed, rubric),
        score_theme(parsed, rubric),
        score_duplicate(fingerprint, earlier, language, rubric),
        score_timeliness(item.body, language, item.submitted_at, item.category, rubric),
    )
    overall = weighted_overall(criteria)
    return ScoreCard(
        overall=overall,
        band=rubric.band_of(overall),
        language=language,
        rubric_version=rubric.version,
        criteria=criteria,
        fingerprint=fingerprint,
    )


def weighted_overall(criteria: Sequence[CriterionScore]) -> float:
    """Weighted mean of the counted criteria, rounded to one decimal."""
    total_weight = sum(c.weight for c in criteria)
    if not total_weight:
        return 0.0
    return round(sum(c.score * c.weight for c in criteria) / total_weight, 1)


def as_preview(card: ScoreCard, day: date) -> ScoreCard:
    """``card`` of a draft scored as if submitted on ``day``, with what depends on that day
    said in the card's language (the timeliness explanation); the scores are unchanged."""
    criteria = tuple(
        as_if_submitted_on(c, card.language, day) if c.criterion == "timeliness" else c
        for c in card.criteria
    )
    return replace(card, criteria=criteria)

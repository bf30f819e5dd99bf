"""The pure, explainable quality-scoring domain of the scoring service.

``score_item(ItemText, Rubric)`` returns a ``ScoreCard``: one ``CriterionScore`` per criterion
(topic, substance, structure, logic, theme, duplicate, timeliness), each with the evidence
found in the text and suggestions that point at the title, the lead, a paragraph or a
sentence, in the item's language. Weights, thresholds, bands and phrase lists come from
``rubric/rubric.yaml`` (``load_rubric``). Errors: ``load_rubric`` raises ``ValueError``
naming the file and the key or line that is wrong; nothing else raises on any text.
"""

from services.scoring.domain.language import detect_language
from services.scoring.domain.model import (
    CRITERIA,
    CriterionScore,
    DuplicateCandidate,
    ItemText,
    ScoreCard,
    Suggestion,
)
from services.scoring.domain.rubric import DEFAULT_RUBRIC_PATH, Rubric, load_rubric
from services.scoring.domain.scorecard import as_preview, score_item
from services.scoring.domain.simhash import hamming_distance, simhash, simhash_bands

__all__ = [
    "CRITERIA",
    "DEFAULT_RUBRIC_PATH",
    "CriterionScore",
    "DuplicateCandidate",
    "ItemText",
    "Rubric",
    "ScoreCard",
    "Suggestion",
    "as_preview",
    "detect_language",
    "hamming_distance",
    "load_rubric",
    "score_item",
    "simhash",
    "simhash_bands",
]

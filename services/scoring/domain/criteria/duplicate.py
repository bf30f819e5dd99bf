"""Duplicate: the closest earlier submission by SimHash distance, if within the threshold."""

from __future__ import annotations

from collections.abc import Sequence

from services.scoring.domain.criteria.verdict import Wording, verdict
from services.scoring.domain.model import CriterionScore, DuplicateCandidate, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.simhash import hamming_distance

_SCORE_AT_THRESHOLD = 40  # a near-duplicate scores at most this, an exact copy 0

_SAY = Wording(
    zh={
        "none": "未发现与已报送信息重复（比对{count}条）。",
        "closest": "最接近的已报信息：{id}（单位 {unit}），指纹距离 {distance}",
        "duplicate": "与已报送的信息 {id} 高度相似（指纹距离{distance}，阈值{limit}），疑似重复报送。",
        "advice": "与已报信息 {id} 基本相同；按“最多报一次”，请改为续报新进展或撤回。",
    },
    en={
        "none": "No near-duplicate among earlier submissions ({count} compared).",
        "closest": "closest earlier item: {id} (unit {unit}), fingerprint distance {distance}",
        "duplicate": "Nearly identical to earlier submission {id} (distance {distance}, "
        "threshold {limit}); this looks like a repeat report.",
        "advice": "This repeats submission {id}; report only what is new since then, or withdraw it.",
    },
)


def score_duplicate(
    fingerprint: int, earlier: Sequence[DuplicateCandidate], language: str, rubric: Rubric
) -> CriterionScore:
    limit = rubric.settings.duplicate.max_distance
    if not earlier:
        return verdict("duplicate", 100, rubric, _SAY(language, "none", count=0))
    closest = min(
        earlier,
        key=lambda c: (hamming_distance(fingerprint, c.fingerprint), c.submission_id),
    )
    distance = hamming_distance(fingerprint, closest.fingerprint)
    evidence = [_SAY(language, "closest", id=closest.submission_id, unit=closest.unit_id, distance=distance)]
    if distance > limit:
        return verdict("duplicate", 100, rubric, _SAY(language, "none", count=len(earlier)), evidence)
    score = _SCORE_AT_THRESHOLD * distance / limit if limit else 0.0
    explanation = _SAY(language, "duplicate", id=closest.submission_id, distance=distance, limit=limit)
    advice = Suggestion(_SAY(language, "advice", id=closest.submission_id), "title")
    return verdict("duplicate", score, rubric, explanation, evidence, [advice])

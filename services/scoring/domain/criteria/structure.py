"""Structure: paragraphing, enumerations in order, a length that fits the category.

A finding about the whole text (its length, a body of one paragraph) is placed at "body" and
quotes the whole text's size; a finding about one paragraph is placed there and quotes that
paragraph's own size.
"""

from __future__ import annotations

from services.scoring.domain.criteria.verdict import Wording, verdict
from services.scoring.domain.enumeration import enumeration_issues, enumeration_markers
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.text import ParsedItem

_SAY = Wording(
    zh={
        "length": "正文{size}字（{profile}类建议{low}–{high}字）",
        "paragraphs": "{count}段",
        "wall": "第{number}段有{size}字，超过{limit}字，按层次拆分。",
        "single": "全文只有一段，按“概况—做法—成效”分段。",
        "too_short": "全文{size}字，篇幅偏短，补充做法、成效等要素，达到{low}字以上。",
        "too_long": "全文{size}字，篇幅偏长，删去背景铺垫和重复表述，压缩到{high}字以内。",
        "out_of_order": "序号“{found}”出现在“{after}”之后，顺序颠倒。",
        "skipped": "序号“{found}”跳号：前一个是“{after}”，此处应为“{expected}”。",
        "starts_late": "序号从“{found}”开始，应从“{expected}”开始。",
        "enumeration": "序号问题：{problem}",
        "next_steps": "“下一步”打算应放在结尾段。",
        "good": "层次清楚：分段合理，序号有序，篇幅合适。",
        "fair": "结构基本完整，但有需要调整的地方。",
        "poor": "结构不够严谨：分段、序号或篇幅有明显问题。",
    },
    en={
        "length": "{size} words in the body ({low}–{high} expected for {profile} items)",
        "paragraphs": "{count} paragraphs",
        "wall": "Paragraph {number} has {size} words (over {limit}); split it by topic.",
        "single": "The whole text is one paragraph; split it into situation, action and result.",
        "too_short": "The whole text is short ({size} words); add what was done and what it "
        "achieved (at least {low} words).",
        "too_long": "The whole text is long ({size} words); cut background and repetition to {high}.",
        "out_of_order": "“{found}” comes after “{after}”: the list is out of order.",
        "skipped": "“{found}” skips a step after “{after}”; “{expected}” was expected here.",
        "starts_late": "The list starts at “{found}”; it should start at “{expected}”.",
        "enumeration": "enumeration problem: {problem}",
        "next_steps": "Next steps belong in the closing paragraph.",
        "good": "Well structured: sensible paragraphs, ordered lists, a fitting length.",
        "fair": "The structure is mostly sound but has points to fix.",
        "poor": "The structure is loose: paragraphing, lists or length need work.",
    },
)


def score_structure(item: ParsedItem, rubric: Rubric, category: str | None) -> CriterionScore:
    """100 less a penalty for each wall of text, broken list, misfit length or misplaced
    next-steps sentence."""
    rules = rubric.settings.structure
    language = item.language
    if not item.paragraphs:
        return verdict("structure", 0, rubric, _SAY(language, "poor"))
    suggestions: list[Suggestion] = []
    evidence = [_SAY(language, "paragraphs", count=len(item.paragraphs))]
    penalty = _paragraph_penalty(
        item, rules.wall_of_text_penalty, rules.single_paragraph_penalty, suggestions
    )
    penalty += _enumeration_penalty(item, rules.enumeration_penalty, evidence, suggestions)
    penalty += _length_penalty(item, rubric, category, rules.length_penalty_max, evidence, suggestions)
    penalty += _next_steps_penalty(item, rules.misplaced_next_steps_penalty, suggestions)
    score = 100 - penalty
    explanation = _SAY(language, "good" if score >= 85 else "fair" if score >= 60 else "poor")
    return verdict("structure", score, rubric, explanation, evidence, suggestions)


def _paragraph_penalty(item: ParsedItem, wall: float, single: float, suggestions: list[Suggestion]) -> float:
    limit = item.profile.paragraph_max
    penalty = 0.0
    for paragraph in item.paragraphs:
        size = paragraph.size
        if size > limit:
            penalty += wall
            text = _SAY(item.language, "wall", number=paragraph.number, size=size, limit=limit)
            suggestions.append(Suggestion(text, paragraph.location))
    if len(item.paragraphs) == 1 and item.size > limit * 0.6:
        penalty += single
        suggestions.append(Suggestion(_SAY(item.language, "single"), "body"))
    return penalty


def _enumeration_penalty(
    item: ParsedItem, each: float, evidence: list[str], suggestions: list[Suggestion]
) -> float:
    series = item.profile.enumerations
    texts = [paragraph.text for paragraph in item.paragraphs]
    markers = enumeration_markers(texts, series, ignore_case=item.language == "en")
    issues = enumeration_issues(markers, series)
    for issue in issues:
        text = _SAY(item.language, issue.kind, found=issue.found, expected=issue.expected, after=issue.after)
        evidence.append(_SAY(item.language, "enumeration", problem=text))
        suggestions.append(Suggestion(text, f"paragraph {issue.paragraph}"))
    return each * len(issues)


def _length_penalty(
    item: ParsedItem,
    rubric: Rubric,
    category: str | None,
    most: float,
    evidence: list[str],
    suggestions: list[Suggestion],
) -> float:
    profile = rubric.profile_of(category)
    low, high = item.profile.length_range(profile)
    evidence.append(_SAY(item.language, "length", size=item.size, profile=profile, low=low, high=high))
    if item.size < low:
        suggestions.append(Suggestion(_SAY(item.language, "too_short", size=item.size, low=low), "body"))
        return most * (low - item.size) / low
    if item.size > high:
        suggestions.append(Suggestion(_SAY(item.language, "too_long", size=item.size, high=high), "body"))
        return min(most, most * (item.size - high) / high)
    return 0.0


def _next_steps_penalty(item: ParsedItem, each: float, suggestions: list[Suggestion]) -> float:
    phrases = item.profile.phrases["next_steps"]
    last = len(item.paragraphs)
    misplaced = [
        sentence
        for paragraph in item.paragraphs[: last - 1]
        for sentence in paragraph.sentences
        if phrases.find_all(sentence.text)
    ]
    for sentence in misplaced[:1]:
        suggestions.append(Suggestion(_SAY(item.language, "next_steps"), sentence.location))
    return each if misplaced else 0.0

"""Theme: every paragraph measured against title + lead; off-theme paragraphs are named."""

from __future__ import annotations

from dataclasses import dataclass

from services.scoring.domain.criteria.verdict import Wording, quoted, verdict
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.text import ParsedItem

_FULL_CREDIT_FACTOR = 2  # a passage this many times above the off-theme line is fully on theme

_SAY = Wording(
    zh={
        "similarity": "第{number}段与标题和导语的相关度 {value:.3f}",
        "off": "偏离主题的段落：第{number}段“{excerpt}”",
        "advice": "这一段与标题主题关系不大，删去或改写为支撑主题的内容。",
        "short": "正文只有导语，无法判断各段是否紧扣主题。",
        "good": "各段紧扣标题主题。",
        "fair": "大部分内容围绕主题，个别段落关联较弱。",
        "poor": "内容与标题主题不一致，有段落偏离主题。",
    },
    en={
        "similarity": "paragraph {number} against title and lead: {value:.3f}",
        "off": "off-theme: paragraph {number} “{excerpt}”",
        "advice": "This paragraph has little to do with the title's subject; cut it or tie it "
        "to the subject.",
        "short": "The body is only a lead, so there is nothing to compare with the theme.",
        "good": "Every paragraph keeps to the title's subject.",
        "fair": "Most of the text keeps to the subject; some paragraphs drift.",
        "poor": "The text does not match the title's subject; some paragraphs are off-theme.",
    },
)


@dataclass(frozen=True)
class _Passage:
    number: int
    terms: list[str]


def score_theme(item: ParsedItem, rubric: Rubric) -> CriterionScore:
    """Length-weighted credit of every paragraph (the lead left out) for its TF-IDF cosine
    with title + lead (background IDF), from none at 0 to full at twice the off-theme line."""
    language = item.language
    off_below = rubric.settings.theme.off_theme_below[language]
    passages = _passages(item)
    if item.lead is None:
        return verdict("theme", 0, rubric, _SAY(language, "poor"))
    if not passages:
        return verdict("theme", 60, rubric, _SAY(language, "short"))
    space = item.space
    anchor = space.vector([*item.title_terms, *item.lead.terms])
    similarities = [space.cosine(anchor, space.vector(p.terms)) for p in passages]
    full_at = off_below * _FULL_CREDIT_FACTOR
    credit = [min(1.0, value / full_at) for value in similarities]
    sizes = [len(p.terms) for p in passages]
    score = 100 * sum(c * n for c, n in zip(credit, sizes, strict=True)) / sum(sizes)
    evidence = [
        _SAY(language, "similarity", number=p.number, value=v)
        for p, v in zip(passages, similarities, strict=True)
    ]
    suggestions = []
    for passage, value in zip(passages, similarities, strict=True):
        if value < off_below:
            excerpt = quoted(item.paragraphs[passage.number - 1].text, 24)
            evidence.append(_SAY(language, "off", number=passage.number, excerpt=excerpt))
            suggestions.append(Suggestion(_SAY(language, "advice"), f"paragraph {passage.number}"))
    explanation = _SAY(language, "poor" if suggestions else "good" if score >= 80 else "fair")
    return verdict("theme", score, rubric, explanation, evidence, suggestions)


def _passages(item: ParsedItem) -> list[_Passage]:
    """Each paragraph's linking terms without the lead sentence; empty passages skipped."""
    passages = []
    for paragraph in item.paragraphs:
        sentences = paragraph.sentences[1:] if paragraph.number == 1 else paragraph.sentences
        terms = [term for sentence in sentences for term in sentence.terms]
        if terms:
            passages.append(_Passage(paragraph.number, terms))
    return passages

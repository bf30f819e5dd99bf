"""Theme: every paragraph measured against title + lead; off-theme paragraphs are named.

A paragraph far from title and lead is named off-theme only when it also shares little with
the rest of the item: a paragraph that carries the item's own key terms (护路员 in an item
about road maintenance whose title says 养护) keeps to the theme, and so does a worked example
(例如…) of the paragraph before it. Its credit in the score stays that of its similarity.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.scoring.domain.criteria.verdict import Wording, listing, quoted, verdict
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.similarity import Vector
from services.scoring.domain.text import ParsedItem

_FULL_CREDIT_FACTOR = 2  # a passage this many times above the off-theme line is fully on theme

_SAY = Wording(
    zh={
        "similarity": "第{number}段与标题和导语的相关度 {value:.3f}",
        "off": "偏离主题的段落：第{number}段“{excerpt}”",
        "shared": "第{number}段与标题和导语用词不同，但{share:.0%}的词语在全文其他部分出现，仍紧扣主题",
        "rare": "第{number}段与标题和导语用词不同，但与全文其他部分共用主题词“{terms}”，仍紧扣主题",
        "example": "第{number}段以“{marker}”开头，是第{before}段的实例，随第{before}段计为紧扣主题",
        "advice": "这一段与标题主题关系不大，删去或改写为支撑主题的内容。",
        "short": "正文只有导语，无法判断各段是否紧扣主题。",
        "good": "各段紧扣标题主题。",
        "fair": "大部分内容围绕主题，个别段落关联较弱。",
        "poor": "内容与标题主题不一致，有段落偏离主题。",
    },
    en={
        "similarity": "paragraph {number} against title and lead: {value:.3f}",
        "off": "off-theme: paragraph {number} “{excerpt}”",
        "shared": "paragraph {number} uses other words than title and lead, but {share:.0%} of "
        "its terms recur elsewhere in the item: on theme",
        "rare": "paragraph {number} uses other words than title and lead, but shares the "
        "item's key terms “{terms}” with the rest of it: on theme",
        "example": "paragraph {number} opens with “{marker}”: an example of paragraph {before}, "
        "on theme with it",
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
    with title + lead (background IDF), from none at 0 to full at twice the off-theme line;
    paragraphs below the line that share little with the rest of the item are named."""
    language = item.language
    off_below = rubric.settings.theme.off_theme_below[language]
    passages = _passages(item)
    if item.lead is None:
        return verdict("theme", 0, rubric, _SAY(language, "poor"))
    if not passages:
        return verdict("theme", 60, rubric, _SAY(language, "short"))
    space = item.space
    anchor = space.vector([*item.title_terms, *item.lead.terms])
    vectors = [space.vector(p.terms) for p in passages]
    similarities = [space.cosine(anchor, vector) for vector in vectors]
    full_at = off_below * _FULL_CREDIT_FACTOR
    credit = [min(1.0, value / full_at) for value in similarities]
    sizes = [len(p.terms) for p in passages]
    score = 100 * sum(c * n for c, n in zip(credit, sizes, strict=True)) / sum(sizes)
    evidence = [
        _SAY(language, "similarity", number=p.number, value=v)
        for p, v in zip(passages, similarities, strict=True)
    ]
    suggestions = []
    off_theme: set[int] = set()
    recurring: frozenset[str] | None = None
    for passage, vector, value in zip(passages, vectors, similarities, strict=True):
        if value >= off_below:
            continue
        if recurring is None:
            recurring = _recurring([item.title_terms, item.lead.terms, *(v.terms for v in vectors)])
        kept = _kept_on_theme(item, rubric, passage.number, vector, vector.terms & recurring, off_theme)
        if kept is not None:
            evidence.append(kept)
            continue
        off_theme.add(passage.number)
        excerpt = quoted(item.paragraphs[passage.number - 1].text, 24)
        evidence.append(_SAY(language, "off", number=passage.number, excerpt=excerpt))
        suggestions.append(Suggestion(_SAY(language, "advice"), f"paragraph {passage.number}"))
    explanation = _SAY(language, "poor" if suggestions else "good" if score >= 80 else "fair")
    return verdict("theme", score, rubric, explanation, evidence, suggestions)


def _recurring(parts: list[frozenset[str]]) -> frozenset[str]:
    """Terms found in more than one of ``parts`` (the title, the lead, each passage)."""
    seen: set[str] = set()
    recurring: set[str] = set()
    for terms in parts:
        recurring |= seen & terms
        seen |= terms
    return frozenset(recurring)


def _kept_on_theme(
    item: ParsedItem,
    rubric: Rubric,
    number: int,
    vector: Vector,
    elsewhere: frozenset[str],
    off_theme: set[int],
) -> str | None:
    """Why paragraph ``number``, far from title and lead, still keeps to the theme (the
    evidence line), or None when it does not; ``elsewhere``: its terms found elsewhere."""
    language = item.language
    share = item.space.share_on(vector, elsewhere)
    if share >= rubric.settings.theme.on_theme_if_shared[language]:
        return _SAY(language, "shared", number=number, share=share)
    rare = item.space.rarer_than_unknown(sorted(elsewhere))
    if rare:
        return _SAY(language, "rare", number=number, terms=listing(rare, language, 3))
    marker = item.profile.phrases["example_markers"].starts(item.paragraphs[number - 1].text)
    if marker and number > 1 and number - 1 not in off_theme:
        return _SAY(language, "example", number=number, marker=marker, before=number - 1)
    return None


def _passages(item: ParsedItem) -> list[_Passage]:
    """Each paragraph's linking terms without the lead sentence; empty passages skipped."""
    passages = []
    for paragraph in item.paragraphs:
        sentences = paragraph.sentences[1:] if paragraph.number == 1 else paragraph.sentences
        terms = [term for sentence in sentences for term in sentence.terms]
        if terms:
            passages.append(_Passage(paragraph.number, terms))
    return passages

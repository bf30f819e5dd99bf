"""Substance: concrete figures, dates, names and examples against empty stock phrases."""

from __future__ import annotations

from dataclasses import dataclass

from services.scoring.domain.criteria.verdict import Wording, listing, verdict
from services.scoring.domain.facts import Fact, examine, weight_of
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.text import ParsedItem, Sentence

_MOST_EMPTY_NAMED = 3

_SAY = Wording(
    zh={
        "facts": "具体事实（{count}处）：{facts}",
        "stock": "套话（{count}处）：{phrases}",
        "empty_sentence": "这句只有“{phrases}”等套话，换成具体做法、数量、时间或实例。",
        "thin_paragraph": "这一段缺少数据和实例，补充具体数字、时间、地点或典型事例。",
        "good": "内容充实：数据、时间、单位和实例足以支撑主题。",
        "fair": "有一些具体事实，但密度不够，部分句子空泛。",
        "poor": "内容空泛：缺少具体数据和实例，套话多于事实。",
        "empty": "正文为空。",
    },
    en={
        "facts": "concrete facts ({count}): {facts}",
        "stock": "stock phrases ({count}): {phrases}",
        "empty_sentence": "This sentence only says “{phrases}”; replace it with what was done, "
        "how much, when or an example.",
        "thin_paragraph": "This paragraph has no figures or examples; add numbers, dates, "
        "places or a concrete case.",
        "good": "Substantial: figures, dates, named bodies and examples support the point.",
        "fair": "Some concrete facts, but too thinly spread; several sentences are vague.",
        "poor": "Empty: few figures or examples, and more stock phrases than facts.",
        "empty": "The body is empty.",
    },
)


@dataclass(frozen=True)
class _SentenceFacts:
    sentence: Sentence
    facts: list[Fact]
    stock: list[str]


def score_substance(item: ParsedItem, rubric: Rubric) -> CriterionScore:
    """Fact density per 100 units and share of fact-bearing sentences, less empty sentences."""
    language = item.language
    rules = rubric.settings.substance
    found = [_examine(sentence, item, language) for sentence in item.sentences]
    if not found or item.size == 0:
        return verdict("substance", 0, rubric, _SAY(language, "empty"))
    facts = [fact for entry in found for fact in entry.facts]
    density = 100 * weight_of(facts) / item.size
    density_part = 1 - 0.5 ** (density / rules.half_marks_density[language])
    with_facts = sum(1 for entry in found if entry.facts) / len(found)
    coverage_part = min(1.0, with_facts / rules.fact_sentence_share)
    empty = [entry for entry in found if entry.stock and not entry.facts]
    score = 100 * (rules.parts["density"] * density_part + rules.parts["coverage"] * coverage_part)
    score -= rules.empty_sentence_penalty * len(empty) / len(found)
    stock = [phrase for entry in found for phrase in entry.stock]
    evidence = [
        _SAY(language, "facts", count=len(facts), facts=listing((f.text for f in facts), language, 8))
    ]
    if stock:
        evidence.append(_SAY(language, "stock", count=len(stock), phrases=listing(stock, language)))
    suggestions = _empty_sentence_advice(empty, language) or _thin_paragraph_advice(found, language)
    return verdict("substance", score, rubric, _explain(language, score), evidence, suggestions)


def _examine(sentence: Sentence, item: ParsedItem, language: str) -> _SentenceFacts:
    return _SentenceFacts(sentence, *examine(sentence.text, language, item.profile))


def _empty_sentence_advice(empty: list[_SentenceFacts], language: str) -> list[Suggestion]:
    worst = sorted(empty, key=lambda entry: -len(entry.stock))[:_MOST_EMPTY_NAMED]
    return [
        Suggestion(
            _SAY(language, "empty_sentence", phrases=listing(entry.stock, language, 3)),
            entry.sentence.location,
        )
        for entry in sorted(worst, key=lambda e: (e.sentence.paragraph, e.sentence.number))
    ]


def _thin_paragraph_advice(found: list[_SentenceFacts], language: str) -> list[Suggestion]:
    paragraphs: dict[int, float] = {}
    for entry in found:
        paragraphs.setdefault(entry.sentence.paragraph, 0.0)
        paragraphs[entry.sentence.paragraph] += weight_of(entry.facts)
    thin = [number for number, weight in paragraphs.items() if weight == 0]
    return [Suggestion(_SAY(language, "thin_paragraph"), f"paragraph {n}") for n in thin[:3]]


def _explain(language: str, score: float) -> str:
    if score >= 75:
        return _SAY(language, "good")
    return _SAY(language, "fair" if score >= 45 else "poor")

"""Topic prominence: a concise single-subject title whose key terms lead the body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from services.scoring.domain.criteria.verdict import Wording, listing, quoted, verdict
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.segmentation import chinese_words, english_terms, english_words, stem
from services.scoring.domain.text import ParsedItem, Sentence, measure

_CLAUSE_BREAK = {"zh": re.compile(r"[，,；;、]|——"), "en": re.compile(r"[;,]| - | – ")}
_LEAD_AT_PAR = 0.8  # the lead counts as the main point when it is this close to the best match

_SAY = Wording(
    zh={
        "empty": "标题或正文为空。",
        "write_both": "补全标题和导语。",
        "key_terms": "标题关键词：{terms}",
        "carried": "导语中出现：{terms}",
        "in_body": "标题关键词在正文中出现{found}/{total}个",
        "none": "无",
        "too_short": "标题只有{size}字，写明主体和事件（{low}–{high}字）。",
        "too_long": "标题{size}字偏长，压缩到{high}字以内。",
        "clauses": "标题并列了{count}层意思，只保留最主要的一个主题。",
        "stock_title": "标题去掉套话（{phrases}），直接写事实。",
        "carry_advice": "导语应点明标题的主题，写进“{terms}”。",
        "lead_advice": "与标题最贴合的是这句：“{sentence}”，可改作导语。",
        "good": "标题主题明确，导语直接点明要点。",
        "mismatch": "标题与导语脱节：标题的关键词没有出现在导语中，主题不突出。",
        "buried": "导语没有点明要点，最贴合标题的内容埋在后文。",
        "loose": "标题或导语还不够集中、简洁。",
    },
    en={
        "empty": "The title or the body is empty.",
        "write_both": "Write a title and a lead sentence.",
        "key_terms": "title key terms: {terms}",
        "carried": "found in the lead: {terms}",
        "in_body": "{found} of {total} title key terms appear in the body",
        "none": "none",
        "too_short": "The title has {size} words; say who did what ({low}–{high} words).",
        "too_long": "The title has {size} words; cut it to {high} or fewer.",
        "clauses": "The title strings together {count} clauses; keep the one main subject.",
        "stock_title": "Replace the stock phrase in the title ({phrases}) with the fact itself.",
        "carry_advice": "Make the lead state the title's subject ({terms}).",
        "lead_advice": "The sentence closest to the title is “{sentence}”; consider leading with it.",
        "good": "The title names one clear subject and the lead states it.",
        "mismatch": "The title and the lead do not match: the title's key terms are not in the lead.",
        "buried": "The lead does not state the main point; it is buried later in the text.",
        "loose": "The title or the lead could be more focused and concise.",
    },
)


@dataclass(frozen=True)
class _TitleTerms:
    """The title's key terms, those found anywhere in the body and those in the lead."""

    key: list[str]
    in_body: list[str]
    in_lead: list[str]

    def share(self, found: list[str], full_at: float) -> float:
        return min(1.0, len(found) / len(self.key) / full_at) if self.key else 0.0


def score_topic(item: ParsedItem, rubric: Rubric) -> CriterionScore:
    """Title length and focus, title terms found in the body and carried into the lead, and
    the lead as the main point; each part weighted as the rubric says."""
    language, rules = item.language, rubric.settings.topic
    if item.lead is None or not item.title:
        advice = Suggestion(_SAY(language, "write_both"), "title")
        return verdict("topic", 0, rubric, _SAY(language, "empty"), suggestions=[advice])
    length_part, suggestions = _title_length(item)
    terms = _title_terms(item, item.lead)
    lead_part, best_other = _lead_is_main_point(item)
    parts = {
        "title_length": length_part,
        "single_subject": _single_subject(item, rubric, suggestions),
        "terms_in_body": terms.share(terms.in_body, rules.carry_for_full_marks),
        "terms_in_lead": terms.share(terms.in_lead, rules.carry_for_full_marks),
        "lead_is_main_point": lead_part,
    }
    score = 100 * sum(rules.parts[name] * value for name, value in parts.items())
    score -= _stock_in_title(item, rules.stock_title_penalty, suggestions)
    if parts["terms_in_lead"] < 1:
        missing = listing((t for t in terms.key if t not in terms.in_lead), language)
        suggestions.append(Suggestion(_SAY(language, "carry_advice", terms=missing), "lead"))
    if best_other is not None:
        text = _SAY(language, "lead_advice", sentence=quoted(best_other.text))
        suggestions.append(Suggestion(text, best_other.location))
    explanation = _explain(language, score, parts["terms_in_lead"], lead_part)
    return verdict("topic", score, rubric, explanation, _evidence(terms, language), suggestions)


def _title_terms(item: ParsedItem, lead: Sentence) -> _TitleTerms:
    key = _key_terms(item)
    body = "\n".join(paragraph.text for paragraph in item.paragraphs)
    in_body = [term for term in key if _in_text(term, body, item.language)]
    in_lead = [term for term in key if _in_lead(term, lead, item.language)]
    return _TitleTerms(key, in_body, in_lead)


def _stock_in_title(item: ParsedItem, penalty: float, suggestions: list[Suggestion]) -> float:
    stock = item.profile.phrases["officialese"].find_all(item.title)
    if not stock:
        return 0.0
    text = _SAY(item.language, "stock_title", phrases=listing(stock, item.language))
    suggestions.append(Suggestion(text, "title"))
    return penalty


def _evidence(terms: _TitleTerms, language: str) -> list[str]:
    carried = listing(terms.in_lead, language) or _SAY(language, "none")
    return [
        _SAY(language, "key_terms", terms=listing(terms.key, language, 10)),
        _SAY(language, "carried", terms=carried),
        _SAY(language, "in_body", found=len(terms.in_body), total=len(terms.key)),
    ]


def _title_length(item: ParsedItem) -> tuple[float, list[Suggestion]]:
    low, high = item.profile.title_length
    size = measure(item.title, item.language)
    if size < low:
        text = _SAY(item.language, "too_short", size=size, low=low, high=high)
        return size / low, [Suggestion(text, "title")]
    if size > high:
        text = _SAY(item.language, "too_long", size=size, high=high)
        return high / size, [Suggestion(text, "title")]
    return 1.0, []


def _single_subject(item: ParsedItem, rubric: Rubric, suggestions: list[Suggestion]) -> float:
    clauses = [c for c in _CLAUSE_BREAK[item.language].split(item.title) if c.strip()]
    if len(clauses) <= rubric.settings.topic.max_title_clauses:
        return 1.0
    suggestions.append(Suggestion(_SAY(item.language, "clauses", count=len(clauses)), "title"))
    return 0.0


def _key_terms(item: ParsedItem) -> list[str]:
    """jieba words of a Chinese title; the words of an English title as written (they are
    matched by stem, so "nurseries" finds "nursery")."""
    if item.language == "zh":
        return chinese_words(item.title, item.profile.stopwords)
    return list(dict.fromkeys(english_words(item.title, item.profile.stopwords)))


def _in_lead(term: str, lead: Sentence, language: str) -> bool:
    return _in_text(term, lead.text, language)


def _in_text(term: str, text: str, language: str) -> bool:
    if language == "zh":
        return term in text
    return stem(term) in _stems(text)


@lru_cache(maxsize=256)
def _stems(text: str) -> frozenset[str]:
    return frozenset(english_terms(text, frozenset()))


def _lead_is_main_point(item: ParsedItem) -> tuple[float, Sentence | None]:
    """1 when the lead is (nearly) the best summary sentence, else its share of the best.

    A summary sentence is both like the title and central to the body: its cosine with the
    title and with the whole text are averaged.
    """
    space = item.space
    vectors = [space.vector(s.terms) for s in item.sentences]
    title = space.vector(item.title_terms)
    whole = space.vector(item.body_terms)
    summary = [(space.cosine(title, v) + space.cosine_with_whole(v, whole)) / 2 for v in vectors]
    sentences = item.sentences
    lead, others = summary[0], summary[1:]
    best = max(others, default=0.0)
    if best <= 0 or lead >= _LEAD_AT_PAR * best:
        return (1.0 if lead > 0 or not others else 0.5), None
    return lead / best, sentences[others.index(best) + 1]


def _explain(language: str, score: float, carry_part: float, lead_part: float) -> str:
    if score >= 80:
        return _SAY(language, "good")
    if carry_part < 0.5:
        return _SAY(language, "mismatch")
    if lead_part < _LEAD_AT_PAR:
        return _SAY(language, "buried")
    return _SAY(language, "loose")

"""Logic: measures linked to causes and effects, sentences that follow on, numbers that add up.

Links are counted by ``connectives.find_links``: single connectives and connectives in parts
(由于…因此, 首先…其次…最后), each part one link. Flow is measured as how much more
neighbouring sentences share terms than sentences in general: a written argument moves step
by step, so the ratio is well above 1; a shuffled one is near 1.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from operator import mul

from services.scoring.domain.connectives import Links, find_links
from services.scoring.domain.consistency import ImpossibleNumber, impossible_numbers
from services.scoring.domain.criteria.verdict import Wording, listing, verdict
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric
from services.scoring.domain.text import ParsedItem, Sentence

_FEWEST_SENTENCES_FOR_FLOW = 4
_FLOW_UNMEASURED = 1.0  # too few sentences (or no shared terms) to tell order from disorder

_SAY = Wording(
    zh={
        "connectives": "含关联词的句子：{count}句（{words}）",
        "flow": "相邻句衔接度：{ratio:.2f}（1.0即与随机排列无异）",
        "share_over_100": "占比超过100%：{text}",
        "part_exceeds_total": "分项大于总数：{text}",
        "fix_number": "核对这个数字：{text}，占比不可能超过100%，分项不可能大于总数。",
        "dangling": "导语以“{opener}”开头，承接的是不存在的上文；先交代事件本身。",
        "link": "用“通过……从而……”“由于……因此……”等把做法和成效连起来。",
        "good": "逻辑清楚：做法、原因和成效环环相扣，数字前后一致。",
        "fair": "逻辑基本清楚，但做法与成效之间的联系还可以更明确。",
        "poor": "逻辑不严密：句子之间缺少衔接，或数字前后矛盾。",
    },
    en={
        "connectives": "sentences with a connective: {count} ({words})",
        "flow": "flow between neighbouring sentences: {ratio:.2f} (1.0 is no better than shuffled)",
        "share_over_100": "share above 100 %: {text}",
        "part_exceeds_total": "part larger than the total: {text}",
        "fix_number": "Check this figure: {text}. A share cannot exceed 100 % and a part "
        "cannot exceed its total.",
        "dangling": "The lead opens with “{opener}”, which refers back to nothing; "
        "start with the event itself.",
        "link": "Link actions to results with “because”, “through”, “as a result”.",
        "good": "Logical: actions, causes and results are linked and the figures agree.",
        "fair": "Mostly logical, but the link between actions and results could be clearer.",
        "poor": "Loose logic: sentences do not follow on, or the figures contradict each other.",
    },
)


def score_logic(item: ParsedItem, rubric: Rubric) -> CriterionScore:
    """Connective share and flow, less penalties for impossible numbers and a dangling lead."""
    rules = rubric.settings.logic
    language = item.language
    sentences = item.sentences
    if not sentences:
        return verdict("logic", 0, rubric, _SAY(language, "poor"))
    links = find_links(
        [s.text for s in sentences],
        item.profile.phrases["connectives"],
        item.profile.connective_pairs,
        fold_case=language == "en",
    )
    connective_part = min(1.0, links.count / len(sentences) / rules.connective_share)
    flow = flow_ratio(sentences)
    flow_span = rules.flow_for_full - rules.flow_for_zero
    flow_part = min(1.0, max(0.0, (flow - rules.flow_for_zero) / flow_span))
    words = listing(links.words, language)
    evidence = [
        _SAY(language, "connectives", count=len(links.sentences), words=words),
        _SAY(language, "flow", ratio=flow),
    ]
    suggestions: list[Suggestion] = []
    score = 100 * (rules.parts["connectives"] * connective_part + rules.parts["flow"] * flow_part)
    problems = _impossible(item)
    for sentence, problem in problems:
        evidence.append(_SAY(language, problem.kind, text=problem.text))
        suggestions.append(Suggestion(_SAY(language, "fix_number", text=problem.text), sentence.location))
    score -= rules.impossible_number_penalty * len(problems)
    opener = _dangling_opener(item)
    if opener:
        score -= rules.dangling_lead_penalty
        suggestions.append(Suggestion(_SAY(language, "dangling", opener=opener), "lead"))
    if connective_part < 0.5:
        suggestions.append(Suggestion(_SAY(language, "link"), _least_linked(item, links)))
    explanation = _SAY(language, "good" if score >= 75 else "fair" if score >= 50 else "poor")
    return verdict("logic", score, rubric, explanation, evidence, suggestions)


def flow_ratio(sentences: tuple[Sentence, ...]) -> float:
    """Terms shared by neighbouring sentences over terms shared by any two (1.0 = shuffled).

    The all-pairs mean comes from term counts (a term in k sentences is shared by k(k-1)/2
    pairs), so no pair is visited. Single characters are left out: almost any two Chinese
    sentences share some.
    """
    count = len(sentences)
    if count < _FEWEST_SENTENCES_FOR_FLOW:
        return _FLOW_UNMEASURED
    bags = [s.terms for s in sentences]
    spread: Counter[str] = Counter()
    for bag in bags:
        spread.update(bag)
    counts = list(spread.values())
    shared_by_pairs = (sum(map(mul, counts, counts)) - sum(counts)) / 2
    if not shared_by_pairs:
        return _FLOW_UNMEASURED
    mean_all = shared_by_pairs / (count * (count - 1) / 2)
    neighbours = sum(len(a & b) for a, b in pairwise(bags)) / (count - 1)
    return float(neighbours / mean_all)


def _impossible(item: ParsedItem) -> list[tuple[Sentence, ImpossibleNumber]]:
    cues = item.profile.phrases["share_cues"]
    return [
        (sentence, problem)
        for sentence in item.sentences
        for problem in impossible_numbers(sentence.text, item.language, cues)
    ]


def _dangling_opener(item: ParsedItem) -> str | None:
    if item.lead is None:
        return None
    return item.profile.phrases["backward_openers"].starts(item.lead.text)


def _least_linked(item: ParsedItem, links: Links) -> str:
    """The longest paragraph without a connective; the whole body when every one has some."""
    linked = {item.sentences[index].paragraph for index in links.sentences}
    unlinked = [p for p in item.paragraphs if p.number not in linked]
    if not unlinked:
        return "body"
    return max(unlinked, key=lambda p: p.size).location

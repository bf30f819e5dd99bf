"""Deterministic degradations of a corpus item, each removing one quality the rubric names.

- ``no_data``: figures, dates and worked examples replaced by vague words or dropped;
- ``title_swap``: the title replaced by the title of an unrelated item in the same language;
- ``officialese``: every sentence after the lead that states a figure or an example replaced by
  stock sentences of at least its length;
- ``shuffled``: all sentences shuffled with a fixed seed, paragraph sizes kept.

Sentences are split here with a regex of their own, so the degradations do not lean on the
scorer's parser.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from services.scoring.corpus import CorpusItem

SHUFFLE_SEED = 20261127
VARIANTS: tuple[str, ...] = ("no_data", "title_swap", "officialese", "shuffled")

_ZH_SENTENCE = re.compile(r"[^。！？]+[。！？]+[”」]?")
_EN_SENTENCE = re.compile(r"(?:(?<![A-Z]\.)(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[\"“A-Z])")
_ZH_EXAMPLE = re.compile(r"例如|比如")
_EN_EXAMPLE = re.compile(r"for example|for instance", re.I)
_ZH_VAGUE = (
    (re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?"), "近日"),
    (re.compile(r"\d{4}年"), "今年"),
    (re.compile(r"\d+(?:\.\d+)?\s*[万亿千]*(?:元|美元)"), "一定资金"),
    (re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|个百分点)"), "明显比例"),
    (re.compile(r"[\d.,]+\s*[万亿千]*[余多]?"), "若干"),
)
_EN_VAGUE = (
    (
        re.compile(
            r"\b\d{1,2}(?:\s+and\s+\d{1,2})?\s+(?:January|February|March|April|May|June|July|"
            r"August|September|October|November|December)(?:\s+\d{4})?"
        ),
        "recently",
    ),
    (re.compile(r"\b(?:in|since|by)\s+(?:spring\s+)?\d{4}\b"), "recently"),
    (re.compile(r"[£$€]\s?[\d.,]+(?:\s?(?:million|billion|m|bn))?"), "funding"),
    (re.compile(r"\b[\d.,]+\s?(?:%|per cent)"), "a large share"),
    (re.compile(r"\b\d[\d.,:]*(?:\s?(?:am|pm))?"), "many"),
)
_ZH_STOCK = (
    "各级各部门高度重视，认真贯彻落实上级部署要求，切实加强组织领导。",
    "通过多措并举、齐抓共管，各项工作扎实推进，取得明显成效。",
    "相关部门进一步加强统筹协调，压实责任，确保各项措施落到实处。",
    "广大群众积极参与，营造了良好氛围，社会反响良好。",
)
_EN_STOCK = (
    "The council attaches great importance to this work and will further strengthen it.",
    "Partners are working closely together to deliver real results for local people.",
    "This represents significant progress and a solid foundation for the future.",
    "The programme has been widely praised and continues to go from strength to strength.",
)


def degrade(item: CorpusItem, variant: str, corpus: Sequence[CorpusItem]) -> CorpusItem:
    """The ``variant`` of ``item``; ``corpus`` supplies the unrelated title for title_swap."""
    if variant == "title_swap":
        return replace(item, title=_unrelated_title(item, corpus))
    change: Callable[[list[list[str]], str], list[list[str]]] = {
        "no_data": _without_data,
        "officialese": _with_stock_phrases,
        "shuffled": _shuffled,
    }[variant]
    paragraphs = [_sentences(p, item.language) for p in item.body.split("\n") if p.strip()]
    changed = change(paragraphs, item.language)
    joiner = "" if item.language == "zh" else " "
    body = "\n\n".join(joiner.join(p) for p in changed if p)
    return replace(item, body=body)


def with_foreign_paragraph(item: CorpusItem, corpus: Sequence[CorpusItem]) -> CorpusItem:
    """``item`` with the second paragraph of an unrelated same-language item inserted as its
    third paragraph: the case the theme criterion must name (not one of VARIANTS, since added
    facts may rightly raise other criteria)."""
    donor_title = _unrelated_title(item, corpus)
    donor = next(other for other in corpus if other.title == donor_title)
    paragraphs = [p for p in item.body.split("\n") if p.strip()]
    foreign = [p for p in donor.body.split("\n") if p.strip()][1]
    return replace(item, body="\n\n".join([*paragraphs[:2], foreign, *paragraphs[2:]]))


def _sentences(paragraph: str, language: str) -> list[str]:
    text = paragraph.strip()
    if language == "zh":
        return _ZH_SENTENCE.findall(text) or [text]
    return [s for s in _EN_SENTENCE.split(text) if s.strip()]


def _unrelated_title(item: CorpusItem, corpus: Sequence[CorpusItem]) -> str:
    same = [other for other in corpus if other.language == item.language]
    position = next(i for i, other in enumerate(same) if other.id == item.id)
    return same[(position + len(same) // 2) % len(same)].title


def _without_data(paragraphs: list[list[str]], language: str) -> list[list[str]]:
    example = _ZH_EXAMPLE if language == "zh" else _EN_EXAMPLE
    vague = _ZH_VAGUE if language == "zh" else _EN_VAGUE
    kept = []
    for sentences in paragraphs:
        remaining = [_blur(s, vague) for s in sentences if not example.search(s)]
        kept.append(remaining)
    return kept


def _blur(sentence: str, vague: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    for pattern, word in vague:
        sentence = pattern.sub(word, sentence)
    return sentence


def _with_stock_phrases(paragraphs: list[list[str]], language: str) -> list[list[str]]:
    """Fact sentences after the lead become stock sentences of at least the same length, so
    the variant is no shorter than the original and length alone cannot tell them apart."""
    stock = _ZH_STOCK if language == "zh" else _EN_STOCK
    example = _ZH_EXAMPLE if language == "zh" else _EN_EXAMPLE
    used = 0
    result = []
    for index, sentences in enumerate(paragraphs):
        changed = []
        for position, sentence in enumerate(sentences):
            is_lead = index == 0 and position == 0
            if is_lead or not (re.search(r"\d", sentence) or example.search(sentence)):
                changed.append(sentence)
                continue
            filler = ""
            while len(filler) < len(sentence):
                filler += stock[used % len(stock)] + ("" if language == "zh" else " ")
                used += 1
            changed.append(filler.strip())
        result.append(changed)
    return result


def _shuffled(paragraphs: list[list[str]], language: str) -> list[list[str]]:
    sentences = [s for p in paragraphs for s in p]
    order = list(range(len(sentences)))
    random.Random(SHUFFLE_SEED).shuffle(order)
    if order[0] == 0 and len(order) > 1:
        order = order[1:] + order[:1]
    shuffled = [sentences[i] for i in order]
    result, start = [], 0
    for p in paragraphs:
        result.append(shuffled[start : start + len(p)])
        start += len(p)
    return result

"""Numbers that cannot be right: a share above 100 %, a part larger than its stated total."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.scoring.domain.rubric import PhraseList

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|％|per\s?cent\b|percent\b)", re.I)
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?]")
_GROWTH = re.compile(
    r"增长|增加|增幅|同比|环比|翻|提高了|提升了|上升了|完成|超额|计划|目标|"
    r"increase|growth|grew by|rose by|up by|higher than|more than|target|of plan|of budget",
    re.I,
)
_MAGNITUDE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ZH_TOTAL = re.compile(
    r"(?:共|总计|合计|累计|共计|总共|一共)[\u4e00-\u9fff]{0,6}?\s*(\d+(?:\.\d+)?)\s*([万千百亿]?)\s*"
    r"([\u4e00-\u9fff]{1,2}?)(?=[，,。；;（(其])"
)
_ZH_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([万千百亿]?)\s*([\u4e00-\u9fff])")
_EN_TOTAL = re.compile(r"(?:a total of|in total|total of|altogether)\s+(\d+(?:,\d{3})*)\s+([a-z]+)", re.I)
_EN_PART = re.compile(r"(?<![£$€¥\d,.])(\d+(?:,\d{3})*)(?![\d.,]*\s*(?:%|per\s?cent|million|bn))", re.I)
_EN_PART_CUE = re.compile(r"\b(?:of whom|of which|including|among them)\b", re.I)


@dataclass(frozen=True)
class ImpossibleNumber:
    kind: str  # "share_over_100" | "part_exceeds_total"
    text: str


def impossible_numbers(sentence: str, language: str, share_cues: PhraseList) -> list[ImpossibleNumber]:
    found = _shares_over_hundred(sentence, share_cues)
    found.extend(_parts_over_total(sentence) if language == "zh" else _english_parts(sentence))
    return found


def _shares_over_hundred(sentence: str, share_cues: PhraseList) -> list[ImpossibleNumber]:
    found = []
    for match in _PERCENT.finditer(sentence):
        if float(match.group(1)) <= 100:
            continue
        before = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
        after = _CLAUSE_BREAK.split(sentence[match.end() :])[0]
        if share_cues.find_all(before + " " + after) and not _GROWTH.search(before):
            found.append(ImpossibleNumber("share_over_100", match.group(0).strip()))
    return found


def _parts_over_total(sentence: str) -> list[ImpossibleNumber]:
    found = []
    for total in _ZH_TOTAL.finditer(sentence):
        total_value = float(total.group(1)) * _MAGNITUDE[total.group(2)]
        unit = total.group(3)[-1]
        rest = sentence[total.end() :]
        if "其中" not in rest:
            continue
        clause = rest[rest.index("其中") :]
        for part in _ZH_PART.finditer(re.split(r"[。；;]", clause)[0]):
            value = float(part.group(1)) * _MAGNITUDE[part.group(2)]
            if part.group(3) == unit and value > total_value:
                found.append(ImpossibleNumber("part_exceeds_total", f"{total.group(0)}…{part.group(0)}"))
    return found


def _english_parts(sentence: str) -> list[ImpossibleNumber]:
    found = []
    for total in _EN_TOTAL.finditer(sentence):
        total_value = int(total.group(1).replace(",", ""))
        rest = sentence[total.end() :]
        cue = _EN_PART_CUE.search(rest)
        if cue is None:
            continue
        for part in _EN_PART.finditer(rest[cue.end() :]):
            if int(part.group(1).replace(",", "")) > total_value:
                found.append(ImpossibleNumber("part_exceeds_total", f"{total.group(0)} … {part.group(0)}"))
    return found

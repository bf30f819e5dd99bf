"""Fixed phrases and number, date and period formats of bulletins, in Chinese and English."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from shared.contracts.publications import publication_name

from .model import LEVELS, BulletinData, CriticismReason, Placement

_CN_DIGITS = "零一二三四五六七八九十"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

LEVEL_ORDER = LEVELS
LEVEL_NAMES = {
    "zh": {
        "national": "国家级",
        "province": "省级",
        "city": "市级",
        "county": "县级",
        "township": "乡镇级",
    },
    "en": {
        "national": "national",
        "province": "provincial",
        "city": "city",
        "county": "county",
        "township": "township",
    },
}
FORM_NAMES = {
    "zh": {"full_text": "单篇", "excerpt": "摘编", "combined": "综合"},
    "en": {"full_text": "full text", "excerpt": "excerpt", "combined": "combined"},
}
TIE_RULES = {
    "zh": {
        "competition": "得分相同的单位名次并列，其后名次顺延（如1、1、3）",
        "dense": "得分相同的单位名次并列，其后名次依次递进（如1、1、2）",
    },
    "en": {
        "competition": "units with equal scores share a place and the next place is skipped (1, 1, 3)",
        "dense": "units with equal scores share a place and the next place follows on (1, 1, 2)",
    },
}
RANKED_BY = {
    "zh": {"total": "名次按得分", "average": "名次按平均每条信息得分"},
    "en": {"total": "Places follow points", "average": "Places follow average points per item"},
}
GROUPED_BY = {
    "zh": {"unit_class": "在各类单位内分别排列", "level": "在各层级单位内分别排列", "all": "统一排列"},
    "en": {"unit_class": " within each class", "level": " within each level", "all": ""},
}
_CLASS_MARK = re.compile(r"^([IVX]+|[一二三四五六七八九十]+)$")
CRITICISM_ORDER = (
    CriticismReason.NOT_SUBMITTED,
    CriticismReason.LOW_QUALITY,
    CriticismReason.INACCURATE,
)
CRITICISM_NAMES = {
    "zh": {
        CriticismReason.NOT_SUBMITTED: "未按要求报送信息",
        CriticismReason.LOW_QUALITY: "报送信息质量较低",
        CriticismReason.INACCURATE: "报送信息不准确、失实",
    },
    "en": {
        CriticismReason.NOT_SUBMITTED: "Did not submit information as required",
        CriticismReason.LOW_QUALITY: "Submitted information of low quality",
        CriticismReason.INACCURATE: "Submitted inaccurate information",
    },
}

PHRASES = {
    "zh": {
        "masthead": "政务信息工作通报",
        "overview": "总体情况",
        "ranking": "各单位得分排名",
        "adoption": "采用情况",
        "commended": "表扬",
        "criticised": "通报批评",
        "requirements": "工作要求",
        "top_three": "各类单位前三名",
        "score_table": "得分排名",
        "by_unit": "各单位被采用情况",
        "item_list": "采用信息目录",
        "rank_caption": "各单位政务信息工作得分排名表",
        "rank_caption_group": "{group}政务信息工作得分排名表",
        "item_caption": "被采用信息目录",
        "rank_header": ("名次", "单位", "类别", "报送（条）", "采用（条）", "得分"),
        "item_header": ("序号", "信息标题", "报送单位", "采用刊物", "采用层级"),
        "chart_ranking": "各单位得分",
        "score": "得分",
        "submitted": "报送（条）",
        "adopted": "采用（条）",
        "commend_lead": "以下单位政务信息工作成效明显，予以通报表扬：",
        "criticise_lead": "以下单位政务信息工作存在差距，予以通报批评：",
        "requirements_text": (
            "各单位要对照本通报查找差距，明确专人负责，严格审核把关，确保信息真实准确、"
            "报送及时。受到通报批评的单位要认真分析原因，切实加以改进。"
        ),
        "no_adoption": "本期无单位信息被采用。",
    },
    "en": {
        "masthead": "Government Information Work Bulletin",
        "overview": "Overview",
        "ranking": "Scores and Ranking",
        "adoption": "Adoption",
        "commended": "Commendations",
        "criticised": "Criticism",
        "requirements": "Requirements",
        "top_three": "Top three in each class",
        "score_table": "Scores of all units",
        "by_unit": "Adopted items by unit",
        "item_list": "List of adopted items",
        "rank_caption": "Information work scores and ranking",
        "rank_caption_group": "Information work scores and ranking: {group}",
        "item_caption": "Adopted items",
        "rank_header": ("Rank", "Unit", "Class", "Submitted", "Adopted", "Score"),
        "item_header": ("No.", "Title", "Unit", "Publication", "Level"),
        "chart_ranking": "Scores by unit",
        "score": "Score",
        "submitted": "Submitted",
        "adopted": "Adopted",
        "commend_lead": "The following units are commended for their information work:",
        "criticise_lead": "The following units fell short and are criticised:",
        "requirements_text": (
            "Every unit should compare its work with this bulletin, name a person responsible "
            "for information, check every item before it is sent, and submit accurate "
            "information on time. Criticised units should find the causes and correct them."
        ),
        "no_adoption": "No unit had an item adopted in this period.",
    },
}


def section_number(language: str, n: int) -> str:
    """1 -> '一、' or 'I. '."""
    return f"{chinese_numeral(n)}、" if language == "zh" else f"{_ROMAN[n - 1]}. "


def subsection_number(language: str, n: int) -> str:
    """1 -> '（一）' or '(a) '."""
    return f"（{chinese_numeral(n)}）" if language == "zh" else f"({'abcdefghij'[n - 1]}) "


def chinese_numeral(n: int) -> str:
    if n <= 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _CN_DIGITS[tens]}十{_CN_DIGITS[ones] if ones else ''}"


def format_score(value: Decimal) -> str:
    """Decimal('135.40') -> '135.4'; Decimal('160.0') -> '160'."""
    text = f"{value.normalize():f}"
    return text


def format_rate(adopted: int, submitted: int) -> str:
    return f"{adopted * 100 / submitted:.1f}" if submitted else "0.0"


def format_date(language: str, day: date) -> str:
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def format_period(data: BulletinData) -> str:
    """'2026-11' -> '2026年11月' / 'November 2026'; '2026-Q4' -> '2026年第四季度' / 'Q4 2026'."""
    year = data.period[:4]
    if data.kind == "monthly":
        month = int(data.period[5:])
        return f"{year}年{month}月" if data.language == "zh" else f"{_EN_MONTHS[month - 1]} {year}"
    if data.kind == "quarterly":
        quarter = int(data.period[-1])
        if data.language == "zh":
            return f"{year}年第{chinese_numeral(quarter)}季度"
        return f"Q{quarter} {year}"
    return f"{year}年度" if data.language == "zh" else year


def month_label(language: str, month: str) -> str:
    number = int(month[5:])
    return f"{number}月" if language == "zh" else _EN_MONTHS[number - 1][:3]


def month_name(month: int) -> str:
    return _EN_MONTHS[month - 1]


def jurisdiction(office_name: str) -> str:
    """The administrative suffix of the issuing office: 市 for 某某市人民政府办公室, else ''."""
    head = office_name.split("人民政府")[0] if "人民政府" in office_name else office_name
    for char in reversed(head):
        if char in "省市县区旗州盟":
            return char
    return ""


def default_addressees(language: str, office_name: str) -> str:
    if language == "en":
        return "To all reporting units:"
    return {
        "省": "各市人民政府，省政府各部门、各直属机构：",
        "市": "各县（市、区）人民政府，市政府各部门、各直属机构：",
        "州": "各县（市）人民政府，州政府各部门：",
        "县": "各乡镇人民政府、街道办事处，县政府各部门：",
        "区": "各镇人民政府、街道办事处，区政府各部门：",
        "旗": "各苏木乡镇、街道办事处，旗政府各部门：",
        "盟": "各旗县市区人民政府，盟行署各部门：",
    }.get(jurisdiction(office_name), "各有关单位：")


def group_name(language: str, grouped_by: str, group: str) -> str:
    """The peer group as a reader names it: 'II' → II类单位 / Class II; a level → 县级单位 /
    county units; a class with a name of its own (乡镇（街道）) as it is; all units → ''."""
    if grouped_by == "all":
        return ""
    if grouped_by == "level":
        level = LEVEL_NAMES[language].get(group, group)
        return f"{level}单位" if language == "zh" else f"{level} units"
    if _CLASS_MARK.match(group):
        return f"{group}类单位" if language == "zh" else f"Class {group}"
    return group


def placement_text(language: str, placement: Placement) -> str:
    """市《政务信息》（综合） / City Government Information (combined): the publication by name
    (a code the catalogue does not know as it is), with the form of the adoption."""
    name = publication_name(placement.publication, language)
    form = FORM_NAMES[language].get(placement.form, placement.form)
    if not form:
        return name
    return f"{name}（{form}）" if language == "zh" else f"{name} ({form})"


def placements_text(language: str, placements: tuple[Placement, ...]) -> str:
    """Every placement of an item in the order it happened (up the levels, as forwarded)."""
    return ("、" if language == "zh" else ", ").join(placement_text(language, p) for p in placements)


def ranking_rule(data: BulletinData) -> str:
    """How the places were given: by what, within which groups, and how ties share a place."""
    lang = data.language
    how = RANKED_BY[lang][data.ranked_by] + GROUPED_BY[lang][data.grouped_by]
    if lang == "zh":
        return f"{how}；{TIE_RULES[lang][data.ties]}。"
    return f"{how}; {TIE_RULES[lang][data.ties]}."

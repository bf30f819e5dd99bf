"""Dates stated in an item's text, in Chinese and English forms, resolved to calendar days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}  # fmt: skip
_CN_NUMBER = r"[〇零一二三四五六七八九十]{1,4}"
_CHINESE_DATE = re.compile(
    r"(?=[\d〇零一二三四五六七八九十])"  # a cheap first-character check before the branches
    rf"(?:(\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(\d{{1,2}}|{_CN_NUMBER})\s*月\s*"
    rf"(\d{{1,2}}|{_CN_NUMBER})\s*[日号]"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_ENGLISH_DAY_MONTH = re.compile(rf"\b{_DAY}\s+{_MONTH}{_YEAR}\b", re.I)
_ENGLISH_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")


@dataclass(frozen=True)
class StatedDate:
    """A day named in the text; ``year`` is None when the text leaves it out."""

    text: str
    year: int | None
    month: int
    day: int

    def on_or_before(self, reference: date) -> date | None:
        """The calendar day meant, or None if it is not a real day or lies after ``reference``
        (a plan, not an event). A missing year is the one that puts the day nearest to
        ``reference``."""
        years = [self.year] if self.year is not None else [reference.year + d for d in (-1, 0, 1)]
        candidates = [day for year in years if (day := _real_day(year, self.month, self.day))]
        if not candidates:
            return None
        nearest = min(candidates, key=lambda day: abs((reference - day).days))
        return nearest if nearest <= reference else None


def _real_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def stated_dates(text: str, language: str) -> list[StatedDate]:
    """Every day-precise date written in the text, in order of appearance."""
    found = _chinese_dates(text) if language == "zh" else _english_dates(text)
    found.extend(_iso_dates(text))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def chinese_number(text: str) -> int | None:
    """Arabic digits, or Chinese numerals up to 99 (十一, 二十, 二十三) and digit-by-digit years."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = [_CN_DIGITS.get(char) for char in text]
        if any(d is None for d in digits):
            return None
        return int("".join(str(d) for d in digits))
    tens, _, units = text.partition("十")
    tens_value = _CN_DIGITS.get(tens, -1) if tens else 1
    units_value = _CN_DIGITS.get(units, -1) if units else 0
    if tens_value < 0 or units_value < 0:
        return None
    return tens_value * 10 + units_value


def _chinese_dates(text: str) -> list[tuple[int, StatedDate]]:
    found = []
    for match in _CHINESE_DATE.finditer(text):
        year_text, month_text, day_text = match.groups()
        year = chinese_number(year_text) if year_text else None
        month, day = chinese_number(month_text), chinese_number(day_text)
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            found.append((match.start(), StatedDate(match.group(0), year, month, day)))
    return found


def _english_dates(text: str) -> list[tuple[int, StatedDate]]:
    found = []
    for match in _ENGLISH_DAY_MONTH.finditer(text):
        day, month, year = match.groups()
        found.append((match.start(), _english(match.group(0), year, month, day)))
    for match in _ENGLISH_MONTH_DAY.finditer(text):
        month, day, year = match.groups()
        found.append((match.start(), _english(match.group(0), year, month, day)))
    return [(start, d) for start, d in found if 1 <= d.day <= 31]


def _english(text: str, year: str | None, month: str, day: str) -> StatedDate:
    return StatedDate(text, int(year) if year else None, _MONTHS[month.lower()], int(day))


def _iso_dates(text: str) -> list[tuple[int, StatedDate]]:
    found = []
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((match.start(), StatedDate(match.group(0), year, month, day)))
    return found

"""What people are told, composed from the facts: pure functions, Chinese and English.

Each composer returns a :class:`Message` (or None when the fact concerns nobody) carrying
its text in every language; the default language follows the item, and delivery picks the
recipient's preferred one. Wording lives in :mod:`services.notify.domain.templates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from services.notify.domain.templates import LANGUAGES, phrase, render
from shared.contracts.publications import publication_named

HIGH_LEVELS = frozenset({"province", "national"})
"""Adoption levels a unit's main leader is told about."""


@dataclass(frozen=True)
class Message:
    """A message for one person (or a unit, when nobody is named) in every language."""

    kind: str
    recipient_id: str
    submission_id: str | None
    texts: Mapping[str, tuple[str, str]] = field(hash=False)
    language: str = "zh"
    urgent: bool = False
    """Goes out at once, through quiet hours and digests (emergencies, instructions)."""
    highlight: bool = False
    """Shown highlighted and sent singly even to digest readers (overdue work)."""

    def text(self, language: str | None = None) -> tuple[str, str]:
        """(subject, body) in ``language``, or in the message's default language."""
        return self.texts.get(language or self.language) or self.texts[self.language]

    @property
    def subject(self) -> str:
        return self.text()[0]

    @property
    def body(self) -> str:
        return self.text()[1]


@dataclass(frozen=True)
class ItemFacts:
    """What notify remembers of an item to address messages about it."""

    submission_id: str
    author_id: str
    unit_id: str
    title: str
    language: str


@dataclass(frozen=True)
class ScoreFacts:
    overall: float
    band: str
    suggestions: tuple[tuple[str, str], ...]  # (location, text)


def compose(
    kind: str,
    recipient_id: str,
    submission_id: str | None,
    language: str,
    fields: Callable[[str], Mapping[str, Any]],
    *,
    urgent: bool = False,
    highlight: bool = False,
) -> Message:
    """A message of ``kind`` rendered in every language from ``fields(language)``."""
    texts = {lang: render(kind, lang, **fields(lang)) for lang in LANGUAGES}
    default = language if language in LANGUAGES else "zh"
    return Message(kind, recipient_id, submission_id, texts, default, urgent, highlight)


_PLACES = {"title": ("标题", "title"), "lead": ("导语", "lead"), "body": ("正文", "text")}
_PARAGRAPH = re.compile(r"paragraph (\d+)")
_SENTENCE = re.compile(r"sentence (\d+) of paragraph (\d+)")


def place(location: str, lang: str) -> str:
    """Where a scoring suggestion applies, for people: 'sentence 2 of paragraph 3' → 第3段第2句."""
    zh = lang == "zh"
    if found := _SENTENCE.fullmatch(location):
        sentence, paragraph = found.groups()
        return f"第{paragraph}段第{sentence}句" if zh else location
    if found := _PARAGRAPH.fullmatch(location):
        return f"第{found.group(1)}段" if zh else location
    names = _PLACES.get(location)
    return (names[0] if zh else names[1]) if names else location


def score_message(item: ItemFacts, score: ScoreFacts, max_suggestions: int = 5) -> Message:
    """Tell the author the quality score and what to improve."""
    tips = score.suggestions[:max_suggestions]

    def fields(lang: str) -> dict[str, Any]:
        sep = "：" if lang == "zh" else ": "
        listed = "".join(f"\n- {place(where, lang)}{sep}{text}" for where, text in tips)
        heading = f"\n{phrase(lang, 'suggestions')}{sep.strip()}" if tips else ""
        return {
            "title": item.title,
            "overall": score.overall,
            "band": phrase(lang, score.band),
            "tips": heading + listed,
        }

    return compose("score", item.author_id, item.submission_id, _lang(item), fields)


def points_message(
    item: ItemFacts | None,
    recipient_id: str,
    points: Decimal,
    reason: str,
    reversed_entry: bool,
    language: str = "zh",
    submission_id: str | None = None,
) -> Message:
    """Tell the information officer about points earned, deducted or reversed. The message
    names the entry's item (``submission_id``) even when notify has not seen that item yet:
    the ledger and the item arrive on different topics, in no fixed order."""
    what = "reversed" if reversed_entry else ("deducted" if points < 0 else "earned")
    title = item.title if item else ""

    def fields(lang: str) -> dict[str, Any]:
        about = (f"：《{title}》" if lang == "zh" else f': "{title}"') if title else ""
        return {"what": phrase(lang, what), "signed": f"{points:+}", "about": about, "reason": reason}

    lang = _lang(item) if item else language
    return compose("points", recipient_id, item.submission_id if item else submission_id, lang, fields)


def returned_message(item: ItemFacts, reasons: list[str]) -> Message:
    """Tell the author the item was returned, with the editor's reasons."""

    def fields(lang: str) -> dict[str, Any]:
        listed = "\n".join(f"- {r}" for r in reasons or [phrase(lang, "none_given")])
        return {"title": item.title, "reasons": listed}

    return compose("returned", item.author_id, item.submission_id, _lang(item), fields)


def publication_label(code: str, lang: str) -> str:
    """A publication as the templates print it: its masthead in Chinese (市级《政务信息》), its
    English name in English; a code the catalogue does not know as it is."""
    found = publication_named(code)
    if found is None:
        return code
    return found.masthead if lang == "zh" else found.name_en


def adopted_message(item: ItemFacts, publication: str, office_level: str) -> Message:
    """Tell the author the item was adopted, and by which publication and level."""

    def fields(lang: str) -> dict[str, Any]:
        label = publication_label(publication, lang)
        return {"title": item.title, "level": phrase(lang, office_level), "publication": label}

    return compose("adopted", item.author_id, item.submission_id, _lang(item), fields)


def instruction_message(item: ItemFacts, leader: str, text: str) -> Message:
    """Tell the author a leader wrote an instruction on the item."""
    return compose(
        "instruction",
        item.author_id,
        item.submission_id,
        _lang(item),
        lambda _: {"title": item.title, "leader": leader, "text": text},
        urgent=True,
    )


def leader_adoption_message(
    item: ItemFacts, leader_id: str, unit_name: str, publication: str, office_level: str
) -> Message | None:
    """Tell a unit's main leader its item was adopted at province or national level."""
    if office_level not in HIGH_LEVELS:
        return None

    def fields(lang: str) -> dict[str, Any]:
        return {
            "title": item.title,
            "unit": unit_name,
            "level": phrase(lang, office_level),
            "publication": publication_label(publication, lang),
        }

    return compose("leader_adoption", leader_id, item.submission_id, _lang(item), fields)


def leader_instruction_message(
    item: ItemFacts, leader_id: str, unit_name: str, leader: str, text: str, due: str | None
) -> Message:
    """Tell a unit's main leader a leader wrote an instruction on the unit's item."""

    def fields(lang: str) -> dict[str, Any]:
        return {
            "title": item.title,
            "unit": unit_name,
            "leader": leader,
            "text": text,
            "due": phrase(lang, "feedback_due", due=due) if due else "",
        }

    return compose("leader_instruction", leader_id, item.submission_id, _lang(item), fields, urgent=True)


def _lang(item: ItemFacts | None) -> str:
    return "zh" if item is None or item.language == "zh" else "en"

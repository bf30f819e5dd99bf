"""What people are told, composed from the facts: pure functions, Chinese and English.

Each composer returns a :class:`Message` or None when the fact concerns nobody. Messages
are addressed to a person id; the language follows the item's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

BAND_NAMES = {
    "zh": {"excellent": "优秀", "good": "良好", "fair": "一般", "poor": "较差"},
    "en": {"excellent": "excellent", "good": "good", "fair": "fair", "poor": "poor"},
}


@dataclass(frozen=True)
class Message:
    """A message for one person about one item."""

    kind: str
    recipient_id: str
    submission_id: str | None
    subject: str
    body: str
    urgent: bool = False


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


def score_message(item: ItemFacts, score: ScoreFacts, max_suggestions: int = 5) -> Message:
    """Tell the author the quality score and what to improve."""
    band = BAND_NAMES[_lang(item)][score.band]
    tips = score.suggestions[:max_suggestions]
    if _lang(item) == "zh":
        subject = f"《{item.title}》质量评分 {score.overall:.0f} 分（{band}）"
        lines = [f"您报送的信息《{item.title}》质量评分为 {score.overall:.1f} 分，等级：{band}。"]
        lines += ["改进建议："] + [f"- {where}：{text}" for where, text in tips] if tips else []
    else:
        subject = f'"{item.title}" scored {score.overall:.0f} ({band})'
        lines = [f'Your item "{item.title}" scored {score.overall:.1f}, band: {band}.']
        lines += ["Suggestions:"] + [f"- {where}: {text}" for where, text in tips] if tips else []
    return Message("score", item.author_id, item.submission_id, subject, "\n".join(lines))


def points_message(
    item: ItemFacts | None,
    recipient_id: str,
    points: Decimal,
    reason: str,
    reversed_entry: bool,
    language: str = "zh",
) -> Message:
    """Tell the information officer about points earned, deducted or reversed."""
    lang = _lang(item) if item else language
    title = item.title if item else ""
    signed = f"{points:+}"
    if lang == "zh":
        what = "积分冲销" if reversed_entry else ("积分扣减" if points < 0 else "获得积分")
        subject = f"{what} {signed}" + (f"：《{title}》" if title else "")
        body = f"{what} {signed} 分。原因：{reason}。"
    else:
        what = "Points reversed" if reversed_entry else ("Points deducted" if points < 0 else "Points earned")
        subject = f"{what} {signed}" + (f': "{title}"' if title else "")
        body = f"{what}: {signed}. Reason: {reason}."
    submission_id = item.submission_id if item else None
    return Message("points", recipient_id, submission_id, subject, body)


def returned_message(item: ItemFacts, reasons: list[str]) -> Message:
    """Tell the author the item was returned, with the editor's reasons."""
    if _lang(item) == "zh":
        subject = f"《{item.title}》已退回"
        body = "退回理由：\n" + "\n".join(f"- {r}" for r in reasons or ["（未填写）"])
    else:
        subject = f'"{item.title}" was returned'
        body = "Reasons:\n" + "\n".join(f"- {r}" for r in reasons or ["(none given)"])
    return Message("returned", item.author_id, item.submission_id, subject, body)


def adopted_message(item: ItemFacts, publication: str, office_level: str) -> Message:
    """Tell the author the item was adopted, and by which publication and level."""
    if _lang(item) == "zh":
        subject = f"《{item.title}》被采用"
        body = f"您报送的信息《{item.title}》已被{LEVEL_ZH.get(office_level, office_level)}级《{publication}》采用。"
    else:
        subject = f'"{item.title}" adopted'
        body = f'Your item "{item.title}" was adopted by the {office_level} publication {publication}.'
    return Message("adopted", item.author_id, item.submission_id, subject, body)


def instruction_message(item: ItemFacts, leader: str, text: str) -> Message:
    """Tell the author a leader wrote an instruction on the item."""
    if _lang(item) == "zh":
        subject = f"《{item.title}》获领导批示"
        body = f"{leader}批示：{text}"
    else:
        subject = f'Leader\'s instruction on "{item.title}"'
        body = f"{leader}: {text}"
    return Message("instruction", item.author_id, item.submission_id, subject, body, urgent=True)


LEVEL_ZH = {"national": "国家", "province": "省", "city": "市", "county": "县", "township": "乡镇"}


def _lang(item: ItemFacts | None) -> str:
    return "zh" if item is None or item.language == "zh" else "en"

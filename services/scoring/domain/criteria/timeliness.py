"""Timeliness: days from the latest date stated in the text to the submission."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from services.scoring.domain.criteria.verdict import Wording, verdict
from services.scoring.domain.dates import stated_dates
from services.scoring.domain.model import CriterionScore, Suggestion
from services.scoring.domain.rubric import Rubric

_SAY = Wording(
    zh={
        "no_time": "提交时间未知，时效性不计分（显示中性分）。",
        "no_date": "正文没有写明具体日期，时效性无法判断，不计分（显示中性分）。",
        "add_date": "写明事件发生的具体日期（如“11月20日”），便于判断时效。",
        "latest": "文中最近的日期：{text}（{day}），距提交{days}天",
        "prompt": "在事件发生后{days}天内报送，时效性好。",
        "late": "事件发生{days}天后才报送，超过{full}天的时限，时效性打折扣。",
        "stale": "事件发生{days}天后才报送，已失去时效。",
        "sooner": "类似信息应在事件发生后{full}天内报送。",
        "as_of": "（预览按今天{month}月{day}日报送计算；实际按报送当天计算，晚于今天报送，时效分会降低。）",
    },
    en={
        "no_time": "Submission time unknown, so timeliness is not counted (neutral score shown).",
        "no_date": "No specific date is stated, so timeliness cannot be judged and is not "
        "counted (neutral score shown).",
        "add_date": "State when it happened (e.g. “on 20 November”) so readers can judge how recent it is.",
        "latest": "latest date in the text: {text} ({day}), {days} days before submission",
        "prompt": "Reported within {days} days of the event: timely.",
        "late": "Reported {days} days after the event, past the {full}-day window.",
        "stale": "Reported {days} days after the event: no longer timely.",
        "sooner": "Report items like this within {full} days of the event.",
        "as_of": " (Preview as if submitted today, {iso}; the score counts from the day it is "
        "really submitted, and falls if that is later.)",
    },
)


def score_timeliness(
    text: str,
    language: str,
    submitted_at: datetime | None,
    category: str | None,
    rubric: Rubric,
) -> CriterionScore:
    """Full marks within the category's window, falling linearly to 0 at its zero day;
    neutral and not counted when there is no date or no submission time. Days are counted
    to the calendar date of ``submitted_at`` in its own zone (the office's, from the caller)."""
    neutral = rubric.settings.timeliness.neutral_score
    if submitted_at is None:
        return verdict("timeliness", neutral, rubric, _SAY(language, "no_time"), counted=False)
    submitted = submitted_at.date()
    latest = _latest_stated(text, language, submitted)
    if latest is None:
        advice = Suggestion(_SAY(language, "add_date"), "lead")
        return verdict("timeliness", neutral, rubric, _SAY(language, "no_date"), (), [advice], counted=False)
    stated, day = latest
    days = (submitted - day).days
    deadline = rubric.deadline_for(category)
    evidence = [_SAY(language, "latest", text=stated, day=day.isoformat(), days=days)]
    if days <= deadline.full_marks_days:
        return verdict("timeliness", 100, rubric, _SAY(language, "prompt", days=days), evidence)
    span = deadline.zero_days - deadline.full_marks_days
    score = 100 * max(0.0, 1 - (days - deadline.full_marks_days) / span)
    key = "late" if score > 0 else "stale"
    explanation = _SAY(language, key, days=days, full=deadline.full_marks_days)
    advice = Suggestion(_SAY(language, "sooner", full=deadline.full_marks_days), "lead")
    return verdict("timeliness", score, rubric, explanation, evidence, [advice])


def _latest_stated(text: str, language: str, submitted: date) -> tuple[str, date] | None:
    resolved = [
        (stated.text, day)
        for stated in stated_dates(text, language)
        if (day := stated.on_or_before(submitted)) is not None
    ]
    return max(resolved, key=lambda pair: pair[1], default=None)


def as_if_submitted_on(criterion: CriterionScore, language: str, day: date) -> CriterionScore:
    """``criterion`` of a draft scored as if submitted on ``day`` (today), saying so: the
    real score counts from the day the item is submitted, which a draft cannot know. A
    criterion not counted (no date in the text) does not depend on the day and is kept."""
    if not criterion.weight:
        return criterion
    note = _SAY(language, "as_of", month=day.month, day=day.day, iso=day.isoformat())
    return replace(criterion, explanation=criterion.explanation + note)

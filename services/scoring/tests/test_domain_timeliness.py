"""Timeliness: days from the latest stated date to submission; neutral without either."""

from datetime import UTC, date, datetime

from services.scoring.domain import CriterionScore, ItemText, load_rubric, score_item
from services.scoring.domain.dates import stated_dates

RUBRIC = load_rubric()


def _timeliness(body: str, submitted: datetime | None, category: str | None = None) -> CriterionScore:
    card = score_item(ItemText("标题", body, category=category, submitted_at=submitted), RUBRIC)
    return next(c for c in card.criteria if c.criterion == "timeliness")


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=UTC)


def test_report_within_the_window_gets_full_marks() -> None:
    timeliness = _timeliness("11月20日，我区召开会议。", _at(22))
    assert timeliness.score == 100
    assert timeliness.weight > 0


def test_late_report_loses_marks_linearly() -> None:
    late = _timeliness("11月1日，我区召开会议。", _at(20))
    later = _timeliness("11月1日，我区召开会议。", _at(28))
    assert 0 < later.score < late.score < 100


def test_stale_report_scores_zero() -> None:
    assert _timeliness("2026年8月1日，我区召开会议。", _at(20)).score == 0


def test_latest_of_several_dates_counts() -> None:
    timeliness = _timeliness("10月1日启动，11月19日完成。", _at(21))
    assert timeliness.score == 100
    assert any("11月19日" in line for line in timeliness.evidence)


def test_no_stated_date_is_neutral_and_says_so() -> None:
    timeliness = _timeliness("近日，我区召开会议。", _at(20))
    assert timeliness.weight == 0
    assert "不计分" in timeliness.explanation


def test_unknown_submission_time_is_neutral() -> None:
    timeliness = _timeliness("11月20日，我区召开会议。", None)
    assert timeliness.weight == 0


def test_emergency_items_have_a_tighter_window() -> None:
    body = "11月16日，我县发生一起火情。"
    assert _timeliness(body, _at(20), "突发事件").score < _timeliness(body, _at(20), "动态").score


def test_planned_future_date_is_not_the_event_date() -> None:
    timeliness = _timeliness("11月18日召开会议，定于12月1日开展复查。", _at(20))
    assert any("11月18日" in line for line in timeliness.evidence)


def test_date_in_early_january_can_refer_to_last_december() -> None:
    (stated,) = stated_dates("12月30日，我区召开会议。", "zh")
    assert stated.on_or_before(date(2027, 1, 2)) == date(2026, 12, 30)


def test_english_date_forms_are_understood() -> None:
    found = stated_dates("On 20 November 2026 and on March 3, and 2026-11-18.", "en")
    assert [(d.month, d.day) for d in found] == [(11, 20), (3, 3), (11, 18)]


def test_chinese_numeral_dates_are_understood() -> None:
    (stated,) = stated_dates("十一月二十日，我区召开会议。", "zh")
    assert (stated.month, stated.day) == (11, 20)


def test_english_item_timeliness_is_explained_in_english() -> None:
    card = score_item(
        ItemText(
            "Council opens warm spaces", "The council opened them on 25 November.", submitted_at=_at(27)
        ),
        RUBRIC,
    )
    timeliness = next(c for c in card.criteria if c.criterion == "timeliness")
    assert timeliness.score == 100 and "timely" in timeliness.explanation

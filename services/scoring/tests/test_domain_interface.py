"""The public interface of the scoring domain: shapes, determinism, weighting and bands."""

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from services.scoring.domain import (
    CRITERIA,
    ItemText,
    ScoreCard,
    load_rubric,
    score_item,
    simhash,
)

RUBRIC = load_rubric()

ITEM = ItemText(
    title="瓯海区健全秸秆收储运体系 综合利用率达95.2%",
    body=(
        "11月20日，瓯海区农业农村局通报，今年以来该区通过健全秸秆收储运体系，全区秸秆综合利用率"
        "达到95.2%，比去年同期提高4.1个百分点。\n"
        "全区今年共建成秸秆收储点126个，年收储能力达到8.6万吨。一是完善收储网络，新建收储点18个；"
        "二是培育市场主体，扶持加工企业9家；三是安排补助资金560万元。\n"
        "由于收储点就近设置，秸秆离田成本下降约30%，带动农户增收3200万元。\n"
        "下一步，瓯海区将再布设收储点10个，力争明年综合利用率达到97%。"
    ),
    category="动态",
    submitted_at=datetime(2026, 11, 22, 9, tzinfo=UTC),
)


def test_score_card_lists_every_criterion_once_in_order() -> None:
    card = score_item(ITEM, RUBRIC)
    assert isinstance(card, ScoreCard)
    assert tuple(c.criterion for c in card.criteria) == CRITERIA


def test_scores_lie_between_zero_and_hundred() -> None:
    card = score_item(ITEM, RUBRIC)
    assert 0 <= card.overall <= 100
    assert all(0 <= c.score <= 100 for c in card.criteria)


def test_scoring_is_deterministic() -> None:
    assert score_item(ITEM, RUBRIC) == score_item(ITEM, RUBRIC)


def test_overall_is_the_weighted_mean_of_counted_criteria() -> None:
    card = score_item(ITEM, RUBRIC)
    weighted = sum(c.score * c.weight for c in card.criteria)
    assert card.overall == round(weighted / sum(c.weight for c in card.criteria), 1)


def test_band_follows_the_rubric_cut_offs() -> None:
    card = score_item(ITEM, RUBRIC)
    expected = next((name for name, cut in RUBRIC.bands if card.overall >= cut), "poor")
    assert card.band == expected


def test_card_records_rubric_version_language_and_fingerprint() -> None:
    card = score_item(ITEM, RUBRIC)
    assert card.rubric_version == RUBRIC.version == "2026.11-3"
    assert card.language == "zh"
    assert card.fingerprint == simhash(ITEM.body)


def test_every_criterion_explains_itself() -> None:
    card = score_item(ITEM, RUBRIC)
    assert all(c.explanation for c in card.criteria)


def test_a_well_written_item_scores_well() -> None:
    assert score_item(ITEM, RUBRIC).band in ("excellent", "good")


def test_empty_item_scores_poor_without_raising() -> None:
    card = score_item(ItemText(title="", body=""), RUBRIC)
    assert card.band == "poor"


def test_declared_language_overrides_detection() -> None:
    card = score_item(replace(ITEM, language="en"), RUBRIC)
    assert card.language == "en"


def test_unknown_declared_language_falls_back_to_detection() -> None:
    assert score_item(replace(ITEM, language="fr"), RUBRIC).language == "zh"


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(max_size=60),
    body=st.text(
        alphabet=st.sampled_from(
            list("秸秆利用率达95.2%，其中一是二是。\n因此共100人 The 3 March share 130% of whom.")
        ),
        max_size=400,
    ),
    language=st.sampled_from([None, "zh", "en", "xx"]),
)
def test_any_text_scores_without_raising(title: str, body: str, language: str | None) -> None:
    card = score_item(ItemText(title, body, language=language), RUBRIC)
    assert 0 <= card.overall <= 100
    assert card.band in ("excellent", "good", "fair", "poor")


@settings(max_examples=100, deadline=None)
@given(title=st.text(max_size=40), body=st.text(max_size=300))
def test_arbitrary_unicode_scores_without_raising(title: str, body: str) -> None:
    assert 0 <= score_item(ItemText(title, body), RUBRIC).overall <= 100

"""Substance: concrete figures, dates, names and examples against empty stock phrases."""

from services.scoring.domain import CriterionScore, ItemText, load_rubric, score_item
from services.scoring.domain.facts import facts_in

RUBRIC = load_rubric()
ZH = RUBRIC.languages["zh"]
EN = RUBRIC.languages["en"]


def _substance(title: str, body: str) -> CriterionScore:
    card = score_item(ItemText(title=title, body=body), RUBRIC)
    return next(c for c in card.criteria if c.criterion == "substance")


def _kinds(sentence: str, language: str) -> list[str]:
    profile = ZH if language == "zh" else EN
    return [fact.kind for fact in facts_in(sentence, language, profile)]


def test_item_with_data_outscores_item_of_stock_phrases() -> None:
    rich = _substance(
        "我区建成收储点126个",
        "今年以来，我区建成秸秆收储点126个，收储秸秆8.6万吨，带动农户增收3200万元。"
        "例如，郭溪街道种粮大户陈某增收13.2万元。",
    )
    empty = _substance(
        "我区秸秆工作取得明显成效",
        "我区高度重视秸秆工作，认真贯彻落实上级部署，切实加强组织领导，取得明显成效。",
    )
    assert rich.score > empty.score + 40


def test_stock_phrases_are_listed_as_evidence() -> None:
    empty = _substance("我区工作", "我区高度重视，切实加强组织领导，取得明显成效。")
    assert any("高度重视" in line and "取得明显成效" in line for line in empty.evidence)


def test_empty_sentence_gets_a_suggestion_at_its_location() -> None:
    body = "今年我区建成收储点126个，收储秸秆8.6万吨。\n我区高度重视，切实加强组织领导。"
    substance = _substance("我区建成收储点126个", body)
    locations = {s.location for s in substance.suggestions}
    assert locations & {"paragraph 2", "sentence 1 of paragraph 2"}


def test_chinese_numerals_with_units_count_as_figures() -> None:
    assert _kinds("全县新建三个收储点，带动两万余户增收。", "zh").count("figure") == 2


def test_wan_and_yi_amounts_count_as_figures() -> None:
    assert "figure" in _kinds("安排补助资金560万元，总投资2.87亿元。", "zh")


def test_percentages_and_dates_are_found() -> None:
    kinds = _kinds("11月20日，利用率达到95.2%。", "zh")
    assert "date" in kinds and "figure" in kinds


def test_date_digits_are_not_counted_twice() -> None:
    assert _kinds("2026年11月20日召开会议。", "zh") == ["date"]


def test_slogans_with_numerals_are_not_data() -> None:
    assert "figure" not in _kinds("牢固树立四个意识，坚决做到两个维护。", "zh")


def test_example_marker_counts_as_an_example() -> None:
    assert "example" in _kinds("例如，一名村民每月节省水费170元。", "zh")


def test_english_amounts_places_and_bodies_are_found() -> None:
    kinds = _kinds("The Environment Agency spent £4.5 million in Hebden Bridge.", "en")
    assert kinds.count("named") == 2 and "figure" in kinds


def test_english_stock_phrases_are_found() -> None:
    substance = _substance(
        "Council strengthens services",
        "The council attaches great importance to services and will further strengthen them.",
    )
    assert any("attaches great importance" in line for line in substance.evidence)

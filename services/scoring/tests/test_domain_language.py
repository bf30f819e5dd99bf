"""Language detection, and explanations and suggestions in the item's own language."""

import re

from services.scoring.domain import ItemText, detect_language, load_rubric, score_item

RUBRIC = load_rubric()
CJK = re.compile(r"[\u4e00-\u9fff]")

ENGLISH = ItemText(
    title="Council opens warm spaces",
    body=(
        "The council attaches great importance to residents and will further strengthen its "
        "work.\nThe council attaches great importance to this work."
    ),
)
CHINESE = ItemText(
    title="我区工作",
    body="我区高度重视，认真贯彻落实，切实加强组织领导。\n各部门高度重视，取得明显成效。",
)


def test_chinese_text_is_detected_as_chinese() -> None:
    assert detect_language("近日，我市召开秸秆综合利用工作推进会。") == "zh"


def test_english_text_is_detected_as_english() -> None:
    assert detect_language("The council opened 85 warm spaces on Monday.") == "en"


def test_chinese_with_some_english_words_is_still_chinese() -> None:
    assert detect_language("我市推进 AI 与 5G 应用，建成 APP 平台3个。") == "zh"


def test_english_item_gets_english_suggestions() -> None:
    card = score_item(ENGLISH, RUBRIC)
    texts = [s.text for c in card.criteria for s in c.suggestions]
    assert texts
    assert not any(CJK.search(text) for text in texts)
    assert not any(CJK.search(c.explanation) for c in card.criteria)


def test_chinese_item_gets_chinese_suggestions() -> None:
    card = score_item(CHINESE, RUBRIC)
    texts = [s.text for c in card.criteria for s in c.suggestions]
    assert texts
    assert all(CJK.search(text) for text in texts)
    assert all(CJK.search(c.explanation) for c in card.criteria)


def test_suggestion_locations_use_the_shared_vocabulary() -> None:
    pattern = re.compile(r"^(title|lead|body|paragraph \d+|sentence \d+ of paragraph \d+)$")
    for item in (ENGLISH, CHINESE):
        card = score_item(item, RUBRIC)
        assert all(pattern.match(s.location) for c in card.criteria for s in c.suggestions)

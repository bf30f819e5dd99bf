"""Feedback that does not contradict itself (issue 18), on a solid ~600-character county item:
each suggestion names the right place and quotes that place's own figure, an on-topic
paragraph is not called off-topic, and paired connectives count as the links they are."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from services.scoring.domain import (
    DEFAULT_RUBRIC_PATH,
    CriterionScore,
    ItemText,
    ScoreCard,
    load_rubric,
    score_item,
)
from services.scoring.domain.connectives import PAIR_REACH, find_links
from services.scoring.domain.text import measure
from services.scoring.tests.dongxi import BODY, FOREIGN, PARAGRAPHS, TITLE, WARDEN

RUBRIC = load_rubric()
ZH = RUBRIC.languages["zh"]
_WHOLE_SIZE = re.compile(r"全文(\d+)字")
_PARAGRAPH_SIZE = re.compile(r"第(\d+)段有(\d+)字")


def _card(body: str = BODY, category: str | None = "经验") -> ScoreCard:
    return score_item(ItemText(TITLE, body, category=category, language="zh"), RUBRIC)


def _criterion(card: ScoreCard, name: str) -> CriterionScore:
    return next(c for c in card.criteria if c.criterion == name)


def _assert_sizes_belong_to_their_place(body: str, card: ScoreCard) -> None:
    """A size of the whole text is quoted at the body only, a paragraph's at that paragraph,
    and each is the size of what it names."""
    paragraphs = [p for p in body.split("\n") if p.strip()]
    whole = sum(measure(p, "zh") for p in paragraphs)
    suggestions = [s for c in card.criteria for s in c.suggestions]
    for suggestion in suggestions:
        for size in _WHOLE_SIZE.findall(suggestion.text):
            assert (suggestion.location, int(size)) == ("body", whole)
        for number, size in _PARAGRAPH_SIZE.findall(suggestion.text):
            expected = (f"paragraph {number}", measure(paragraphs[int(number) - 1], "zh"))
            assert (suggestion.location, int(size)) == expected
        if suggestion.location.startswith("paragraph"):
            assert "全文" not in suggestion.text and "正文偏" not in suggestion.text


def test_a_short_text_is_flagged_at_the_body_with_the_whole_texts_length() -> None:
    card = _card()
    whole = sum(measure(p, "zh") for p in PARAGRAPHS)
    assert whole > max(measure(p, "zh") for p in PARAGRAPHS)
    short = [s for s in _criterion(card, "structure").suggestions if "偏短" in s.text]
    assert [s.location for s in short] == ["body"]
    assert f"全文{whole}字" in short[0].text
    _assert_sizes_belong_to_their_place(BODY, card)


def test_a_long_text_is_flagged_at_the_body_not_at_its_last_paragraph() -> None:
    pasted_twice = BODY + "\n\n" + BODY
    card = _card(pasted_twice, category="动态")
    long = [s for s in _criterion(card, "structure").suggestions if "偏长" in s.text]
    assert [s.location for s in long] == ["body"]
    _assert_sizes_belong_to_their_place(pasted_twice, card)


def test_a_wall_of_text_quotes_its_own_paragraphs_length() -> None:
    run_together = "\n\n".join([PARAGRAPHS[0], "".join(PARAGRAPHS[1:])])
    card = _card(run_together)
    wall = [s for s in _criterion(card, "structure").suggestions if "拆分" in s.text]
    assert [s.location for s in wall] == ["paragraph 2"]
    assert f"第2段有{measure(''.join(PARAGRAPHS[1:]), 'zh')}字" in wall[0].text
    _assert_sizes_belong_to_their_place(run_together, card)


def test_a_paragraph_in_the_items_own_words_is_not_called_off_theme() -> None:
    theme = _criterion(_card(), "theme")
    assert theme.suggestions == ()
    assert not any("偏离" in line for line in theme.evidence)
    assert not any("不一致" in text for text in (theme.explanation,))
    assert any(f"第{WARDEN}段" in line and "紧扣主题" in line for line in theme.evidence)


def test_a_paragraph_from_another_item_is_still_called_off_theme() -> None:
    paragraphs = list(PARAGRAPHS)
    paragraphs.insert(3, FOREIGN)
    theme = _criterion(_card("\n\n".join(paragraphs)), "theme")
    assert [s.location for s in theme.suggestions] == ["paragraph 4"]
    assert "偏离主题" in theme.explanation or "不一致" in theme.explanation


def test_paired_connectives_are_named_and_counted_as_links() -> None:
    logic = _criterion(_card(), "logic")
    connectives = next(line for line in logic.evidence if line.startswith("含关联词"))
    for pair in ("由于…因此", "通过…实现", "不仅…而且", "首先…其次…最后"):
        assert pair in connectives
    holding_a_part = 1 + 1 + 1 + 3  # 由于…因此, 通过…实现, 不仅…而且, one each of 首先/其次/最后
    assert f"{holding_a_part}句" in connectives
    assert not any("连起来" in s.text for s in logic.suggestions)


def test_taking_the_paired_connectives_out_lowers_logic() -> None:
    unpaired = BODY
    for word, plain in (("不仅", ""), ("而且", "并"), ("首先，", ""), ("其次，", ""), ("最后，", ""),
                        ("实现", "推行")):  # fmt: skip
        unpaired = unpaired.replace(word, plain)
    paired, without = _criterion(_card(), "logic"), _criterion(_card(unpaired), "logic")
    assert paired.score - without.score >= 10, (paired.score, without.score)


def test_a_pair_links_as_much_within_one_sentence_as_split_over_two() -> None:
    def links(*sentences: str) -> int:
        found = find_links(sentences, ZH.phrases["connectives"], ZH.connective_pairs, fold_case=False)
        return found.count

    joined = links("由于路面坑槽修补不及时，因此群众意见较大。")
    split = links("由于路面坑槽修补不及时。", "因此群众意见较大。")
    assert joined == split == 2


def test_parts_too_far_apart_are_not_a_pair() -> None:
    filler = ["县里招聘护路员320名。"] * (PAIR_REACH + 1)
    found = find_links(["首先，安排资金。", *filler, "其次，纳入考核。"], ZH.phrases["connectives"],
                       ZH.connective_pairs, fold_case=False)  # fmt: skip
    assert found.count == 0 and found.words == ()


def test_a_connective_serves_one_pair_only() -> None:
    found = find_links(["由于雨多，因为路滑，因此事故增加。"], ZH.phrases["connectives"], ZH.connective_pairs,
                       fold_case=False)  # fmt: skip
    assert found.words.count("由于…因此") + found.words.count("因为…因此") == 1


def test_english_paired_connectives_are_recognised() -> None:
    en = RUBRIC.languages["en"]
    found = find_links(
        ["The council not only filled 900 potholes.", "But also it resurfaced 12 miles of lanes."],
        en.phrases["connectives"],
        en.connective_pairs,
        fold_case=True,
    )
    assert found.words == ("not only…but also",) and found.count == 2


def test_an_offices_rubric_copy_from_before_pairs_and_shared_terms_still_loads(tmp_path: Path) -> None:
    copy = tmp_path / "rubric"
    shutil.copytree(DEFAULT_RUBRIC_PATH.parent, copy)
    rubric_file = copy / "rubric.yaml"
    lines = rubric_file.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in lines if "on_theme_if_shared" not in line)
    rubric_file.write_text(kept, encoding="utf-8")
    connectives = copy / "phrases" / "connectives.zh.txt"
    words = connectives.read_text(encoding="utf-8").splitlines(keepends=True)
    connectives.write_text("".join(word for word in words if "…" not in word), encoding="utf-8")
    older = load_rubric(rubric_file)
    assert older.languages["zh"].connective_pairs.pairs == ()
    assert older.settings.theme.on_theme_if_shared == RUBRIC.settings.theme.on_theme_if_shared
    assert score_item(ItemText(TITLE, BODY, category="经验", language="zh"), older).overall > 0

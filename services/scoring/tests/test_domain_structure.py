"""Structure: paragraphs, enumerations in order, length that fits the category."""

from services.scoring.domain import CriterionScore, ItemText, load_rubric, score_item

RUBRIC = load_rubric()
FILLER = "全区新建收储点18个，年收储秸秆3.2万吨。"


def _structure(body: str, category: str | None = None, title: str = "我区秸秆收储") -> CriterionScore:
    card = score_item(ItemText(title=title, body=body, category=category), RUBRIC)
    return next(c for c in card.criteria if c.criterion == "structure")


def test_out_of_order_enumeration_is_flagged() -> None:
    body = "我区采取三项措施。\n一是完善网络。\n三是强化支持。\n二是培育主体。"
    structure = _structure(body)
    assert any("顺序颠倒" in s.text for s in structure.suggestions)


def test_skipped_enumeration_is_flagged() -> None:
    body = "我区采取措施。一是完善网络；三是强化支持。"
    structure = _structure(body)
    assert any("跳号" in s.text and "二是" in s.text for s in structure.suggestions)


def test_enumeration_in_order_is_not_flagged() -> None:
    body = "我区采取措施。\n（一）完善网络。\n（二）培育主体。\n（三）强化支持。"
    assert not any("序号" in line for line in _structure(body).evidence)


def test_enumeration_starting_late_is_flagged() -> None:
    structure = _structure("我区采取措施。二是培育主体；三是强化支持。")
    assert any("开始" in s.text for s in structure.suggestions)


def test_two_separate_lists_may_each_restart() -> None:
    body = "一是完善网络；二是培育主体。\n另外，（一）加强宣传；（二）加强督查。\n一是建章；二是立制。"
    assert not any("序号" in line for line in _structure(body).evidence)


def test_english_enumeration_skipping_a_step_is_flagged() -> None:
    body = "The review found three causes. First, staff left. Third, jobs were duplicated."
    structure = _structure(body, title="Review finds repair backlog")
    assert any("skips" in s.text for s in structure.suggestions)


def test_wall_of_text_paragraph_is_flagged() -> None:
    structure = _structure(FILLER * 30)
    assert any(s.location == "paragraph 1" and "拆分" in s.text for s in structure.suggestions)


def test_length_below_the_category_range_is_flagged() -> None:
    structure = _structure(FILLER, category="经验")
    assert any("偏短" in s.text for s in structure.suggestions)


def test_same_text_fits_a_shorter_category() -> None:
    body = "\n".join([FILLER * 2] * 3)
    emergency = _structure(body, category="突发事件")
    experience = _structure(body, category="经验")
    assert emergency.score > experience.score


def test_next_steps_in_the_middle_are_flagged() -> None:
    body = f"{FILLER}\n下一步，我区将继续扩大覆盖面。\n{FILLER}"
    structure = _structure(body)
    assert any(s.location == "sentence 1 of paragraph 2" for s in structure.suggestions)


def test_next_steps_at_the_end_are_not_flagged() -> None:
    body = f"{FILLER}\n{FILLER}\n下一步，我区将继续扩大覆盖面。"
    assert not any("下一步" in s.text for s in _structure(body).suggestions)

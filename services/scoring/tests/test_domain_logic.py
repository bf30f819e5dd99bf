"""Logic: connectives, impossible numbers, and a lead that does not hang on nothing."""

from services.scoring.domain import CriterionScore, ItemText, load_rubric, score_item

RUBRIC = load_rubric()


def _logic(body: str, title: str = "我区开展专项工作") -> CriterionScore:
    card = score_item(ItemText(title=title, body=body), RUBRIC)
    return next(c for c in card.criteria if c.criterion == "logic")


def test_share_above_hundred_percent_is_flagged() -> None:
    logic = _logic("我区开展专项检查，抽检合格率达到120%。")
    assert any("120%" in line for line in logic.evidence)
    assert any("120%" in s.text and s.location == "lead" for s in logic.suggestions)


def test_growth_above_hundred_percent_is_not_flagged() -> None:
    logic = _logic("我区网上办件量同比增长120%。")
    assert not any("120%" in line for line in logic.evidence if "占比" in line)
    assert not logic.suggestions or all("核对" not in s.text for s in logic.suggestions)


def test_part_exceeding_the_total_is_flagged() -> None:
    logic = _logic("本次培训共100人，其中男性120人。")
    assert any("分项大于总数" in line for line in logic.evidence)


def test_parts_within_the_total_are_fine() -> None:
    logic = _logic("本次培训共100人，其中男性40人，女性60人。")
    assert not any("分项大于总数" in line for line in logic.evidence)


def test_english_part_exceeding_the_total_is_flagged() -> None:
    logic = _logic(
        "The course trained a total of 100 people, of whom 120 were women.",
        title="Council trains residents",
    )
    assert any("larger than the total" in line for line in logic.evidence)


def test_english_share_above_hundred_percent_is_flagged() -> None:
    logic = _logic("The share of households connected rose to 130%.", title="Broadband rollout")
    assert any("130%" in line for line in logic.evidence)


def test_impossible_number_lowers_the_score() -> None:
    sound = _logic("本次培训共100人，其中男性40人。因此培训覆盖面较广。")
    broken = _logic("本次培训共100人，其中男性140人。因此培训覆盖面较广。")
    assert broken.score < sound.score


def test_lead_opening_with_a_backward_connective_is_flagged() -> None:
    logic = _logic("因此，全区秸秆利用率达到95%。我区建成收储点126个。")
    assert any(s.location == "lead" and "因此" in s.text for s in logic.suggestions)


def test_connectives_are_listed_as_evidence() -> None:
    logic = _logic("由于收储点就近设置，成本下降30%，从而提高了积极性。")
    assert any("由于" in line and "从而" in line for line in logic.evidence)


def test_linked_text_outscores_unlinked_text() -> None:
    linked = _logic(
        "我区通过新建收储点18个，使离田成本下降30%。由于成本下降，农户交售积极性提高，"
        "因此全年未发生焚烧事件。随着收储网络完善，利用率提高到95%。"
    )
    unlinked = _logic(
        "我区新建收储点18个。离田成本下降30%。农户交售积极性提高。全年未发生焚烧事件。利用率提高到95%。"
    )
    assert linked.score > unlinked.score


def test_part_exceeding_a_total_named_after_a_verb_is_flagged() -> None:
    logic = _logic("本次共检查企业100家，其中整改企业120家。")
    assert any("分项大于总数" in line for line in logic.evidence)


def test_any_rate_above_hundred_percent_is_flagged() -> None:
    assert any("125%" in line for line in _logic("隐患整改率达到125%。").evidence)


def test_growth_rate_above_hundred_percent_is_not_flagged() -> None:
    assert not any("占比" in line for line in _logic("网上办件增长率达到125%。").evidence)

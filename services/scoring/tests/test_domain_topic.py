"""Topic: a concise single-subject title whose key terms the lead carries."""

from services.scoring.domain import CriterionScore, ItemText, load_rubric, score_item

RUBRIC = load_rubric()

BODY = (
    "9月5日，会宁县城乡供水一体化二期工程正式通水，解决了北部6个乡镇4.3万名群众季节性缺水问题。\n"
    "该工程总投资2.87亿元，铺设输配水管道386公里，新建水厂1座。\n"
    "通水后，供水保证率由75%提高到95%，群众用上了稳定达标的自来水。"
)


def _topic(title: str, body: str = BODY) -> CriterionScore:
    card = score_item(ItemText(title=title, body=body), RUBRIC)
    return next(c for c in card.criteria if c.criterion == "topic")


def test_title_carried_into_the_lead_scores_high() -> None:
    assert _topic("会宁县城乡供水二期工程通水 惠及4.3万人").score >= 85


def test_title_unrelated_to_the_lead_scores_low_and_points_at_the_lead() -> None:
    topic = _topic("鼓楼区社区食堂让老年人吃上热乎饭")
    assert topic.score < 50
    assert any(s.location == "lead" for s in topic.suggestions)


def test_overlong_title_is_flagged_at_the_title() -> None:
    long_title = "会宁县" + "城乡供水一体化工程" * 5 + "正式通水"
    topic = _topic(long_title)
    assert any(s.location == "title" and "压缩" in s.text for s in topic.suggestions)


def test_title_with_many_clauses_is_flagged() -> None:
    topic = _topic("会宁县供水工程通水，养老服务提升，就业形势稳定，营商环境优化")
    assert any("主题" in s.text and s.location == "title" for s in topic.suggestions)


def test_stock_phrase_in_title_is_flagged() -> None:
    topic = _topic("会宁县高度重视供水工作 取得明显成效")
    assert any("套话" in s.text for s in topic.suggestions)


def test_buried_main_point_names_the_sentence_to_lead_with() -> None:
    body = (
        "近年来，各地持续关注民生工作。\n"
        "9月5日，会宁县城乡供水二期工程正式通水，惠及北部乡镇4.3万名群众。\n"
        "通水后，供水保证率由75%提高到95%。"
    )
    topic = _topic("会宁县城乡供水二期工程通水 惠及4.3万人", body)
    assert any(s.location == "sentence 1 of paragraph 2" for s in topic.suggestions)


def test_english_title_terms_are_matched_after_stemming() -> None:
    body = (
        "Parents in 300 areas can now use new nurseries in primary schools, the department said. "
        "The nurseries were funded through a £45 million grant."
    )
    card = score_item(ItemText("New nursery opens in each primary school", body), RUBRIC)
    topic = next(c for c in card.criteria if c.criterion == "topic")
    assert any("nursery" in line and "school" in line for line in topic.evidence)

"""Theme: paragraphs measured against title and lead; off-theme ones are named."""

from services.scoring.domain import CriterionScore, ItemText, load_rubric, score_item

RUBRIC = load_rubric()

TITLE = "会宁县城乡供水二期工程通水 惠及4.3万人"
LEAD = "9月5日，会宁县城乡供水一体化二期工程正式通水，解决了北部乡镇4.3万名群众季节性缺水问题。"
ON_THEME = "该供水工程新建水厂1座、加压泵站5座，铺设供水管道386公里，供水保证率提高到95%。"
OFF_THEME = "区人社局举办直播带岗招聘活动，86家企业在线提供岗位3400个，达成就业意向2160人。"


def _theme(*paragraphs: str) -> CriterionScore:
    card = score_item(ItemText(title=TITLE, body="\n".join(paragraphs)), RUBRIC)
    return next(c for c in card.criteria if c.criterion == "theme")


def test_on_theme_paragraphs_score_high() -> None:
    assert _theme(LEAD, ON_THEME).score >= 80


def test_off_theme_paragraph_is_named() -> None:
    theme = _theme(LEAD, ON_THEME, OFF_THEME)
    assert [s.location for s in theme.suggestions] == ["paragraph 3"]
    assert any("paragraph 3" in line or "第3段" in line for line in theme.evidence)


def test_off_theme_paragraph_lowers_the_score() -> None:
    assert _theme(LEAD, ON_THEME, OFF_THEME).score < _theme(LEAD, ON_THEME).score


def test_lead_alone_is_too_short_to_judge() -> None:
    assert _theme(LEAD).suggestions == ()

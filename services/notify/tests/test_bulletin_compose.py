"""What a bulletin says: composed from data, in Chinese and English, without rendering."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from services.notify.bulletins import (
    Bulletin,
    BulletinData,
    Criticism,
    CriticismReason,
    TrendPoint,
    UnitRow,
    compose_bulletin,
)
from services.notify.bulletins.document import Paragraph, RankingChart, Table, TrendChart
from services.notify.bulletins.samples import sample_city_bulletin, sample_english_bulletin
from services.notify.bulletins.wording import format_score


def _texts(bulletin: Bulletin, heading_start: str) -> list[str]:
    section = next(s for s in bulletin.sections if s.heading.startswith(heading_start))
    return [b.text for b in section.blocks if isinstance(b, Paragraph)]


def test_city_bulletin_has_the_title_block_of_an_official_notice() -> None:
    bulletin = compose_bulletin(sample_city_bulletin())
    assert bulletin.masthead == "政务信息工作通报"
    assert bulletin.number == "2026年第11期"
    assert bulletin.office_name == "清江市人民政府办公室"
    assert bulletin.date_text == "2026年12月5日"
    assert bulletin.title == "关于2026年11月全市政务信息工作情况的通报"
    assert bulletin.addressees.startswith("各县（市、区）人民政府")
    assert bulletin.opening.endswith("现将有关情况通报如下：")


def test_city_bulletin_sections_are_numbered_in_the_usual_order() -> None:
    headings = [s.heading for s in compose_bulletin(sample_city_bulletin()).sections]
    assert headings == [
        "一、总体情况",
        "二、各单位得分排名",
        "三、采用情况",
        "四、表扬",
        "五、通报批评",
        "六、工作要求",
    ]


def test_summary_gives_totals_rate_and_adoptions_by_level() -> None:
    data = sample_city_bulletin()
    bulletin = compose_bulletin(data)
    items = sum(r.items for r in data.rankings)
    adopted = sum(r.adopted for r in data.rankings)
    assert adopted == len(data.adopted_items) == 28
    assert f"参加考核的{len(data.rankings)}个单位共报送政务信息{items}条" in bulletin.summary
    assert f"被各级采用{adopted}条，采用率{adopted * 100 / items:.1f}%" in bulletin.summary
    # 临川区's item in 市《政务信息》, the province's and 国办's counts once at each of three levels
    by_level = "国家级1条次、省级6条次、市级26条次（同一条信息在同一层级被多次采用的，计1条次）"
    assert by_level in bulletin.summary
    assert _texts(bulletin, "一、")[0] == bulletin.summary


def test_top_three_are_named_per_unit_class_with_scores_and_ties_kept() -> None:
    texts = _texts(compose_bulletin(sample_city_bulletin()), "二、")
    assert "县（市、区）前3名：临川区（152分）、东阳县（135.4分）、桃源市（131.6分）。" in texts
    departments = next(t for t in texts if t.startswith("市直部门前3名"))
    # two departments share third place at 160: both are named, as 温县 names four
    assert "市发展和改革委员会（160分）" in departments
    assert "市科技和工业信息化局（160分）" in departments
    assert "市公安局" not in departments


def test_a_score_table_per_unit_class_each_ranked_from_one_under_the_named_tie_rule() -> None:
    data = sample_city_bulletin()
    section = compose_bulletin(data).sections[1]
    counties, departments = (b for b in section.blocks if isinstance(b, Table))
    assert len(counties.rows) + len(departments.rows) == len(data.rankings)
    assert counties.caption == "县（市、区）政务信息工作得分排名表"
    assert counties.header == ("名次", "单位", "类别", "报送（条）", "采用（条）", "得分")
    assert counties.rows[0] == ("1", "临川区", "县（市、区）", "38", "4", "152")
    assert {r[2] for r in counties.rows} == {"县（市、区）"}
    assert {r[2] for r in departments.rows} == {"市直部门"}
    assert [r[0] for r in departments.rows] == ["1", "2", "3", "3", "5", "6"]  # 160 and 160 share third
    rule = "名次按得分在各类单位内分别排列；得分相同的单位名次并列，其后名次顺延（如1、1、3）。"
    assert rule in _texts(compose_bulletin(data), "二、")
    chart = next(b for b in section.blocks if isinstance(b, RankingChart))
    assert [bar.label for bar in chart.bars] == [r[1] for r in counties.rows + departments.rows]


def test_adoptions_are_listed_by_unit_with_equal_counts_merged() -> None:
    texts = _texts(compose_bulletin(sample_city_bulletin()), "三、")
    sentence = next(t for t in texts if t.startswith("共有"))
    assert sentence.startswith("共有14个单位的信息被采用。其中，临川区4条，东阳县、市农业农村局、桃源市各3条")
    assert "南浦县、市公安局、石门县、西岭县、长宁县各1条" in sentence
    assert "北塘县" not in sentence  # adopted nothing


def test_adopted_items_are_listed_with_named_publications_forms_and_highest_level() -> None:
    data = sample_city_bulletin()
    section = compose_bulletin(data).sections[2]
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert len(table.rows) == len(data.adopted_items)
    assert table.rows[0][1:] == (
        "临川区“一网通办”让企业开办压缩至1个工作日",
        "临川区",
        "市《政务信息》（单篇）、省政府办公厅《政务信息》（单篇）、国务院办公厅《政务信息》（单篇）",
        "国家级",
    )
    assert all("city-" not in row[3] and "province-" not in row[3] for row in table.rows)


def test_commended_units_are_named_with_their_reasons() -> None:
    texts = _texts(compose_bulletin(sample_city_bulletin()), "四、")
    assert texts[1:] == [
        "1. 临川区：报送及时，被国务院办公厅采用信息1条。",
        "2. 市农业农村局：信息质量高，采用率居市直部门首位。",
    ]


def test_criticised_units_are_grouped_by_the_three_kinds_of_failing() -> None:
    texts = _texts(compose_bulletin(sample_city_bulletin()), "五、")
    assert texts[1:] == [
        "（一）未按要求报送信息：北塘县（本月仅报送3条，未完成约稿任务）、市教育局。",
        "（二）报送信息质量较低：西岭县（多条信息内容空泛、缺少数据）。",
        "（三）报送信息不准确、失实：长宁县（1条信息数据有误，造成不良影响）。",
    ]


def test_criticism_of_one_kind_only_is_numbered_from_one() -> None:
    data = dataclasses.replace(sample_city_bulletin(), criticised=[("长宁县", "inaccurate")])
    texts = _texts(compose_bulletin(data), "五、")
    assert texts[1] == "（一）报送信息不准确、失实：长宁县。"
    assert data.criticised == (Criticism("长宁县", CriticismReason.INACCURATE),)


def test_year_trend_sums_the_months_and_becomes_a_chart() -> None:
    data = sample_city_bulletin()
    section = compose_bulletin(data).sections[0]
    submitted = sum(p.total_items for p in data.trend)
    adopted = sum(p.adopted for p in data.trend)
    paragraph, chart = section.blocks[1:3]
    assert isinstance(paragraph, Paragraph)
    assert f"2026年1—11月，累计报送信息{submitted}条，采用{adopted}条" in paragraph.text
    assert isinstance(chart, TrendChart)
    assert chart.months[0] == "1月" and chart.months[-1] == "11月"
    assert chart.submitted[-1] == 339 and chart.adopted[-1] == 28


def test_english_bulletin_is_worded_in_english_and_skips_empty_sections() -> None:
    bulletin = compose_bulletin(sample_english_bulletin())
    assert bulletin.title == "Bulletin on Government Information Work, Q3 2026"
    assert bulletin.date_text == "12 October 2026"
    assert [s.heading for s in bulletin.sections] == [
        "I. Overview",
        "II. Scores and Ranking",
        "III. Adoption",
        "IV. Commendations",
        "V. Requirements",  # nobody criticised: no criticism section, numbering goes on
    ]
    assert "the 4 assessed units submitted 57 items, of which 4 were adopted" in bulletin.summary
    assert "Districts: North District (88.5), East District (75), South District (61.25)." in _texts(
        bulletin, "II."
    )
    assert "From July to September 2026" in _texts(bulletin, "I.")[1]


def test_english_criticism_uses_the_three_reasons() -> None:
    data = dataclasses.replace(
        sample_english_bulletin(),
        criticised=(
            Criticism("West District", CriticismReason.NOT_SUBMITTED, "two weeks late"),
            Criticism("South District", CriticismReason.LOW_QUALITY),
        ),
    )
    texts = _texts(compose_bulletin(data), "V.")
    assert texts[1:] == [
        "(a) Did not submit information as required: West District (two weeks late).",
        "(b) Submitted information of low quality: South District.",
    ]


@pytest.mark.parametrize(
    ("period", "kind", "zh_title"),
    [
        ("2026-Q4", "quarterly", "关于2026年第四季度全县政务信息工作情况的通报"),
        ("2026", "annual", "关于2026年度全县政务信息工作情况的通报"),
    ],
)
def test_quarterly_and_annual_titles(period: str, kind: str, zh_title: str) -> None:
    data = dataclasses.replace(
        sample_city_bulletin(), office_name="温泉县人民政府办公室", period=period, kind=kind
    )
    bulletin = compose_bulletin(data)
    assert bulletin.title == zh_title
    assert bulletin.addressees == "各乡镇人民政府、街道办事处，县政府各部门："


def test_a_period_that_does_not_fit_the_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        dataclasses.replace(sample_city_bulletin(), period="2026-Q4")
    with pytest.raises(ValueError, match="YYYY-MM"):
        TrendPoint("2026-13", 1, 0)


def test_a_bulletin_with_no_units_still_composes() -> None:
    data = BulletinData(
        office_name="清江市人民政府办公室",
        office_id="qj",
        period="2026-01",
        kind="monthly",
        number="2026年第1期",
        issued_on=date(2026, 2, 3),
        language="zh",
        rankings=[],
    )
    bulletin = compose_bulletin(data)
    assert [s.heading for s in bulletin.sections] == ["一、总体情况", "二、工作要求"]
    assert "参加考核的0个单位共报送政务信息0条" in bulletin.summary


def test_scores_print_without_trailing_zeros() -> None:
    assert format_score(Decimal("160.0")) == "160"
    assert format_score(Decimal("135.40")) == "135.4"
    assert format_score(Decimal("61.25")) == "61.25"
    assert format_score(Decimal("0")) == "0"
    row = UnitRow("u", "某单位", "一类", Decimal("1E+2"), 1, 0, 1)
    assert format_score(row.total) == "100"

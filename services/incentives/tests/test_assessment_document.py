"""The annual assessment's .docx in the national format: read back, then printed and measured."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest

from services.incentives.domain import AnnualAssessment, Commendation, Criticism, UnitResult
from services.incentives.reports import AssessmentReport, assessment_document
from shared.documents import GBT9704, proof

TOWNS = [f"第{n}镇" for n in range(1, 31)]


def report() -> AssessmentReport:
    """Thirty towns, so the results table runs over pages; the last one lost its eligibility."""
    lost = ("谎报突发事件信息，造成严重后果",)
    results = tuple(
        UnitResult(f"u{n}", "乡镇（街道）", Decimal(200 - 5 * n), Decimal(200 - 5 * n), 40 - n, n,
                   "优秀" if n <= 5 else "良好", n < 30, lost if n == 30 else (), ())
        for n in range(1, 31)
    )
    assessment = AnnualAssessment(
        year="2026", policy_version="county-default-2026.1", results=results,
        advanced_units=tuple(Commendation("unit", f"u{n}", f"u{n}", "采用数居前") for n in (1, 2, 3)),
        outstanding_officers=(Commendation("person", "p1", "u1", "单篇被省政府采用"),),
        criticised=(Criticism("u29", ("报送信息不准确",)),),
    )
    return AssessmentReport(
        assessment, office_name="东溪县政府办公室政务信息工作考核办法",
        unit_names={f"u{n}": town for n, town in enumerate(TOWNS, start=1)}, person_names={"p1": "李明"},
    )


@pytest.fixture(scope="module")
def content() -> bytes:
    return assessment_document(report())


@pytest.fixture(scope="module")
def printed(content: bytes, tmp_path_factory: pytest.TempPathFactory) -> proof.Proof:
    if reason := proof.unavailable():
        pytest.skip(reason)
    return proof.proof_docx(content, tmp_path_factory.mktemp("assessment"))


def test_the_bulletin_opens_with_masthead_title_and_the_rules_it_follows(content: bytes) -> None:
    texts = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert texts[:3] == [
        "政务信息工作通报", "2026年度政务信息工作考核结果通报",
        "依据《东溪县政府办公室政务信息工作考核办法》（版本 county-default-2026.1），现将考核结果通报如下。",
    ]
    assert texts[-2:] == ["五、取消评先资格", ""]  # the colophon's anchor follows the last table


def test_the_tables_carry_every_unit_and_the_colophon_is_left_to_fill_in(content: bytes) -> None:
    results, advanced, officers, criticised, lost, colophon = docx.Document(io.BytesIO(content)).tables
    assert [row.cells[2].text for row in results.rows[1:]] == TOWNS
    assert [row.cells[1].text for row in advanced.rows[1:]] == ["第1镇", "第2镇", "第3镇"]
    assert officers.rows[1].cells[1].text == "李明" and criticised.rows[1].cells[2].text == "报送信息不准确"
    assert lost.rows[1].cells[1].text == "第30镇"
    assert colophon.rows[-1].cells[0].text == "\t\u3000\u3000年\u3000\u3000月\u3000\u3000日印发"


def test_the_printed_bulletin_keeps_the_national_layout(printed: proof.Proof) -> None:
    assert len(printed.pages) >= 2
    assert proof.layout_problems(printed) == []
    assert "第30镇" in "".join(page.text for page in printed.pages)


def test_the_printed_masthead_is_red(printed: proof.Proof) -> None:
    box = printed.red_box(1)
    top = GBT9704.type_area_pt()[1]
    assert box is not None and top <= box[1] < top + 40


def test_the_assessing_office_issues_it_on_the_day_it_is_read() -> None:
    from dataclasses import replace
    from datetime import date

    issued = replace(report(), issuer="东溪县人民政府办公室", issued_on=date(2027, 1, 8))
    document = docx.Document(io.BytesIO(assessment_document(issued)))
    texts = [p.text for p in document.paragraphs]
    assert any("东溪县人民政府办公室" in t and "2027年1月8日" in t for t in texts[:3]), texts[:3]
    assert "东溪县人民政府办公室" in texts and "2027年1月8日" in texts  # 署名 and 成文日期
    colophon = document.tables[-1]
    printed_line = " ".join(cell.text for row in colophon.rows for cell in row.cells)
    assert "东溪县人民政府办公室" in printed_line and "2027年1月8日印发" in printed_line.replace(" ", "")

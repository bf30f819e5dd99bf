"""A briefing issue's .docx in the national format: read back, then printed by LibreOffice and measured."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import docx
import docx.document
import pytest

from services.intake.adapters.docx_writer import briefing_docx
from shared.documents import GBT9704, proof

BODY = ("截至11月20日，全镇累计收购秋粮1.2万吨，完成全年任务的52%，比去年同期快5个百分点。"
        "镇里设立收购点8个，新增烘干设备3台，组织农机合作社开展代收代储，确保农民售粮不难。")


def issue(*, signed: bool = True) -> dict[str, Any]:
    """Issue 45, signed off at 01:30 on 8 December in Beijing (17:30 UTC the day before)."""
    return {
        "name": "政务信息", "issue_no": "2026年第45期", "office_name": "东溪县人民政府办公室",
        "signed_off_at": datetime(2026, 12, 7, 17, 30, tzinfo=UTC) if signed else None,
        "items": [
            {"title": f"{town}秋粮收购进度过半", "unit_name": f"{town}人民政府",
             "body": "\n\n".join([BODY] * 3)}
            for town in ("河山镇", "柳山镇", "青石镇", "大桥镇")
        ],
    }


@pytest.fixture(scope="module")
def content() -> bytes:
    return briefing_docx(issue(), signer="吴浩", report_to=["临江市人民政府办公室"])


@pytest.fixture(scope="module")
def printed(content: bytes, tmp_path_factory: pytest.TempPathFactory) -> proof.Proof:
    if reason := proof.unavailable():
        pytest.skip(reason)
    return proof.proof_docx(content, tmp_path_factory.mktemp("briefing"))


def read(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def test_the_head_names_the_issue_its_signer_and_the_sign_off_day_in_beijing(content: bytes) -> None:
    texts = [p.text for p in read(content).paragraphs]
    assert texts[:3] == ["政务信息", "2026年第45期\t签发人：吴浩", "东溪县人民政府办公室\t2026年12月8日"]
    assert "河山镇秋粮收购进度过半" in texts and "（青石镇人民政府）" in texts


def test_the_colophon_reports_to_the_office_above_and_leaves_the_send_line_to_fill_in(content: bytes) -> None:
    colophon = read(content).tables[-1]
    assert [row.cells[0].text for row in colophon.rows] == [
        "报：临江市人民政府办公室。", "送：", "东溪县人民政府办公室\t2026年12月8日印发",
    ]


def test_a_draft_issue_has_no_signer_and_no_printing_date() -> None:
    document = read(briefing_docx(issue(signed=False), signer="吴浩"))
    texts = [p.text for p in document.paragraphs]
    assert texts[1:3] == ["2026年第45期", "东溪县人民政府办公室\t（未签发）"]
    blank_date = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"
    assert document.tables[-1].rows[-1].cells[0].text == f"东溪县人民政府办公室\t{blank_date}印发"


def test_the_printed_issue_is_a4_inside_the_type_area_numbered_outside_with_the_colophon_last(
    printed: proof.Proof,
) -> None:
    assert len(printed.pages) >= 2
    assert proof.layout_problems(printed) == []
    assert "签发人：吴浩" in printed.pages[0].text
    assert "报：临江市人民政府办公室。" in printed.pages[-1].text


def test_the_printed_masthead_is_red_at_the_top_of_the_first_page(printed: proof.Proof) -> None:
    left, top, right, _ = GBT9704.type_area_pt()
    box = printed.red_box(1)
    assert box is not None and top <= box[1] < top + 40 and box[3] < top + 200
    assert abs(box[0] - left) < 3 and abs(box[2] - right) < 3  # the red rule spans the type area

"""The annual assessment as a Word bulletin (python-docx): title block, then numbered sections."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from services.incentives.reports.assessment import AssessmentReport

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NONE = "无。"

Section = tuple[str, Sequence[str], list[tuple[Any, ...]]]


def assessment_document(report: AssessmentReport) -> bytes:
    """The bulletin's bytes: results table, commendations, criticism and eligibility losses."""
    doc = Document()
    _title_block(doc, report)
    for heading, header, rows in _sections(report):
        doc.add_heading(heading, level=2)
        _table(doc, header, rows)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _sections(report: AssessmentReport) -> list[Section]:
    a, unit, person = report.assessment, report.unit, report.person
    return [
        ("一、考核结果", ("组别", "名次", "单位", "得分", "信息条数", "等次"), [
            (r.peer_group, r.rank, unit(r.unit_id), r.score, r.items, r.grade) for r in a.results
        ]),
        ("二、先进单位", ("序号", "单位", "理由"), [
            (n, unit(c.unit_id), c.reason) for n, c in enumerate(a.advanced_units, 1)
        ]),
        ("三、优秀信息员", ("序号", "姓名", "单位", "理由"), [
            (n, person(c.subject_id), unit(c.unit_id), c.reason)
            for n, c in enumerate(a.outstanding_officers, 1)
        ]),
        ("四、通报批评", ("序号", "单位", "原因"), [
            (n, unit(c.unit_id), "；".join(c.reasons)) for n, c in enumerate(a.criticised, 1)
        ]),
        ("五、取消评先资格", ("序号", "单位", "原因"), [
            (n, unit(unit_id), "；".join(reasons))
            for n, (unit_id, reasons) in enumerate(report.eligibility_losses(), 1)
        ]),
    ]  # fmt: skip


def _title_block(doc: Any, report: AssessmentReport) -> None:
    title = doc.add_heading(report.title + "通报", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.office_name:
        doc.add_paragraph(report.office_name).alignment = WD_ALIGN_PARAGRAPH.CENTER
    basis = doc.add_paragraph(f"依据考核办法（版本 {report.assessment.policy_version}）")
    basis.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in basis.runs:
        run.font.size = Pt(10)


def _table(doc: Any, header: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        doc.add_paragraph(NONE)
        return
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)

"""The annual assessment as an Excel workbook (openpyxl): one sheet per list."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from services.incentives.domain import UnitResult
from services.incentives.reports.assessment import AssessmentReport

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RESULT_COLUMNS = ("组别", "名次", "单位", "单位编号", "得分", "总积分", "信息条数", "等次", "评先资格")
REASON_COLUMNS = ("取消评先原因", "通报批评原因")

Sheet = tuple[str, Sequence[str], list[list[Any]]]


def assessment_workbook(report: AssessmentReport) -> bytes:
    """The workbook's bytes: results, advanced units, officers, criticism, eligibility losses."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, header, rows in _sheets(report):
        _table(book.create_sheet(name), report, header, rows)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheets(report: AssessmentReport) -> list[Sheet]:
    a, unit, person = report.assessment, report.unit, report.person
    return [
        ("考核结果", (*RESULT_COLUMNS, *REASON_COLUMNS), [_result(r, report) for r in a.results]),
        ("先进单位", ("序号", "单位", "单位编号", "理由"), [
            [n, unit(c.unit_id), c.unit_id, c.reason] for n, c in enumerate(a.advanced_units, 1)
        ]),
        ("优秀信息员", ("序号", "姓名", "人员编号", "单位", "理由"), [
            [n, person(c.subject_id), c.subject_id, unit(c.unit_id), c.reason]
            for n, c in enumerate(a.outstanding_officers, 1)
        ]),
        ("通报批评", ("序号", "单位", "单位编号", "原因"), [
            [n, unit(c.unit_id), c.unit_id, "；".join(c.reasons)] for n, c in enumerate(a.criticised, 1)
        ]),
        ("取消评先资格", ("序号", "单位", "单位编号", "原因"), [
            [n, unit(unit_id), unit_id, "；".join(reasons)]
            for n, (unit_id, reasons) in enumerate(report.eligibility_losses(), 1)
        ]),
    ]  # fmt: skip


def _result(r: UnitResult, report: AssessmentReport) -> list[Any]:
    eligible = "是" if r.eligible else "否"
    figures = [r.peer_group, r.rank, report.unit(r.unit_id), r.unit_id, r.score, r.total, r.items]
    return [*figures, r.grade, eligible, "；".join(r.eligibility_losses), "；".join(r.criticisms)]


def _table(sheet: Worksheet, report: AssessmentReport, header: Sequence[str], rows: list[list[Any]]) -> None:
    """Title and policy on rows 1-2, the header on row 4, data below it."""
    title = f"{report.title}（{report.office_name}）" if report.office_name else report.title
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"考核办法版本：{report.assessment.policy_version}"
    sheet.append([])
    sheet.append(list(header))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A5"
    for index, name in enumerate(header, 1):
        widest = max([len(str(name)), *(len(str(r[index - 1])) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, 4 + 2 * widest)

"""The annual assessment as a Word bulletin in the national format (GB/T 9704, via
shared.documents): masthead, title and basis, then numbered sections of tables, then the
colophon. The assessing office (the policy's ``office_id``) issues it, dated the day it is
read out; a report without them leaves the 印发 line for the office to fill in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.incentives.reports.assessment import AssessmentReport
from shared.documents import DOCX_MEDIA_TYPE, OfficialDocument

__all__ = ["DOCX_MEDIA_TYPE", "MASTHEAD", "NONE", "assessment_document"]

MASTHEAD = "政务信息工作通报"
NONE = "无。"

Section = tuple[str, Sequence[str], Sequence[float], list[tuple[Any, ...]]]
_NUMERIC = {6: frozenset({3, 4})}  # the results' score and item count


def assessment_document(report: AssessmentReport) -> bytes:
    """The bulletin's bytes: results table, commendations, criticism and eligibility losses."""
    day = _day(report)
    doc = OfficialDocument(
        masthead=MASTHEAD, title=report.title + "通报", issued_by=report.issuer or None, issued_on=day or None
    )
    basis = f"依据{_rules(report.office_name)}（版本 {report.assessment.policy_version}）"
    doc.add_paragraph(basis + "，现将考核结果通报如下。")
    for heading, header, widths, rows in _sections(report):
        doc.add_heading(heading, level=1)
        if rows:
            doc.add_table(header, rows, widths=widths, numeric=_NUMERIC.get(len(header), frozenset()))
        else:
            doc.add_paragraph(NONE)
    if report.issuer and day:
        doc.add_signature(report.issuer, day)
    doc.colophon(printed_by=report.issuer or None, printed_on=report.issued_on)
    return doc.to_bytes()


def _day(report: AssessmentReport) -> str:
    """成文日期 as documents print it: 2027年1月8日."""
    on = report.issued_on
    return f"{on.year}年{on.month}月{on.day}日" if on else ""


def _rules(name: str) -> str:
    """The rules by name, as quoted in a document (《…》), or generically when unnamed."""
    return f"《{name}》" if name else "考核办法"


_RESULTS, _REASONED = (0.2, 0.1, 0.28, 0.14, 0.14, 0.14), (0.1, 0.3, 0.6)  # shares of the width


def _sections(report: AssessmentReport) -> list[Section]:
    a, unit, person = report.assessment, report.unit, report.person
    return [
        ("一、考核结果", ("组别", "名次", "单位", "得分", "信息条数", "等次"), _RESULTS, [
            (r.peer_group, r.rank, unit(r.unit_id), r.score, r.items, r.grade) for r in a.results
        ]),
        ("二、先进单位", ("序号", "单位", "理由"), _REASONED, [
            (n, unit(c.unit_id), c.reason) for n, c in enumerate(a.advanced_units, 1)
        ]),
        ("三、优秀信息员", ("序号", "姓名", "单位", "理由"), (0.1, 0.16, 0.26, 0.48), [
            (n, person(c.subject_id), unit(c.unit_id), c.reason)
            for n, c in enumerate(a.outstanding_officers, 1)
        ]),
        ("四、通报批评", ("序号", "单位", "原因"), _REASONED, [
            (n, unit(c.unit_id), "；".join(c.reasons)) for n, c in enumerate(a.criticised, 1)
        ]),
        ("五、取消评先资格", ("序号", "单位", "原因"), _REASONED, [
            (n, unit(unit_id), "；".join(reasons))
            for n, (unit_id, reasons) in enumerate(report.eligibility_losses(), 1)
        ]),
    ]  # fmt: skip

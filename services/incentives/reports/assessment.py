"""The annual assessment as offices publish it: results with names, commendations, criticism."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.incentives.domain import AnnualAssessment, UnitResult


@dataclass(frozen=True)
class AssessmentReport:
    """An assessment with the names of units and officers and the office that issues it."""

    assessment: AnnualAssessment
    office_name: str
    unit_names: Mapping[str, str] = field(default_factory=dict)
    person_names: Mapping[str, str] = field(default_factory=dict)
    issuer: str = ""
    """The assessing office's name, printed as the document's 发文机关 and 印发机关."""
    issued_on: date | None = None
    """The day it is read out (the office's calendar): its 成文日期 and 印发日期."""

    @property
    def title(self) -> str:
        return f"{self.assessment.year}年度政务信息工作考核结果"

    def unit(self, unit_id: str) -> str:
        """The unit's name (its id when unknown)."""
        return self.unit_names.get(unit_id) or unit_id

    def person(self, person_id: str) -> str:
        """The officer's name (their id when unknown)."""
        return self.person_names.get(person_id) or person_id

    def eligibility_losses(self) -> list[tuple[str, tuple[str, ...]]]:
        """(unit id, reasons) of every unit that lost eligibility for the selection."""
        return [(r.unit_id, r.eligibility_losses) for r in self.assessment.results if r.eligibility_losses]


def assessment_json(report: AssessmentReport) -> dict[str, Any]:
    """The report as the HTTP API returns it."""
    a, unit = report.assessment, report.unit
    return {
        "year": a.year,
        "title": report.title,
        "office": report.office_name,
        "policy_version": a.policy_version,
        "results": [_result_json(r, report) for r in a.results],
        "advanced_units": [
            {"unit_id": c.unit_id, "name": unit(c.unit_id), "reason": c.reason} for c in a.advanced_units
        ],
        "outstanding_officers": [
            {"person_id": c.subject_id, "name": report.person(c.subject_id), "unit_id": c.unit_id,
             "unit_name": unit(c.unit_id), "reason": c.reason}
            for c in a.outstanding_officers
        ],
        "criticised": [
            {"unit_id": c.unit_id, "name": unit(c.unit_id), "reasons": list(c.reasons)} for c in a.criticised
        ],
        "eligibility_losses": [
            {"unit_id": unit_id, "name": unit(unit_id), "reasons": list(reasons)}
            for unit_id, reasons in report.eligibility_losses()
        ],
    }  # fmt: skip


def _result_json(r: UnitResult, report: AssessmentReport) -> dict[str, Any]:
    return {
        "unit_id": r.unit_id, "name": report.unit(r.unit_id), "peer_group": r.peer_group,
        "score": r.score, "total": r.total, "items": r.items, "rank": r.rank, "grade": r.grade,
        "eligible": r.eligible, "eligibility_losses": list(r.eligibility_losses),
        "criticisms": list(r.criticisms),
    }  # fmt: skip

"""Read models and documents built from the ledger: the assessment report, rewards, exports.

Pure: they take domain results and names and return values or file bytes; no storage.
"""

from services.incentives.reports.assessment import AssessmentReport, assessment_json
from services.incentives.reports.document import DOCX_MEDIA_TYPE, assessment_document
from services.incentives.reports.rewards import (
    RewardLine,
    RewardList,
    RewardRow,
    budget_period,
    reward_list,
)
from services.incentives.reports.workbook import XLSX_MEDIA_TYPE, assessment_workbook

__all__ = [
    "DOCX_MEDIA_TYPE",
    "XLSX_MEDIA_TYPE",
    "AssessmentReport",
    "RewardLine",
    "RewardList",
    "RewardRow",
    "assessment_document",
    "assessment_json",
    "assessment_workbook",
    "budget_period",
    "reward_list",
]

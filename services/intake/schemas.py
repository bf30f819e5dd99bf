"""Request and response bodies of the intake HTTP API.

The actor of every request is the authenticated user (see auth.py); bodies never name who
acts, only on whose behalf where that differs (a leader's instruction recorded by an editor).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, Field

from shared.contracts.vocabulary import UNIT_IDENTIFIER, OrgLevel, UnitKind
from shared.runtime.app import Problem, errors

IDENTIFIER = r"^[A-Za-z0-9_.\-]{1,64}$"
Role = Literal["officer", "unit_head", "editor", "office_head", "leader", "admin"]


class UnitIn(BaseModel):
    unit_id: str = Field(pattern=UNIT_IDENTIFIER, description="Stable id (no dots), e.g. 'gd-sz-ft'.")
    name: str = Field(min_length=1, max_length=100, description="Name, e.g. 福田区人民政府办公室.")
    level: OrgLevel = Field(description="Administrative level.")
    kind: UnitKind = Field(default=UnitKind.GOVERNMENT, description="Government, department…")
    parent_id: str | None = Field(default=None, description="Unit above it (None for the root).")
    unit_class: str = Field(default="I", max_length=8, description="Quota class, e.g. I-IV.")


class UnitOut(UnitIn):
    reports_to: str | None = Field(description="Office the unit submits to.")


class PersonOut(BaseModel):
    person_id: str = Field(pattern=IDENTIFIER, description="Stable id of the person; their log-in id.")
    name: str = Field(min_length=1, max_length=60)
    unit_id: str = Field(description="Unit the person works for.")
    roles: list[Role] = Field(default=["officer"], description="Roles in that unit.")


class PersonIn(PersonOut):
    password: str | None = Field(
        default=None, min_length=8, max_length=256,
        description="Initial password; required for a new person, optional when changing one.",
    )


class PasswordResetIn(BaseModel):
    password: str = Field(min_length=8, max_length=256, description="The new password.")


class SubmissionIn(BaseModel):
    title: str = Field(min_length=1, max_length=120, description="Title of the item.")
    body: str = Field(min_length=1, max_length=20_000, description="Text; blank lines split paragraphs.")
    category: str = Field(default="动态", max_length=20, description="动态, 经验, 问题建议, 突发事件…")
    language: Literal["zh", "en"] | None = Field(default=None, description="Detected when omitted.")
    urgent: bool = Field(default=False, description="Emergency or sensitive-event report.")
    occurred_at: AwareDatetime | None = Field(
        default=None, description="When the reported event happened (starts the report-within clock)."
    )
    commission_id: str | None = Field(default=None, description="Commissioned topic (约稿) answered.")
    follow_up_of: str | None = Field(default=None, description="Earlier item this follows up (续报).")
    draft: bool | None = Field(
        default=None,
        description="True: keep as a draft for the unit head's sign-off. False: submit now (unit "
        "heads only). Omitted: submitted for a unit head, a draft for anyone else.",
    )


class SubmissionOut(BaseModel):
    submission_id: str
    unit_id: str
    author_id: str
    title: str
    body: str
    category: str
    language: str
    period: str
    state: str
    standing: str | None = Field(
        default=None,
        description="The state as the caller's unit sees it: awaiting_sign_off / returned_to_author before "
        "it leaves; at an office it passed, adopted (adopted there) or forwarded; else its state.",
    )
    office_id: str
    created_at: datetime | None = None
    submitted_at: datetime | None
    signed_off_by: str | None = None
    urgent: bool
    occurred_at: datetime | None = None
    report_due: datetime | None = None
    late: bool = False
    commission_id: str | None = None
    follow_up_of: str | None = None
    revision: int


class Downstream(BaseModel):
    score: dict[str, Any] | None = Field(description="Latest SubmissionScored, with criteria.")
    ledger: list[dict[str, Any]] = Field(description="Ledger entries about this item.")
    notifications: list[dict[str, Any]] = Field(description="Notifications about this item.")


class SubmissionDetail(SubmissionOut):
    forwarded_by: list[str] = Field(description="Offices that forwarded it upward, lowest first.")
    adoptions: list[dict[str, Any]] = Field(description="Adoptions, lowest office first.")
    instructions: list[dict[str, Any]] = Field(description="Leaders' instructions and feedback.")
    return_reasons: list[str] = Field(description="Why it was last returned.")
    attachments: list[dict[str, Any]] = Field(description="Images kept from an imported .docx.")
    author_return: dict[str, Any] | None = Field(
        default=None, description="While the unit head has sent the draft back: reason, by, at."
    )
    follow_ups: list[str] = Field(description="Follow-up reports (续报) of this item.")
    pending_revision: dict[str, Any] | None = Field(
        default=None,
        description="A resubmission waiting for the unit head's sign-off (shown to the unit only).",
    )
    sensitive: dict[str, Any] | None = Field(
        default=None,
        description="Set while marked sensitive (never released to agencies): by, office_id, reason, at.",
    )
    downstream: Downstream = Field(description="What scoring, incentives and notify said.")


class Page(BaseModel):
    view: str = Field(description="unit, office or adopted: which of the reader's scopes.")
    total: int
    skip: int
    limit: int
    items: list[SubmissionOut]


class ScreenIn(BaseModel):
    outcome: Literal["accepted", "returned", "filed_for_reference"]
    reasons: list[str] = Field(default_factory=list, description="Required for a return.")
    inaccurate: bool = Field(default=False, description="Returned because its facts were wrong.")


class ReviseIn(BaseModel):
    title: str = Field(min_length=1, max_length=120)
    body: str = Field(min_length=1, max_length=20_000)


class WithdrawIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class ReturnToAuthorIn(BaseModel):
    reason: str = Field(
        min_length=1, max_length=500, description="What the author should change (shown to them)."
    )


class SensitivityIn(BaseModel):
    sensitive: bool = Field(description="True: mark sensitive; False: lift the mark.")
    reason: str = Field(min_length=1, max_length=500, description="Why (kept with the item, audited).")


class AdoptIn(BaseModel):
    publication: str = Field(
        min_length=1, max_length=40,
        description="One of the adopting office's own publications, e.g. county-xinxi at a county office.",
    )
    form: Literal["full_text", "excerpt", "combined"] = "full_text"
    issue_no: str | None = Field(
        default=None, max_length=40,
        description="Leave out: the item goes into the publication's open issue (GET /briefings/upcoming). "
        "When given, it must name that issue (e.g. 2026年第3期), else 422.",
    )


class InstructionIn(BaseModel):
    leader_name: str | None = Field(
        default=None, min_length=1, max_length=60,
        description="The leader who instructed; defaults to the user when a leader records it.",
    )
    leader_rank: OrgLevel
    text: str = Field(min_length=1, max_length=2000)
    feedback_due: date | None = Field(default=None, description="Report-back deadline (批示反馈).")


class FeedbackIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000, description="What the unit did about it.")


class WorkflowOut(BaseModel):
    submission_id: str
    state: str
    office_id: str
    awaiting_sign_off: bool = Field(
        default=False, description="A resubmission waits for the unit head's sign-off."
    )
    sensitive: bool = Field(default=False, description="Marked sensitive: never released to agencies.")


class CommissionIn(BaseModel):
    kind: Literal["commission", "priority"] = Field(
        default="commission", description="A commissioned topic (约稿) or a reporting priority (报送要点)."
    )
    theme: str = Field(min_length=1, max_length=200, description="What the office wants reported.")
    description: str = Field(default="", max_length=5000)
    units: list[str] | None = Field(
        default=None, description="Units asked, directly under the office; all of them when omitted."
    )
    deadline: AwareDatetime | None = Field(default=None, description="Required for a commission.")


class ConflictOut(Problem):
    """A 409: the action is not possible in the item's (or issue's) state."""

    action: str
    state: str


class FieldError(BaseModel):
    """One entry of a 422 in FastAPI's shape."""

    loc: list[str | int]
    msg: str
    type: str


class RowProblem(BaseModel):
    row: int
    column: str
    message: str


class ImportRejected(BaseModel):
    """A 422 of a table import: every problem, row by row (nothing imported), or FastAPI's."""

    detail: str | list[FieldError]
    errors: list[RowProblem] = Field(default_factory=list)


FOUND = errors(404)
"""``responses=`` of a route that names something that may not exist."""
STATEFUL = {**FOUND, **errors(409, model=ConflictOut)}
"""… and changes its state, which may not allow the change."""


class QuotaIn(BaseModel):
    unit_id: str = Field(description="Unit directly under the office.")
    period: str = Field(description="'2026', '2026-Q4' or '2026-11'.")
    items_required: int = Field(ge=0, le=10_000)
    due: date | None = Field(default=None, description="Deadline within the period, if any.")


class FalseReportIn(BaseModel):
    serious: bool = Field(default=False, description="False information with serious consequences.")
    note: str = Field(min_length=1, max_length=2000, description="What was false, and the evidence.")


class CriticismIn(BaseModel):
    criticised_by: str = Field(
        min_length=1, max_length=200, description="Who criticised it, e.g. 市政府办公室."
    )
    note: str = Field(min_length=1, max_length=2000, description="The error, and where it was criticised.")


class UnreportedIncidentIn(BaseModel):
    concealed: bool = Field(description="True: the unit hid it (瞒报); False: it did not report it (漏报).")
    incident: str = Field(min_length=1, max_length=500, description="The incident.")
    evidence: str = Field(min_length=1, max_length=2000, description="How the office knows.")


class OfficeRulesIn(BaseModel):
    resubmission_needs_sign_off: bool = Field(
        description="An officer's resubmission after a return waits for the unit head's sign-off."
    )

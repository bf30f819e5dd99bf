"""Request and response bodies of the intake HTTP API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.contracts.vocabulary import OrgLevel, UnitKind

IDENTIFIER = r"^[A-Za-z0-9_.\-]{1,64}$"


class UnitIn(BaseModel):
    unit_id: str = Field(pattern=IDENTIFIER, description="Stable id, e.g. 'gd-sz-ft'.")
    name: str = Field(min_length=1, max_length=100, description="Name, e.g. 福田区人民政府办公室.")
    level: OrgLevel = Field(description="Administrative level.")
    kind: UnitKind = Field(default=UnitKind.GOVERNMENT, description="Government, department…")
    parent_id: str | None = Field(default=None, description="Unit above it (None for the root).")
    unit_class: str = Field(default="I", max_length=8, description="Quota class, e.g. I-IV.")


class UnitOut(UnitIn):
    reports_to: str | None = Field(description="Office the unit submits to.")


class PersonIn(BaseModel):
    person_id: str = Field(pattern=IDENTIFIER, description="Stable id of the person.")
    name: str = Field(min_length=1, max_length=60)
    unit_id: str = Field(description="Unit the person works for.")
    roles: list[
        Literal["officer", "unit_head", "editor", "office_head", "leader", "admin"]
    ] = Field(default_factory=lambda: ["officer"], description="Roles in that unit.")


class SubmissionIn(BaseModel):
    unit_id: str = Field(description="Submitting unit.")
    author_id: str = Field(description="Author, a person of that unit.")
    title: str = Field(min_length=1, max_length=120, description="Title of the item.")
    body: str = Field(min_length=1, max_length=20_000, description="Text; blank lines split paragraphs.")
    category: str = Field(default="动态", max_length=20, description="动态, 经验, 问题建议, 突发事件…")
    language: Literal["zh", "en"] | None = Field(default=None, description="Detected when omitted.")
    urgent: bool = Field(default=False, description="Emergency or sensitive-event report.")


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
    office_id: str
    submitted_at: datetime
    urgent: bool
    revision: int


class Downstream(BaseModel):
    score: dict[str, Any] | None = Field(description="Latest SubmissionScored, with criteria.")
    ledger: list[dict[str, Any]] = Field(description="Ledger entries about this item.")
    notifications: list[dict[str, Any]] = Field(description="Notifications about this item.")


class SubmissionDetail(SubmissionOut):
    downstream: Downstream = Field(description="What scoring, incentives and notify said.")


class Page(BaseModel):
    total: int
    skip: int
    limit: int
    items: list[SubmissionOut]


class ScreenIn(BaseModel):
    editor_id: str = Field(description="Editor of the item's current office.")
    outcome: Literal["accepted", "returned", "filed_for_reference"]
    reasons: list[str] = Field(default_factory=list, description="Required for a return.")
    inaccurate: bool = Field(default=False, description="Returned because its facts were wrong.")


class ReviseIn(BaseModel):
    person_id: str = Field(description="The author (resubmit) or an office editor (edit).")
    title: str = Field(min_length=1, max_length=120)
    body: str = Field(min_length=1, max_length=20_000)


class WithdrawIn(BaseModel):
    person_id: str = Field(description="A person of the submitting unit.")
    reason: str = Field(default="", max_length=500)


class AdoptIn(BaseModel):
    editor_id: str = Field(description="Editor of the adopting (current) office.")
    publication: str = Field(min_length=1, max_length=40, description="Publication code, e.g. yaoqing.")
    form: Literal["full_text", "excerpt", "combined"] = "full_text"
    issue_no: str | None = Field(default=None, max_length=40)


class ForwardIn(BaseModel):
    editor_id: str = Field(description="Editor of the forwarding (current) office.")


class InstructionIn(BaseModel):
    leader_name: str = Field(min_length=1, max_length=60)
    leader_rank: OrgLevel
    text: str = Field(min_length=1, max_length=2000)
    recorded_by: str = Field(description="The leader or the editor recording it.")
    feedback_due: date | None = Field(default=None, description="Report-back deadline (批示反馈).")


class WorkflowOut(BaseModel):
    submission_id: str
    state: str
    office_id: str

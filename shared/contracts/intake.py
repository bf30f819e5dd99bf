"""Events produced by the intake service: the life of an information item and the org tree.

Topic ``intake.submission.v1`` carries the submission events (key: submission_id);
topic ``intake.unit.v1`` carries unit, quota and deadline events (key: unit_id);
topic ``intake.session.v1`` carries revocations of access tokens (key: person_id).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.envelope import Event
from shared.contracts.vocabulary import (
    AdoptionForm,
    OrgLevel,
    PeriodKind,
    ScreeningOutcome,
    UnitKind,
)

Period = Annotated[
    str,
    Field(
        pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$",
        description="Assessment period: '2026', '2026-Q4' or '2026-11'.",
        examples=["2026-11"],
    ),
]


class SubmissionReceived(Event):
    """An information item left its unit (signed off) and reached the office above."""

    type: Literal["SubmissionReceived"] = "SubmissionReceived"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that wrote and submitted the item.")
    unit_name: str = Field(description="Display name of that unit.")
    unit_level: OrgLevel = Field(description="Administrative level of that unit.")
    office_id: str = Field(description="Office the item was submitted to (the unit's superior).")
    author_id: str = Field(description="Person who wrote the item.")
    author_name: str = Field(description="Display name of the author.")
    title: str = Field(description="Title of the item.")
    body: str = Field(description="Full text of the item, paragraphs separated by blank lines.")
    language: Literal["zh", "en"] = Field(description="Language the item is written in.")
    category: str = Field(description="Kind of item, e.g. 动态, 经验, 问题建议, 突发事件.")
    period: Period
    urgent: bool = Field(default=False, description="An emergency or sensitive-event report.")
    late: bool = Field(default=False, description="Submitted after its report-within deadline.")
    commission_id: str | None = Field(
        default=None, description="Commissioned topic (约稿) this item answers, if any."
    )
    follow_up_of: str | None = Field(
        default=None, description="Earlier item this one follows up (续报), if any."
    )
    submitted_at: AwareDatetime = Field(description="When the item was submitted.")


class SubmissionRevised(Event):
    """The text of an item changed: the author resubmitted it or an editor edited it."""

    type: Literal["SubmissionRevised"] = "SubmissionRevised"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    revision: int = Field(ge=1, description="Revision number after this change (first text is 0).")
    title: str = Field(description="New title.")
    body: str = Field(description="New full text.")
    revised_by: str = Field(description="Person who made the change.")
    by_editor: bool = Field(description="True when an office editor edited; False for the author.")


class InstructionFeedbackGiven(Event):
    """The item's unit reported back on a leader's instruction (批示反馈)."""

    type: Literal["InstructionFeedbackGiven"] = "InstructionFeedbackGiven"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that reported back.")
    instruction_id: str = Field(description="The instruction answered.")
    text: str = Field(description="What the unit did about it.")
    given_by: str = Field(description="Person who reported back.")
    late: bool = Field(description="After the instruction's feedback deadline.")


class SignOffRequested(Event):
    """An item waits for its unit head's sign-off: a draft the officer asks them to sign, or
    a revision of a returned item where the unit's office wants resubmissions signed off."""

    type: Literal["SignOffRequested"] = "SignOffRequested"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit whose head signs.")
    title: str = Field(description="Title of the item (of the waiting revision, for a resubmission).")
    requested_by: str = Field(description="Person who asks for the sign-off.")
    resubmission: bool = Field(description="True: a revision after a return; False: a new draft.")


class SubmissionWithdrawn(Event):
    """The submitting unit took the item back; points it earned are reversed."""

    type: Literal["SubmissionWithdrawn"] = "SubmissionWithdrawn"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    reason: str = Field(default="", description="Why the unit withdrew it.")


class SubmissionScreened(Event):
    """An office editor screened the item: accepted for editing, returned, or filed (备查)."""

    type: Literal["SubmissionScreened"] = "SubmissionScreened"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    office_id: str = Field(description="Office whose editor screened it.")
    editor_id: str = Field(description="Editor who screened it.")
    outcome: ScreeningOutcome = Field(description="Result of the screening.")
    reasons: list[str] = Field(
        default_factory=list, description="Reasons the author can act on (for a return)."
    )
    inaccurate: bool = Field(
        default=False, description="Returned because its facts were wrong (a deduction applies)."
    )


class ContributingUnit(BaseModel):
    """A unit whose material went into an adopted item, with its share of the credit."""

    model_config = ConfigDict(frozen=True)

    unit_id: str = Field(description="Contributing unit.")
    share: float = Field(
        default=1.0, gt=0, le=1, description="Share of the credit (1.0 for a sole author)."
    )


class SubmissionAdopted(Event):
    """An office adopted the item into an issue of one of its publications."""

    type: Literal["SubmissionAdopted"] = "SubmissionAdopted"
    submission_id: str = Field(description="Id of the (original) information item.")
    unit_id: str = Field(description="Unit that originally submitted the item.")
    adoption_id: str = Field(description="Id of this adoption; reversals name it.")
    office_id: str = Field(description="Office that adopted the item.")
    office_level: OrgLevel = Field(description="Level of the adopting office.")
    publication: str = Field(description="Publication code, e.g. 'yaoqing' (要情快报).")
    issue_no: str | None = Field(default=None, description="Issue the item appeared in.")
    form: AdoptionForm = Field(description="Stand-alone full text, excerpt or combined item.")
    contributing_units: list[ContributingUnit] = Field(
        default_factory=list,
        description="Units credited; empty means the submitting unit alone.",
    )
    forwarded_by: list[str] = Field(
        default_factory=list,
        description="Offices that forwarded the item upward on its way here, lowest first.",
    )
    sensitive: bool = Field(
        default=False, description="Marked sensitive in intake: it must never leave the system."
    )


class AdoptionRevoked(Event):
    """An adoption was taken back (e.g. recorded in error); its points are reversed."""

    type: Literal["AdoptionRevoked"] = "AdoptionRevoked"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    adoption_id: str = Field(description="The adoption taken back.")
    reason: str = Field(description="Why it was revoked.")


class SubmissionForwarded(Event):
    """An office forwarded (上报/转报) the item to the office above it."""

    type: Literal["SubmissionForwarded"] = "SubmissionForwarded"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that originally submitted the item.")
    from_office_id: str = Field(description="Office that forwarded it.")
    to_office_id: str = Field(description="Office it was forwarded to.")
    to_level: OrgLevel = Field(description="Level of the receiving office.")
    editor_id: str = Field(description="Editor who forwarded it.")
    sensitive: bool = Field(
        default=False, description="Marked sensitive in intake: it must never leave the system."
    )


class SubmissionSensitivityChanged(Event):
    """An editor or office head marked the item sensitive (敏感, never released to other
    agencies; anything already released is retracted) or lifted the mark."""

    type: Literal["SubmissionSensitivityChanged"] = "SubmissionSensitivityChanged"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    office_id: str = Field(description="Office whose editor or head decided.")
    sensitive: bool = Field(description="True: marked sensitive; False: the mark was lifted.")
    reason: str = Field(min_length=1, max_length=500, description="Why (kept with the item, audited).")
    decided_by: str = Field(description="Person who decided.")


class InstructionRecorded(Event):
    """A leader wrote an instruction (批示) on the item."""

    type: Literal["InstructionRecorded"] = "InstructionRecorded"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    instruction_id: str = Field(description="Id of the instruction.")
    leader_name: str = Field(description="Leader who gave the instruction.")
    leader_rank: OrgLevel = Field(description="Level of the leader's post.")
    text: str = Field(description="Text of the instruction.")
    feedback_due: date | None = Field(
        default=None, description="Date by which the unit must report back (批示反馈)."
    )
    recorded_by: str = Field(description="Person who recorded it (often an editor).")


class UnitRegistered(Event):
    """A unit joined the org tree or changed its place or class in it."""

    key_field: ClassVar[str] = "unit_id"
    type: Literal["UnitRegistered"] = "UnitRegistered"
    unit_id: str = Field(description="Id of the unit.")
    name: str = Field(description="Display name.")
    level: OrgLevel = Field(description="Administrative level.")
    kind: UnitKind = Field(description="Government, functional department or other.")
    parent_id: str | None = Field(description="Unit it belongs to in the tree (None at the root).")
    reports_to: str | None = Field(description="Office the unit submits to (None at the root).")
    unit_class: str = Field(default="I", description="Class that sets its quota, e.g. I-IV.")


class QuotaSet(Event):
    """An office set how many items a unit owes in a period."""

    key_field: ClassVar[str] = "unit_id"
    type: Literal["QuotaSet"] = "QuotaSet"
    unit_id: str = Field(description="Unit the quota applies to.")
    office_id: str = Field(description="Office that set it.")
    period: Period
    period_kind: PeriodKind = Field(description="Month, quarter or year.")
    items_required: int = Field(ge=0, description="Items the unit must submit in the period.")


class DeadlineSet(Event):
    """An office set a deadline for a unit (a commissioned topic, instruction feedback…)."""

    key_field: ClassVar[str] = "unit_id"
    type: Literal["DeadlineSet"] = "DeadlineSet"
    unit_id: str = Field(description="Unit that owes the work.")
    office_id: str = Field(description="Office that set the deadline.")
    subject: Literal["commission", "instruction_feedback", "urgent_report", "quota"] = Field(
        description="What is due."
    )
    reference_id: str = Field(description="Id of the commission, instruction or item concerned.")
    due_at: AwareDatetime = Field(description="When it is due.")


class EmergencyReportFalse(Event):
    """An office found an emergency report false (谎报/误报) and records it, with the policy's
    penalty; ``serious`` marks false information with serious consequences."""

    type: Literal["EmergencyReportFalse"] = "EmergencyReportFalse"
    submission_id: str = Field(description="The false report.")
    unit_id: str = Field(description="Unit that sent the report.")
    office_id: str = Field(description="Office that recorded it.")
    serious: bool = Field(default=False, description="Serious consequences (the heavier penalty).")
    note: str = Field(min_length=1, max_length=2000, description="What was false, and the evidence.")
    recorded_by: str = Field(description="Person who recorded it.")


class CriticisedByHigherLevel(Event):
    """An office records that a higher level criticised an error in an item its unit reported
    (通报批评)."""

    type: Literal["CriticisedByHigherLevel"] = "CriticisedByHigherLevel"
    submission_id: str = Field(description="The item criticised.")
    unit_id: str = Field(description="Unit whose item was criticised.")
    office_id: str = Field(description="Office that recorded it.")
    criticised_by: str = Field(
        min_length=1, max_length=200, description="Who criticised it, e.g. 市政府办公室."
    )
    note: str = Field(min_length=1, max_length=2000, description="The error, and where it was criticised.")
    recorded_by: str = Field(description="Person who recorded it.")


class EmergencyReportConcealed(Event):
    """An office records that a unit did not report an incident (漏报) or hid it (瞒报),
    with the evidence; there is no item."""

    key_field: ClassVar[str] = "unit_id"
    type: Literal["EmergencyReportConcealed"] = "EmergencyReportConcealed"
    record_id: str = Field(description="The office's record of the failure.")
    unit_id: str = Field(description="Unit that should have reported.")
    office_id: str = Field(description="Office that recorded it.")
    concealed: bool = Field(description="True: hidden (瞒报); False: not reported (漏报).")
    incident: str = Field(min_length=1, max_length=500, description="The incident that went unreported.")
    evidence: str = Field(min_length=1, max_length=2000, description="How the office knows.")
    recorded_by: str = Field(description="Person who recorded it.")


class CommissionPublished(Event):
    """An office published a commissioned topic (约稿, with a deadline) or a reporting
    priority (报送要点) to units directly under it."""

    key_field: ClassVar[str] = "office_id"
    type: Literal["CommissionPublished"] = "CommissionPublished"
    commission_id: str = Field(description="Id of the commission; items answer it with it.")
    office_id: str = Field(description="Office that published it.")
    kind: Literal["commission", "priority"] = Field(description="Commissioned topic or priority.")
    theme: str = Field(description="What the office asks for.")
    description: str = Field(default="", description="Details.")
    units: list[str] = Field(description="Units asked.")
    deadline: AwareDatetime | None = Field(default=None, description="Due time (a commission has one).")


class BriefingItem(BaseModel):
    submission_id: str = Field(description="Item in the issue.")
    unit_id: str = Field(description="Unit that reported it.")
    title: str = Field(description="Its title as issued.")


class BriefingIssued(Event):
    """The office head signed a briefing issue (简报/信息专报) off: it is issued."""

    key_field: ClassVar[str] = "office_id"
    type: Literal["BriefingIssued"] = "BriefingIssued"
    briefing_id: str = Field(description="Id of the issue.")
    office_id: str = Field(description="Office that issued it.")
    publication: str = Field(description="Publication code.")
    name: str = Field(description="Publication name.")
    issue_no: str = Field(description="Issue number as printed, e.g. 2026年第3期.")
    items: list[BriefingItem] = Field(description="The items, in order.")
    signed_off_by: str = Field(description="Office head who signed it off.")


DeadlineSubject = Literal["commission", "instruction_feedback", "urgent_report"]
"""What a deadline that expires by itself concerns (a quota is judged at the period close)."""


class DeadlineMissed(Event):
    """A deadline passed unanswered: the commissioned item, the instruction's feedback or the
    urgent report had not reached the office by ``due_at``. Raised once per deadline by
    intake's scheduler; its ``event_id`` is derived from ``deadline_id``, so a second
    scheduler replica that judges the same deadline produces the same event."""

    key_field: ClassVar[str] = "unit_id"
    type: Literal["DeadlineMissed"] = "DeadlineMissed"
    deadline_id: str = Field(description="The deadline (unit, subject and reference together).")
    unit_id: str = Field(description="Unit that owed the work.")
    office_id: str = Field(description="Office that set the deadline.")
    subject: DeadlineSubject = Field(description="What was due.")
    reference_id: str = Field(description="Id of the commission, instruction or item concerned.")
    submission_id: str | None = Field(
        default=None,
        description="The item concerned: the urgent draft, or the item the instruction is on.",
    )
    due_at: AwareDatetime = Field(description="When it was due.")


class SessionRevoked(Event):
    """Access tokens stop working: one session's (log-out) or, without ``session_id``, every
    token of the person issued up to ``occurred_at`` (password, roles or unit changed,
    person disabled). Every service instance reads these to refuse revoked tokens before
    they expire."""

    key_field: ClassVar[str] = "person_id"
    type: Literal["SessionRevoked"] = "SessionRevoked"
    person_id: str = Field(description="Person whose tokens are revoked.")
    session_id: str | None = Field(
        default=None, description="The one session ended (log-out); None: all of the person's."
    )
    reason: Literal["logout", "password_changed", "roles_changed", "disabled", "locked"] = Field(
        description="Why the tokens stop working."
    )


class DraftPreviewRequested(BaseModel):
    """A request (not an event): score this draft now and answer on ``reply_to``.

    Sent to ``topics.PREVIEW_REQUESTS`` with a correlation id; nothing is stored, and
    nobody waits for an answer after ``expires_at``.
    """

    type: Literal["DraftPreviewRequested"] = "DraftPreviewRequested"
    schema_version: int = Field(default=1, description="Version of this request's schema.")
    title: str = Field(min_length=1, max_length=200, description="Draft title.")
    body: str = Field(min_length=1, max_length=50_000, description="Draft text.")
    category: str | None = Field(default=None, description="Kind of item, e.g. 动态.")
    language: Literal["zh", "en"] | None = Field(
        default=None,
        description="Language intake will submit the item in (scored as that); detected when absent.",
    )
    expires_at: AwareDatetime = Field(description="Nobody waits for an answer after this.")


SubmissionEvent = Annotated[
    SubmissionReceived
    | SubmissionRevised
    | SubmissionWithdrawn
    | SubmissionScreened
    | SubmissionAdopted
    | AdoptionRevoked
    | SubmissionForwarded
    | SubmissionSensitivityChanged
    | InstructionRecorded
    | InstructionFeedbackGiven
    | SignOffRequested
    | EmergencyReportFalse
    | CriticisedByHigherLevel,
    Field(discriminator="type"),
]
"""Any event on ``intake.submission.v1``."""

UnitEvent = Annotated[
    UnitRegistered
    | QuotaSet
    | DeadlineSet
    | DeadlineMissed
    | EmergencyReportConcealed
    | CommissionPublished
    | BriefingIssued,
    Field(discriminator="type"),
]
"""Any event on ``intake.unit.v1``."""

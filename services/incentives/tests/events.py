"""Contract events for incentives tests, with the values the tests do not care about filled in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shared.contracts import (
    InstructionRecorded,
    QuotaSet,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
    SubmissionWithdrawn,
    UnitRegistered,
)

OCTOBER = datetime(2026, 10, 15, 2, 0, tzinfo=UTC)
"""When the tests' facts happen: inside 2026-10 on the office's clock (UTC+8)."""


def unit(
    unit_id: str,
    unit_class: str = "III",
    parent: str = "dx",
    name: str = "",
    level: str = "township",
    kind: str = "government",
) -> UnitRegistered:
    return UnitRegistered.originated(
        producer="intake",
        unit_id=unit_id,
        name=name or f"{unit_id}镇",
        level=level,
        kind=kind,
        parent_id=parent,
        reports_to=parent,
        unit_class=unit_class,
    )


def received(
    sid: str, unit_id: str = "hs", author: str = "hs.li", period: str = "2026-10", **extra: Any
) -> SubmissionReceived:
    return SubmissionReceived.originated(
        producer="intake",
        submission_id=sid,
        unit_id=unit_id,
        unit_name=unit_id,
        unit_level="township",
        office_id="dx",
        author_id=author,
        author_name=f"作者{author}",
        title="t",
        body="b",
        language="zh",
        category="动态",
        period=period,
        submitted_at=OCTOBER,
        occurred_at=OCTOBER,
        **extra,
    )


def scored(sid: str, unit_id: str = "hs", author: str = "hs.li", band: str = "good") -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring",
        submission_id=sid,
        unit_id=unit_id,
        author_id=author,
        title="t",
        period="2026-10",
        revision=0,
        overall=80,
        band=band,
        language="zh",
        rubric_version="v1",
        criteria=[],
        occurred_at=OCTOBER,
    )


def adopted(
    sid: str,
    unit_id: str = "hs",
    level: str = "county",
    publication: str = "county-xinxi",
    form: str = "full_text",
    at: datetime = OCTOBER,
) -> SubmissionAdopted:
    return SubmissionAdopted.originated(
        producer="intake",
        submission_id=sid,
        unit_id=unit_id,
        adoption_id=f"{sid}-{publication}",
        office_id=level,
        office_level=level,
        publication=publication,
        form=form,
        occurred_at=at,
    )


def instructed(sid: str, unit_id: str = "hs", rank: str = "city") -> InstructionRecorded:
    return InstructionRecorded.originated(
        producer="intake",
        submission_id=sid,
        unit_id=unit_id,
        instruction_id=f"{sid}-i",
        leader_name="陈华",
        leader_rank=rank,
        text="请总结推广",
        recorded_by="editor",
        occurred_at=OCTOBER,
    )


def withdrawn(sid: str, unit_id: str = "hs") -> SubmissionWithdrawn:
    return SubmissionWithdrawn.originated(
        producer="intake", submission_id=sid, unit_id=unit_id, occurred_at=OCTOBER
    )


def quota(unit_id: str, items: int, period: str = "2026-10", office: str = "dx") -> QuotaSet:
    return QuotaSet.originated(
        producer="intake",
        unit_id=unit_id,
        office_id=office,
        period=period,
        period_kind="month",
        items_required=items,
    )


def screened(
    sid: str, unit_id: str = "hs", outcome: str = "returned", inaccurate: bool = False
) -> SubmissionScreened:
    return SubmissionScreened.originated(
        producer="intake",
        submission_id=sid,
        unit_id=unit_id,
        office_id="dx",
        editor_id="editor",
        outcome=outcome,
        reasons=["数据有误"],
        inaccurate=inaccurate,
        occurred_at=OCTOBER,
    )

"""The demo data (deploy/demo/data) as the contract events intake would publish for it.

Every item is submitted in October 2026 to its unit's parent office and then goes through its
workflow steps in order, one hour apart; scoring is stood in for by the item's ``quality``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from deploy.demo.dataset import read_demo_data
from deploy.demo.model import Adopt, DemoData, Forward, Instruction, Item, Screen, Unit
from shared.contracts import (
    Event,
    InstructionRecorded,
    SubmissionAdopted,
    SubmissionForwarded,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
    UnitRegistered,
)

START = datetime(2026, 10, 8, 1, 0, tzinfo=UTC)
PERIOD = "2026-10"


def demo_data() -> DemoData:
    return read_demo_data()


def demo_events(data: DemoData) -> list[Event]:
    """Units first, then each item's life in order."""
    units = {u.unit_id: u for u in data.units}
    events: list[Event] = [_registered(u) for u in data.units]
    clock = iter(START + timedelta(hours=n) for n in range(10_000))
    for item in data.items:
        events.extend(_life(item, data, units, clock))
    return events


def _registered(unit: Unit) -> UnitRegistered:
    return UnitRegistered.originated(
        producer="intake",
        unit_id=unit.unit_id,
        name=unit.name,
        level=unit.level,
        kind=unit.kind,
        parent_id=unit.parent_id,
        reports_to=unit.parent_id,
        unit_class=unit.unit_class,
    )


def _life(item: Item, data: DemoData, units: dict[str, Unit], clock: Iterator[datetime]) -> Iterator[Event]:
    names = {p.person_id: p.name for p in data.people}
    office = units[item.unit_id].parent_id or item.unit_id
    at = next(clock)
    common = {"producer": "intake", "submission_id": item.key, "unit_id": item.unit_id}
    yield SubmissionReceived.originated(
        **common,
        unit_name=units[item.unit_id].name,
        unit_level=units[item.unit_id].level,
        office_id=office,
        author_id=item.author_id,
        author_name=names[item.author_id],
        title=item.title,
        body=item.body,
        language=item.language,
        category=item.category,
        period=PERIOD,
        urgent=item.urgent,
        submitted_at=at,
        occurred_at=at,
    )
    yield SubmissionScored.originated(
        **{**common, "producer": "scoring"},
        author_id=item.author_id,
        title=item.title,
        period=PERIOD,
        revision=0,
        overall=85 if item.quality == "good" else 40,
        band=_band(item),
        language=item.language,
        rubric_version="demo",
        criteria=[],
        occurred_at=at,
    )
    forwarded: list[str] = []
    for n, step in enumerate(item.workflow):
        at = next(clock)
        match step:
            case Screen():
                yield SubmissionScreened.originated(
                    **common,
                    office_id=office,
                    editor_id=step.editor_id,
                    outcome=step.outcome,
                    reasons=list(step.reasons),
                    inaccurate=step.inaccurate,
                    occurred_at=at,
                )
            case Adopt():
                yield SubmissionAdopted.originated(
                    **common,
                    adoption_id=f"{item.key}-{n}",
                    office_id=office,
                    office_level=units[office].level,
                    publication=step.publication,
                    issue_no=None,
                    form=step.form,
                    forwarded_by=list(forwarded),
                    occurred_at=at,
                )
            case Forward():
                above = units[office].parent_id or office
                yield SubmissionForwarded.originated(
                    **common,
                    from_office_id=office,
                    to_office_id=above,
                    to_level=units[above].level,
                    editor_id=step.editor_id,
                    occurred_at=at,
                )
                forwarded.append(office)
                office = above
            case Instruction():
                yield InstructionRecorded.originated(
                    **common,
                    instruction_id=f"{item.key}-i{n}",
                    leader_name=step.leader_name,
                    leader_rank=step.leader_rank,
                    text=step.text,
                    recorded_by=step.recorded_by,
                    feedback_due=date(2026, 11, 30),
                    occurred_at=at,
                )


def _band(item: Item) -> str:
    if item.quality == "poor":
        return "poor"
    return "fair" if item.flaws else "good"

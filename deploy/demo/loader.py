"""Loading the demo data into intake: units (parents first), people, items, workflow steps.

Everything is done as the person who would do it: the bootstrap admin imports the tree and
the people (two tables, so one password hash serves every demo person), each author writes
their item, the unit head signs it off, each editor and leader
takes their step. Idempotent at the level the demo needs: if the root unit exists the data is
taken as loaded and nothing is sent. Workflow routes intake does not have yet are noted once
and skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from deploy.demo.errors import IntakeRejected, RouteMissing
from deploy.demo.intake_client import IntakeClient
from deploy.demo.model import DEMO_PASSWORD, DemoData, Item


@dataclass(frozen=True)
class Admin:
    """The bootstrap admin the loader logs in as."""

    person_id: str
    password: str


@dataclass
class LoadReport:
    """What a load did: counts, routes intake lacked, and steps intake refused."""

    already_loaded: bool = False
    units: int = 0
    people: int = 0
    items: int = 0
    signed_off: int = 0
    steps_done: int = 0
    steps_skipped: int = 0
    missing_routes: list[str] = field(default_factory=list)
    refused_steps: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already_loaded:
            return "demo data already loaded"
        return (
            f"demo data loaded: {self.units} units, {self.people} people, {self.items} items "
            f"({self.signed_off} signed off by their unit head); "
            f"workflow steps: {self.steps_done} done, {self.steps_skipped} skipped"
        )


def load_demo(
    data: DemoData, intake: IntakeClient, today: date, admin: Admin,
    note: Callable[[str], None] = print,
) -> LoadReport:
    """Load ``data`` into ``intake`` unless its root unit is there already.

    Raises IntakeUnreachable, or IntakeRejected when a log-in, unit, person or item is refused
    (the rest depends on it); a refused workflow step is recorded in the report instead.
    """
    report = LoadReport()
    intake.knows(admin.person_id, admin.password)
    for person in data.people:
        intake.knows(person.person_id, DEMO_PASSWORD)
    if intake.unit_exists(data.root.unit_id, as_=admin.person_id):
        report.already_loaded = True
        return report
    units = [unit.request() for unit in data.units]
    people = [{**p.request(), "roles": " ".join(p.roles)} for p in data.people]
    report.units = intake.import_table(
        "/org/units/import", "units.csv", _csv(units), as_=admin.person_id
    )["imported"]
    report.people = intake.import_table(
        "/org/people/import", "people.csv", _csv(people), as_=admin.person_id
    )["imported"]
    for item in data.items:
        answer = intake.submit(item.request(), as_=item.author_id)
        report.items += 1
        submission_id = str(answer["submission_id"])
        signer = data.signer_for(item)
        if answer.get("state") == "draft" and signer is not None:
            intake.run_step(submission_id, "sign-off", {}, as_=signer)
            report.signed_off += 1
        _run_workflow(item, submission_id, intake, today, report, note)
    return report


def _csv(rows: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return out.getvalue().encode()


def _run_workflow(
    item: Item,
    submission_id: str,
    intake: IntakeClient,
    today: date,
    report: LoadReport,
    note: Callable[[str], None],
) -> None:
    """Run the item's steps in order; after one that cannot run, the later ones are skipped
    because each depends on the state the previous one left."""
    for position, step in enumerate(item.workflow):
        remaining = len(item.workflow) - position
        if step.route in report.missing_routes:
            report.steps_skipped += remaining
            return
        try:
            intake.run_step(submission_id, step.route, step.request(today), as_=step.actor)
        except RouteMissing:
            report.missing_routes.append(step.route)
            note(f"workflow step {step.route} not available yet")
            report.steps_skipped += remaining
            return
        except IntakeRejected as refusal:
            where = f"item {item.key} step {position + 1} ({step.route})"
            report.refused_steps.append(f"{where}: {refusal}")
            report.steps_skipped += remaining
            return
        report.steps_done += 1

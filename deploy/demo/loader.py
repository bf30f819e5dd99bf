"""Loading the demo data into intake: units (parents first), people, items, workflow steps.

Idempotent at the level the demo needs: if the root unit exists the data is taken as loaded
and nothing is sent. Workflow routes intake does not have yet are noted once and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from deploy.demo.errors import IntakeRejected, RouteMissing
from deploy.demo.intake_client import IntakeClient
from deploy.demo.model import DemoData, Item


@dataclass
class LoadReport:
    """What a load did: counts, routes intake lacked, and steps intake refused."""

    already_loaded: bool = False
    units: int = 0
    people: int = 0
    items: int = 0
    steps_done: int = 0
    steps_skipped: int = 0
    missing_routes: list[str] = field(default_factory=list)
    refused_steps: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already_loaded:
            return "demo data already loaded"
        return (
            f"demo data loaded: {self.units} units, {self.people} people, {self.items} items; "
            f"workflow steps: {self.steps_done} done, {self.steps_skipped} skipped"
        )


def load_demo(
    data: DemoData, intake: IntakeClient, today: date, note: Callable[[str], None] = print
) -> LoadReport:
    """Load ``data`` into ``intake`` unless its root unit is there already.

    Raises IntakeUnreachable, or IntakeRejected when a unit, person or item is refused (the
    rest depends on it); a refused workflow step is recorded in the report instead.
    """
    report = LoadReport()
    if intake.unit_exists(data.root.unit_id):
        report.already_loaded = True
        return report
    for unit in data.units:
        intake.add_unit(unit.request())
        report.units += 1
    for person in data.people:
        intake.add_person(person.request())
        report.people += 1
    for item in data.items:
        submission_id = intake.submit(item.request())
        report.items += 1
        _run_workflow(item, submission_id, intake, today, report, note)
    return report


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
            intake.run_step(submission_id, step.route, step.request(today))
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

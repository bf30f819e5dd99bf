"""The demo data as typed values: units, people, publications, items and their workflow steps.

Pure: no I/O. Each value knows the JSON body intake expects for it (``request``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScreeningOutcome, UnitKind

DEMO_PASSWORD = "xinbao-demo"
"""Every demo person's password (a demo on a local stack; never use it elsewhere)."""

ROLES = ("officer", "unit_head", "editor", "office_head", "leader", "admin")
UNIT_CLASSES = ("I", "II", "III", "IV")
LEADER_RANKS = (OrgLevel.NATIONAL, OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY)
LANGUAGES = ("zh", "en")
QUALITIES = ("good", "poor")
FLAWS = ("officialese", "no_data", "vague_title", "off_theme", "impossible_figure", "duplicate")


@dataclass(frozen=True)
class Unit:
    """A node of the org tree; its parent is the office it submits to."""

    unit_id: str
    name: str
    level: OrgLevel
    kind: UnitKind
    parent_id: str | None
    unit_class: str

    def request(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "name": self.name,
            "level": self.level.value,
            "kind": self.kind.value,
            "parent_id": self.parent_id,
            "unit_class": self.unit_class,
        }


@dataclass(frozen=True)
class Person:
    """Somebody working in one unit, with their roles there."""

    person_id: str
    name: str
    unit_id: str
    roles: tuple[str, ...]

    def request(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "unit_id": self.unit_id,
            "roles": list(self.roles),
            "password": DEMO_PASSWORD,
        }


@dataclass(frozen=True)
class Publication:
    """An office's briefing that adopts items, published at one level."""

    code: str
    name: str
    level: OrgLevel


@dataclass(frozen=True)
class Screen:
    """An editor of the item's current office accepts, returns or files (备查) it."""

    route: ClassVar[str] = "screen"
    editor_id: str
    outcome: ScreeningOutcome
    reasons: tuple[str, ...] = ()
    inaccurate: bool = False

    @property
    def actor(self) -> str:
        return self.editor_id

    def request(self, today: date) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "reasons": list(self.reasons),
            "inaccurate": self.inaccurate,
        }


@dataclass(frozen=True)
class Adopt:
    """An editor of the item's current office adopts it into one of the office's publications;
    intake puts it into that publication's open issue (numbered in the year of loading)."""

    route: ClassVar[str] = "adopt"
    editor_id: str
    publication: str
    form: AdoptionForm

    @property
    def actor(self) -> str:
        return self.editor_id

    def request(self, today: date) -> dict[str, Any]:
        return {"publication": self.publication, "form": self.form.value}


@dataclass(frozen=True)
class Forward:
    """An editor of the item's current office forwards it to the office above."""

    route: ClassVar[str] = "forward"
    editor_id: str

    @property
    def actor(self) -> str:
        return self.editor_id

    def request(self, today: date) -> dict[str, Any]:
        return {}


@dataclass(frozen=True)
class Instruction:
    """A leader's instruction (批示) on an adopted item, recorded by an editor or the leader."""

    route: ClassVar[str] = "instructions"
    leader_name: str
    leader_rank: OrgLevel
    text: str
    recorded_by: str
    feedback_due_in_days: int | None = None

    @property
    def actor(self) -> str:
        return self.recorded_by

    def request(self, today: date) -> dict[str, Any]:
        days = self.feedback_due_in_days
        due = None if days is None else (today + timedelta(days=days)).isoformat()
        return {
            "leader_name": self.leader_name,
            "leader_rank": self.leader_rank.value,
            "text": self.text,
            "feedback_due": due,
        }


WorkflowStep = Screen | Adopt | Forward | Instruction
STEP_TYPES: dict[str, type[WorkflowStep]] = {
    step.route: step for step in (Screen, Adopt, Forward, Instruction)
}


@dataclass(frozen=True)
class Item:
    """An information item, who submits it, and what the offices do with it afterwards."""

    key: str
    unit_id: str
    author_id: str
    title: str
    body: str
    category: str
    language: str
    urgent: bool
    quality: str
    flaws: tuple[str, ...]
    duplicate_of: str | None
    workflow: tuple[WorkflowStep, ...]

    def request(self) -> dict[str, Any]:
        """The body its author posts; an author who is the unit head submits directly."""
        return {
            "title": self.title,
            "body": self.body,
            "category": self.category,
            "language": self.language,
            "urgent": self.urgent,
        }


@dataclass(frozen=True)
class DemoData:
    """Everything the demo loads, in loading order (parents before children)."""

    units: tuple[Unit, ...]
    people: tuple[Person, ...]
    publications: tuple[Publication, ...]
    items: tuple[Item, ...]

    @property
    def root(self) -> Unit:
        """The top of the org tree; its presence in intake means the demo is loaded."""
        return self.units[0]

    def signer_for(self, item: Item) -> str | None:
        """Who signs ``item`` off: None when its author heads the unit, else the unit's head."""
        author = next((p for p in self.people if p.person_id == item.author_id), None)
        if author is not None and "unit_head" in author.roles:
            return None
        heads = [p for p in self.people if p.unit_id == item.unit_id and "unit_head" in p.roles]
        return heads[0].person_id if heads else None

"""Reading the demo data from the YAML files under deploy/demo/data into typed values.

Checks shapes and vocabularies (unknown fields, bad levels, roles, outcomes…) and names the
file and entry at fault; references between entries are the tests' business.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from deploy.demo.errors import DemoDataError
from deploy.demo.model import (
    FLAWS,
    LANGUAGES,
    LEADER_RANKS,
    QUALITIES,
    ROLES,
    STEP_TYPES,
    UNIT_CLASSES,
    Adopt,
    DemoData,
    Forward,
    Instruction,
    Item,
    Person,
    Publication,
    Screen,
    Unit,
    WorkflowStep,
)
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScreeningOutcome, UnitKind

DATA_DIR = Path(__file__).parent / "data"

E = TypeVar("E", bound=Enum)


def read_demo_data(directory: Path = DATA_DIR) -> DemoData:
    """The demo data in ``directory`` (org, people, publications and items YAML files)."""
    return DemoData(
        units=tuple(_unit(e) for e in _entries(directory / "org.yaml", "units")),
        people=tuple(_person(e) for e in _entries(directory / "people.yaml", "people")),
        publications=tuple(
            _publication(e) for e in _entries(directory / "publications.yaml", "publications")
        ),
        items=tuple(_item(e) for e in _entries(directory / "items.yaml", "items")),
    )


class _Entry:
    """One mapping from a YAML list, read field by field with errors that say where."""

    def __init__(self, raw: object, where: str, fields: Iterable[str]) -> None:
        if not isinstance(raw, dict):
            raise DemoDataError(f"{where}: expected a mapping, found {type(raw).__name__}")
        unknown = sorted(set(raw) - set(fields))
        if unknown:
            raise DemoDataError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
        self.raw: dict[str, Any] = raw
        self.where = where

    def fail(self, name: str, problem: str) -> DemoDataError:
        return DemoDataError(f"{self.where}: {name} {problem}")

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, f"must be non-empty text, found {value!r}")
        return value.strip()

    def optional_text(self, name: str) -> str | None:
        return None if self.raw.get(name) is None else self.text(name)

    def flag(self, name: str) -> bool:
        value = self.raw.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(name, f"must be true or false, found {value!r}")
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        values = self.raw.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(name, f"must be a list of texts, found {values!r}")
        return tuple(values)

    def choice(self, name: str, allowed: Iterable[str]) -> str:
        value, options = self.raw.get(name), tuple(allowed)
        if value not in options:
            raise self.fail(name, f"must be one of {', '.join(options)}; found {value!r}")
        return str(value)

    def choices(self, name: str, allowed: Iterable[str]) -> tuple[str, ...]:
        values, options = self.texts(name), tuple(allowed)
        wrong = [v for v in values if v not in options]
        if wrong:
            raise self.fail(name, f"may only hold {', '.join(options)}; found {wrong}")
        return values

    def member(self, name: str, enum: type[E], allowed: Iterable[E] | None = None) -> E:
        options = tuple(enum) if allowed is None else tuple(allowed)
        return enum(self.choice(name, (str(o.value) for o in options)))

    def optional_days(self, name: str) -> int | None:
        value = self.raw.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.fail(name, f"must be a whole number of days, found {value!r}")
        return value


def _entries(path: Path, section: str) -> list[tuple[object, str]]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DemoDataError(f"{path}: cannot read ({error})") from error
    except yaml.YAMLError as error:
        raise DemoDataError(f"{path}: not valid YAML ({error})") from error
    entries = document.get(section) if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DemoDataError(f"{path}: needs a non-empty list under '{section}'")
    return [(raw, f"{path.name} {section}[{index}]") for index, raw in enumerate(entries)]


def _unit(entry: tuple[object, str]) -> Unit:
    e = _Entry(*entry, ("unit_id", "name", "level", "kind", "parent_id", "unit_class"))
    return Unit(
        unit_id=e.text("unit_id"),
        name=e.text("name"),
        level=e.member("level", OrgLevel),
        kind=e.member("kind", UnitKind),
        parent_id=e.optional_text("parent_id"),
        unit_class=e.choice("unit_class", UNIT_CLASSES),
    )


def _person(entry: tuple[object, str]) -> Person:
    e = _Entry(*entry, ("person_id", "name", "unit_id", "roles"))
    roles = e.choices("roles", ROLES)
    if not roles:
        raise e.fail("roles", "must name at least one role")
    return Person(e.text("person_id"), e.text("name"), e.text("unit_id"), roles)


def _publication(entry: tuple[object, str]) -> Publication:
    e = _Entry(*entry, ("code", "name", "level"))
    return Publication(e.text("code"), e.text("name"), e.member("level", OrgLevel))


_ITEM_FIELDS = (
    "key", "unit_id", "author_id", "category", "language", "urgent", "quality", "flaws",
    "duplicate_of", "title", "body", "workflow",
)  # fmt: skip


def _item(entry: tuple[object, str]) -> Item:
    e = _Entry(*entry, _ITEM_FIELDS)
    key = e.text("key")
    steps = e.raw.get("workflow", [])
    if not isinstance(steps, list):
        raise e.fail("workflow", "must be a list of steps")
    where = f"{e.where} ({key}) workflow"
    return Item(
        key=key,
        unit_id=e.text("unit_id"),
        author_id=e.text("author_id"),
        title=e.text("title"),
        body=e.text("body"),
        category=e.text("category"),
        language=e.choice("language", LANGUAGES),
        urgent=e.flag("urgent"),
        quality=e.choice("quality", QUALITIES),
        flaws=e.choices("flaws", FLAWS),
        duplicate_of=e.optional_text("duplicate_of"),
        workflow=tuple(_step(raw, f"{where}[{n}]") for n, raw in enumerate(steps)),
    )


def _step(raw: object, where: str) -> WorkflowStep:
    kind = raw.get("step") if isinstance(raw, dict) else None
    if kind not in STEP_TYPES:
        raise DemoDataError(f"{where}: step must be one of {', '.join(STEP_TYPES)}; found {kind!r}")
    if kind == Screen.route:
        e = _Entry(raw, where, ("step", "editor_id", "outcome", "reasons", "inaccurate"))
        outcome = e.member("outcome", ScreeningOutcome)
        reasons = e.texts("reasons")
        if outcome == ScreeningOutcome.RETURNED and not reasons:
            raise e.fail("reasons", "must give the author at least one reason for a return")
        return Screen(e.text("editor_id"), outcome, reasons, e.flag("inaccurate"))
    if kind == Adopt.route:
        e = _Entry(raw, where, ("step", "editor_id", "publication", "form"))
        return Adopt(e.text("editor_id"), e.text("publication"), e.member("form", AdoptionForm))
    if kind == Forward.route:
        return Forward(_Entry(raw, where, ("step", "editor_id")).text("editor_id"))
    fields = ("step", "leader_name", "leader_rank", "text", "recorded_by", "feedback_due_in_days")
    e = _Entry(raw, where, fields)
    return Instruction(
        leader_name=e.text("leader_name"),
        leader_rank=e.member("leader_rank", OrgLevel, LEADER_RANKS),
        text=e.text("text"),
        recorded_by=e.text("recorded_by"),
        feedback_due_in_days=e.optional_days("feedback_due_in_days"),
    )

"""Rows of an org-tree or people table, checked one by one before anything is imported. Pure.

Each problem names the row (as numbered in the spreadsheet), the column and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.intake.domain.access import ROLES
from services.intake.domain.model import Person, Unit
from shared.contracts.vocabulary import OrgLevel, UnitKind

UNIT_COLUMNS = ("unit_id", "name", "level", "kind", "parent_id", "unit_class")
PERSON_COLUMNS = ("person_id", "name", "unit_id", "roles", "password")
_UNIT_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_PERSON_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_ROLE_SPLIT = re.compile(r"[\s,;，；、|]+")
MIN_PASSWORD = 8

Row = dict[str, str]


@dataclass
class Problems:
    """Every problem found so far, in row order."""

    found: list[dict[str, object]] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.found.append({"row": row, "column": column, "message": message})

    def sorted(self) -> list[dict[str, object]]:
        return sorted(self.found, key=lambda p: (int(str(p["row"])), str(p["column"])))


def parse_units(rows: list[tuple[int, Row]], problems: Problems) -> list[tuple[int, Unit]]:
    """The units the rows describe; problems of shape and vocabulary go to ``problems``."""
    units, seen = [], set()
    for number, row in rows:
        before = len(problems.found)
        unit_id, name = row.get("unit_id", ""), row.get("name", "")
        if not _UNIT_ID.match(unit_id):
            problems.add(number, "unit_id", "letters, digits, - and _ only (1-64), no dots")
        elif unit_id in seen:
            problems.add(number, "unit_id", f"{unit_id} appears twice in the table")
        seen.add(unit_id)
        if not name or len(name) > 100:
            problems.add(number, "name", "required, at most 100 characters")
        level = _choice(row, "level", [lv.value for lv in OrgLevel], None, number, problems)
        kind = _choice(row, "kind", [k.value for k in UnitKind], "government", number, problems)
        unit_class = row.get("unit_class") or "I"
        if len(unit_class) > 8:
            problems.add(number, "unit_class", "at most 8 characters")
        if len(problems.found) == before and level and kind:
            parent = row.get("parent_id") or None
            units.append((number, Unit(unit_id, name, OrgLevel(level), UnitKind(kind), parent, unit_class)))
    return units


def parse_people(
    rows: list[tuple[int, Row]], problems: Problems
) -> list[tuple[int, Person, str | None]]:
    """The people the rows describe, each with the password given (None: none given)."""
    people, seen = [], set()
    for number, row in rows:
        before = len(problems.found)
        person_id, name, unit_id = row.get("person_id", ""), row.get("name", ""), row.get("unit_id", "")
        if not _PERSON_ID.match(person_id):
            problems.add(number, "person_id", "letters, digits, ., - and _ only (1-64)")
        elif person_id in seen:
            problems.add(number, "person_id", f"{person_id} appears twice in the table")
        seen.add(person_id)
        if not name or len(name) > 60:
            problems.add(number, "name", "required, at most 60 characters")
        if not unit_id:
            problems.add(number, "unit_id", "required")
        roles = [r for r in _ROLE_SPLIT.split(row.get("roles", "")) if r] or ["officer"]
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            problems.add(number, "roles", f"unknown {', '.join(unknown)}; known: {', '.join(ROLES)}")
        password = row.get("password") or None
        if password is not None and len(password) < MIN_PASSWORD:
            problems.add(number, "password", f"at least {MIN_PASSWORD} characters")
        if len(problems.found) == before:
            people.append((number, Person(person_id, name, unit_id, list(dict.fromkeys(roles))), password))
    return people


def _choice(
    row: Row, column: str, allowed: list[str], default: str | None, number: int, problems: Problems
) -> str | None:
    value = row.get(column) or default
    if value not in allowed:
        problems.add(number, column, f"one of {', '.join(allowed)}; found {value or 'nothing'!r}")
        return None
    return value

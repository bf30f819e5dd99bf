"""Who answers for a unit's information work: the named officer and head it needs.

The source document's first countermeasure is responsibility assigned to named people; a
unit with nobody to write (信息员) or nobody to sign off (审签人) cannot submit at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from services.intake.domain.model import Person, Unit

WRITES = frozenset({"officer", "unit_head"})
SIGNS = frozenset({"unit_head"})


@dataclass(frozen=True)
class Unanswered:
    """A unit below the top that lacks someone to write or someone to sign off."""

    unit: Unit
    lacks_writer: bool
    lacks_head: bool


@dataclass(frozen=True)
class OrgOverview:
    units: int
    people: int
    by_level: dict[str, int]
    unanswered: list[Unanswered]


def overview(units: Sequence[Unit], people: Sequence[Person]) -> OrgOverview:
    """Counts of an admin's units and people, and the units nobody answers for (those that
    report upward; the top of the tree submits to nobody)."""
    roles_at: dict[str, set[str]] = {}
    for person in people:
        roles_at.setdefault(person.unit_id, set()).update(person.roles)
    unanswered = []
    for unit in sorted(units, key=lambda u: u.unit_id):
        if unit.parent_id is None:
            continue
        held = roles_at.get(unit.unit_id, set())
        lacks_writer, lacks_head = not held & WRITES, not held & SIGNS
        if lacks_writer or lacks_head:
            unanswered.append(Unanswered(unit, lacks_writer, lacks_head))
    levels = Counter(unit.level.value for unit in units)
    return OrgOverview(len(units), len(people), dict(levels), unanswered)

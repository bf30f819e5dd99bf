"""The units that are assessed and the peer groups they are ranked in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from services.incentives.domain.policy import Policy
from shared.contracts.vocabulary import OrgLevel, UnitKind

PeerGroupOf = Callable[[str], str]
"""Maps a unit id to the name of the peer group it is ranked in."""


@dataclass(frozen=True, slots=True)
class UnitProfile:
    """What the assessment needs to know about a unit: its class (quota), level and kind."""

    unit_id: str
    name: str = ""
    unit_class: str = "I"
    level: OrgLevel = OrgLevel.COUNTY
    kind: UnitKind = UnitKind.DEPARTMENT
    parent_id: str | None = None


def lineage(unit_id: str, parents: Mapping[str, str | None]) -> tuple[str, ...]:
    """``unit_id`` followed by its ancestors, as far as ``parents`` (unit -> parent) knows them:
    what the scope rule (shared/auth/principal.py) reads."""
    chain = [unit_id]
    parent = parents.get(unit_id)
    while parent is not None and parent not in chain:
        chain.append(parent)
        parent = parents.get(parent)
    return tuple(chain)


def peer_grouping(policy: Policy, units: Iterable[UnitProfile]) -> PeerGroupOf:
    """The peer groups the policy ranks in: by unit class, by level, or all together."""
    by_id = {u.unit_id: u for u in units}
    grouping = policy.ranking.peer_groups

    def group_of(unit_id: str) -> str:
        unit = by_id.get(unit_id)
        if grouping == "all" or unit is None:
            return "all"
        return unit.unit_class if grouping == "unit_class" else unit.level.value

    return group_of


def everyone_together(_: str) -> str:
    """One peer group for every unit."""
    return "all"

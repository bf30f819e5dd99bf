"""The units an office assesses, and the unit each one's points count towards.

An incentives deployment assesses for one office (the policy's ``office_id``). Under the
policy's ``assessed`` section it closes, ranks and grades either the units below that office
in the org tree (``subtree``, the default: a county office does not assess another county's
townships) or every unit it knows (``all``). With ``roll_up_into: county`` a unit below an
assessed unit of the county level counts towards it: its entries are credited to the county
when periods are closed, units ranked and the year assessed, so a city office ranks its
counties with their departments' and townships' items. The ledger itself never moves: each
entry stays the entry of the unit that earned it (its balance, its entries), only the
tallies that rank and close read it as the county's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from services.incentives.domain.ledger import LedgerEntry
from services.incentives.domain.policy import Policy
from services.incentives.domain.units import UnitProfile, lineage
from shared.contracts.vocabulary import OrgLevel

T = TypeVar("T")


@dataclass(frozen=True)
class Assessed:
    """``units``: the units assessed (closed, ranked, graded), by id; ``credited_to``: every
    unit in scope mapped to the assessed unit its entries count towards (itself, or the unit
    it rolls up into). A unit not in ``credited_to`` is outside the office's scope."""

    units: tuple[UnitProfile, ...]
    credited_to: Mapping[str, str]

    @property
    def unit_ids(self) -> list[str]:
        return [u.unit_id for u in self.units]

    def credit(self, unit_id: str) -> str | None:
        """The assessed unit that ``unit_id``'s entries count towards; None: out of scope."""
        return self.credited_to.get(unit_id)

    def entries(self, entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
        """``entries`` as the tallies read them: each one the entry of the unit it is credited
        to; entries of units out of scope are left out."""
        credited = []
        for entry in entries:
            unit_id = self.credit(entry.unit_id)
            if unit_id is not None:
                credited.append(entry if unit_id == entry.unit_id else replace(entry, unit_id=unit_id))
        return credited

    def merge(self, per_unit: Mapping[str, T], plus: Callable[[T, T], T]) -> dict[str, T]:
        """Per-unit sums added up per assessed unit (``plus`` adds two); out of scope left out."""
        merged: dict[str, T] = {}
        for unit_id, value in per_unit.items():
            target = self.credit(unit_id)
            if target is not None:
                merged[target] = plus(merged[target], value) if target in merged else value
        return merged


def assessed_units(policy: Policy, units: Iterable[UnitProfile]) -> Assessed:
    """The units ``policy``'s office assesses among the registered ``units``.

    A unit's scope is read off its lineage (itself and its ancestors, as far as the units
    known place them): under ``subtree`` it is in scope when the office is one of its
    ancestors, and what lies between it and the office decides its roll-up; under ``all``
    its whole lineage does. It rolls up into the highest unit of that lineage (below the
    office) at the ``roll_up_into`` level, itself if none is.
    """
    profiles = {u.unit_id: u for u in units}
    parents = {u.unit_id: u.parent_id for u in profiles.values()}
    office = policy.office_id
    rule = policy.assessed
    credited: dict[str, str] = {}
    for unit_id in profiles:
        chain = lineage(unit_id, parents)
        if rule.units == "subtree":
            if office not in chain[1:]:
                continue
            chain = chain[: chain.index(office)]
        credited[unit_id] = _rolled_into(chain, profiles, rule.roll_up_into) or unit_id
    assessed = tuple(profiles[u] for u in sorted(credited) if credited[u] == u)
    return Assessed(assessed, credited)


def _rolled_into(
    chain: tuple[str, ...], profiles: Mapping[str, UnitProfile], level: OrgLevel | None
) -> str | None:
    """The highest unit of ``chain`` (a unit and its ancestors) at ``level``; None if none."""
    if level is None:
        return None
    at_level = [u for u in chain if u in profiles and profiles[u].level == level]
    return at_level[-1] if at_level else None

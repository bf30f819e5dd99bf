"""How an office's bulletins (通报) count, rank, commend and criticise: part of its published
assessment policy, defined once here.

An office's policy file (``services/incentives/policies/*.yaml``) carries a ``bulletins:``
section (:class:`BulletinSection`, every key optional, defaults as documented on each field),
which incentives' policy loader validates like every other section. notify, which composes the
bulletins, reads the same files (``NOTIFY_POLICY_FILES``): :func:`bulletin_rules_of` takes that
section together with what the policy already says elsewhere, its ``ranking`` (peer groups,
total or average per item) and ``assessed.roll_up_into`` (whose points count towards a county),
so a bulletin ranks units as the office's standings do. An office without a policy file gets
the defaults.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.vocabulary import OrgLevel

Scope = Literal["subtree", "unit"]
TieRule = Literal["competition", "dense"]


class CommendationRule(BaseModel):
    """Who a bulletin may commend: a first place of a peer group that earned something."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    places: Annotated[int, Field(ge=0)] = Field(
        default=3, description="The first this many places of each peer group may be commended."
    )
    min_adopted: Annotated[int, Field(ge=1)] = Field(
        default=1, description="Items adopted in the period that a commended unit needs (at least one)."
    )
    min_points_by_class: dict[str, Annotated[Decimal, Field(gt=0)]] = Field(
        default_factory=dict,
        description="A unit class's threshold of points; every commended unit has more than 0 points.",
    )

    def threshold(self, unit_class: str) -> Decimal:
        """The least points a unit of ``unit_class`` is commended with (0 stands for 'more than 0')."""
        return self.min_points_by_class.get(unit_class, Decimal(0))


class BulletinSection(BaseModel):
    """The ``bulletins:`` section of a policy file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    items: Scope = Field(
        default="subtree",
        description="Whose items a unit's row counts (submitted, adopted): 'subtree', the unit's and "
        "those of every unit below it in the bulletin's scope (a district is credited with its "
        "townships' and departments' items), or 'unit', its own only.",
    )
    not_submitted: Scope = Field(
        default="subtree",
        description="A unit is criticised for not submitting when nothing came in the period from "
        "'subtree' (it and every unit below it) or from 'unit' (itself).",
    )
    ties: TieRule = Field(
        default="competition",
        description="Equal scores share a place; 'competition': the next place is skipped (1, 1, 3), "
        "'dense': it is not (1, 1, 2). The bulletin names the rule.",
    )
    commend: CommendationRule = Field(default_factory=CommendationRule, description="Who may be commended.")


class BulletinRules(BulletinSection):
    """Everything a bulletin applies: its section plus the policy's ranking and roll-up."""

    peer_groups: Literal["unit_class", "level", "all"] = Field(
        default="unit_class", description="Units are ranked among peers of one class, one level, or all."
    )
    ranked_by: Literal["total", "average"] = Field(
        default="total", description="Rank by total points or by the average per item submitted (梅州)."
    )
    roll_up_into: OrgLevel | None = Field(
        default=None,
        description="A unit of this level is credited with the points of every unit below it (市对县考核); "
        "None: points stay with the unit that earned them.",
    )


class _Ranking(BaseModel):
    model_config = ConfigDict(extra="ignore")
    peer_groups: Literal["unit_class", "level", "all"] = "unit_class"
    by: Literal["total", "average"] = "total"


class _Assessed(BaseModel):
    model_config = ConfigDict(extra="ignore")
    roll_up_into: OrgLevel | None = None


class _PolicyView(BaseModel):
    """The parts of a policy file a bulletin needs; the rest is incentives' to validate."""

    model_config = ConfigDict(extra="ignore")
    office_id: str = Field(min_length=1)
    effective_from: date
    ranking: _Ranking = Field(default_factory=_Ranking)
    assessed: _Assessed = Field(default_factory=_Assessed)
    bulletins: BulletinSection = Field(default_factory=BulletinSection)


def bulletin_rules_of(policy: Mapping[str, Any]) -> tuple[str, date, BulletinRules]:
    """The office, the first day and the bulletin rules of one parsed policy file (a mapping as
    YAML loads it); raises pydantic's ValidationError on a malformed section."""
    view = _PolicyView.model_validate(policy)
    rules = BulletinRules(
        **view.bulletins.model_dump(),
        peer_groups=view.ranking.peer_groups,
        ranked_by=view.ranking.by,
        roll_up_into=view.assessed.roll_up_into,
    )
    return view.office_id, view.effective_from, rules


class BulletinRuleBook:
    """Every office's bulletin rules by version; a period is judged by the version in force on
    its last day, an office without a policy by the defaults."""

    def __init__(self, versions: Iterable[tuple[str, date, BulletinRules]] = ()) -> None:
        by_office: dict[str, list[tuple[date, BulletinRules]]] = {}
        for office_id, effective_from, rules in versions:
            by_office.setdefault(office_id, []).append((effective_from, rules))
        self._offices = {office: sorted(v, key=lambda pair: pair[0]) for office, v in by_office.items()}

    def rules(self, office_id: str, last_day: date) -> BulletinRules:
        """The rules of ``office_id`` for a period ending on ``last_day``; before its first
        version, the first version."""
        versions = self._offices.get(office_id)
        if not versions:
            return BulletinRules()
        index = bisect_right([day for day, _ in versions], last_day) - 1
        return versions[max(index, 0)][1]


__all__ = [
    "BulletinRuleBook",
    "BulletinRules",
    "BulletinSection",
    "CommendationRule",
    "Scope",
    "TieRule",
    "bulletin_rules_of",
]

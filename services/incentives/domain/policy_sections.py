"""The sections of an office's policy: each one a structure the published rules disagree on.

Every model forbids unknown keys, so a misspelt or unsupported rule is an error, never a
silently ignored line. Amounts are Decimals; deductions are written as negative numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.contracts.vocabulary import AdoptionForm, OrgLevel, PeriodKind, ScoreBand

Points = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]
Penalty = Annotated[Decimal, Field(le=0, max_digits=12, decimal_places=2)]
Share = Annotated[Decimal, Field(ge=0, le=1)]


class Section(BaseModel):
    """Base of every policy section: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FixedAward(Section):
    """A fixed number of points, optionally capped per unit per ledger period (usually a month)."""

    points: Points
    cap_per_period: Points | None = None


class QualityAwards(Section):
    """Points by quality band of the scored item, optionally capped per unit per period."""

    bands: dict[ScoreBand, Points]
    cap_per_period: Points | None = None


class PublicationRule(Section):
    """What an adoption in one publication is worth, by form (单篇 / 摘编 / 综合)."""

    name: str = ""
    level: OrgLevel
    points: dict[AdoptionForm, Points]


class PathMultiplier(Section):
    """Multiply an adoption at ``adopted_at`` that came up through ``forwarded_by``.

    ``forwarded_by`` is ``self`` (this policy's office forwarded it), ``any`` (anyone did)
    or an office id. The first matching multiplier applies.
    """

    adopted_at: OrgLevel
    forwarded_by: str = "self"
    multiplier: Annotated[Decimal, Field(gt=0)]


class AdoptionAwards(Section):
    """Points for adoptions and how several adoptions or several units combine."""

    combine: Literal["cumulative", "highest_only"] = "cumulative"
    shared_credit: Literal["split_equally", "split_by_share", "full_amount_each"] = "split_equally"
    publications: dict[str, PublicationRule] = Field(default_factory=dict)
    by_level: dict[OrgLevel, dict[AdoptionForm, Points]] = Field(default_factory=dict)
    path_multipliers: list[PathMultiplier] = Field(default_factory=list)


class InstructionAwards(Section):
    """Points for a leader's instruction (批示), by the leader's rank."""

    by_rank: dict[OrgLevel, Points]


class Deduction(Section):
    """A deduction; ``share_of_item_points`` also takes that share of the item's own points."""

    points: Penalty
    share_of_item_points: Share = Decimal(0)
    loses_eligibility: bool = False


class Deductions(Section):
    """Deductions for failures; a missing one does not apply in this office."""

    urgent_late: Deduction | None = None
    urgent_missed: Deduction | None = None
    urgent_concealed: Deduction | None = None
    urgent_false: Deduction | None = None
    urgent_false_serious: Deduction | None = None
    returned_inaccurate: Deduction | None = None
    criticised_by_higher_level: Deduction | None = None
    commission_missed: Deduction | None = None
    instruction_feedback_missed: Deduction | None = None


class QuotaBase(Section):
    """Base points for meeting the quota of a period; ``all_or_nothing`` for a yearly base."""

    per: PeriodKind
    points: Points
    cap_per_year: Points | None = None


class QuotaShortfall(Section):
    """Deduction per item missing from the quota at the end of a period."""

    per: PeriodKind
    points_per_missing_item: Penalty


class Quotas(Section):
    """Items owed per unit class and period kind (嵊州: I 6 a month, 120 a year…)."""

    counts: Literal["submitted", "adopted"] = "submitted"
    classes: dict[str, dict[PeriodKind, Annotated[int, Field(ge=0)]]]
    base: QuotaBase | None = None
    shortfall: QuotaShortfall | None = None


class AdoptionRateRule(Section):
    """Deduction when adopted/submitted over a period falls below ``below`` (钟楼)."""

    per: PeriodKind
    below: Share
    points: Penalty
    minimum_submitted: Annotated[int, Field(ge=0)] = 1


class Ranking(Section):
    """How units are ranked among their peers: by total points or by average per item (梅州)."""

    by: Literal["total", "average"] = "total"
    peer_groups: Literal["unit_class", "level", "all"] = "unit_class"


class AssessedUnits(Section):
    """Which units this office assesses (closes, ranks and grades) and whose points count
    towards whom.

    ``units``: ``subtree`` (the units below the office in the org tree; the office itself
    assesses and is not assessed) or ``all`` (every unit the service knows, e.g. a deployment
    that assesses a province's whole tree). ``roll_up_into``: a level (usually ``county``):
    a unit below an assessed unit of that level counts towards it, so that a city office
    ranks its counties with their departments' and townships' items; ``null``: every unit
    in scope stands on its own.
    """

    units: Literal["subtree", "all"] = "subtree"
    roll_up_into: OrgLevel | None = None


class GradeThreshold(Section):
    """A grade reached with ``min_score`` or by ranking in the top ``top_share`` of peers."""

    grade: str
    min_score: Points | None = None
    top_share: Share | None = None


class Criticism(Section):
    """When a unit is named for criticism in the annual assessment."""

    missed_requirements: Annotated[int, Field(ge=1)] = 1
    poor_quality_share: Share = Decimal("0.5")
    poor_quality_min_items: Annotated[int, Field(ge=1)] = 3
    inaccurate_items: Annotated[int, Field(ge=1)] = 1


class Assessment(Section):
    """The annual assessment: grades, commendations, criticism, eligibility."""

    grades: list[GradeThreshold]
    advanced_units_per_group: Annotated[int, Field(ge=0)] = 3
    outstanding_officers: Annotated[int, Field(ge=0)] = 10
    criticism: Criticism = Field(default_factory=Criticism)
    missed_commissions_zero_the_year: Annotated[int, Field(ge=1)] | None = None

    @field_validator("grades")
    @classmethod
    def _last_grade_is_the_fallback(cls, grades: list[GradeThreshold]) -> list[GradeThreshold]:
        if not grades:
            raise ValueError("at least one grade is needed")
        last = grades[-1]
        if last.min_score is not None or last.top_share is not None:
            raise ValueError("the last grade is the fallback: give it no min_score or top_share")
        return grades


class Budget(Section):
    """A cap on the reward money paid per period."""

    per: PeriodKind
    amount: Annotated[Decimal, Field(ge=0, decimal_places=2)]


class MoneyRewards(Section):
    """Reward money (yuan) per adopted item by adopting level and per instruction by rank."""

    adoption_by_level: dict[OrgLevel, Annotated[Decimal, Field(ge=0, decimal_places=2)]] = Field(
        default_factory=dict
    )
    instruction_by_rank: dict[OrgLevel, Annotated[Decimal, Field(ge=0, decimal_places=2)]] = Field(
        default_factory=dict
    )
    budget: Budget | None = None

    @model_validator(mode="after")
    def _budget_is_positive_when_money_is_paid(self) -> MoneyRewards:
        pays = any(self.adoption_by_level.values()) or any(self.instruction_by_rank.values())
        if self.budget is not None and pays and self.budget.amount == 0:
            raise ValueError("rewards are set but the budget is zero")
        return self

"""The reasons behind an assessment: eligibility losses, criticism, outstanding officers."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from services.incentives.domain.ledger import (
    ITEM_AWARDS,
    LedgerEntry,
    Rule,
    is_quality_rule,
)
from services.incentives.domain.money import ZERO
from services.incentives.domain.policy import Policy
from services.incentives.domain.policy_sections import Assessment


@dataclass(frozen=True, slots=True)
class Commendation:
    """A unit (先进单位) or a person (优秀信息员) commended, and why."""

    kind: str
    subject_id: str
    unit_id: str
    reason: str


MISSED_REQUIREMENTS = frozenset(
    {
        Rule.QUOTA_SHORTFALL,
        Rule.COMMISSION_MISSED,
        Rule.INSTRUCTION_FEEDBACK_MISSED,
        Rule.URGENT_MISSED,
        Rule.URGENT_CONCEALED,
    }
)
INACCURATE = frozenset(
    {
        Rule.RETURNED_INACCURATE,
        Rule.URGENT_FALSE,
        Rule.URGENT_FALSE_SERIOUS,
        Rule.CRITICISED_BY_HIGHER_LEVEL,
    }
)


def eligibility_losses_of(live: list[LedgerEntry], policy: Policy) -> dict[str, list[str]]:
    """Per unit, the reasons it lost eligibility for the annual selection (取消评先资格)."""
    disqualifying = policy.disqualifying_rules()
    losses: dict[str, list[str]] = defaultdict(list)
    for entry in live:
        if entry.rule in disqualifying:
            losses[entry.unit_id].append(f"{entry.reason}（{entry.period}）")
    return dict(losses)


def criticisms_of(live: list[LedgerEntry], rules: Assessment) -> dict[str, list[str]]:
    """Per unit, why it is criticised: not submitting as required, low quality, inaccuracy."""
    limits = rules.criticism
    missed: Counter[str] = Counter(e.unit_id for e in live if e.rule in MISSED_REQUIREMENTS)
    inaccurate: Counter[str] = Counter(e.unit_id for e in live if e.rule in INACCURATE)
    scored: Counter[str] = Counter(e.unit_id for e in live if is_quality_rule(e.rule))
    poor: Counter[str] = Counter(e.unit_id for e in live if e.rule == Rule.QUALITY_POOR)
    reasons: dict[str, list[str]] = defaultdict(list)
    for unit in sorted(missed.keys() | inaccurate.keys() | scored.keys()):
        if missed[unit] >= limits.missed_requirements:
            reasons[unit].append(f"未按要求报送信息（{missed[unit]}次）")
        if (
            scored[unit] >= limits.poor_quality_min_items
            and Decimal(poor[unit]) >= limits.poor_quality_share * scored[unit]
        ):
            reasons[unit].append(f"信息质量不高（{scored[unit]}条中{poor[unit]}条评为较差）")
        if inaccurate[unit] >= limits.inaccurate_items:
            reasons[unit].append(f"报送信息不准确（{inaccurate[unit]}次）")
    return dict(reasons)


def outstanding_officers(
    live: list[LedgerEntry], rules: Assessment, losses: dict[str, list[str]], policy: Policy
) -> list[Commendation]:
    """The information officers with the most points from their items (优秀信息员)."""
    disqualifying = policy.disqualifying_rules()
    barred = {e.person_id for e in live if e.rule in disqualifying and e.person_id}
    points: dict[str, Decimal] = defaultdict(lambda: ZERO)
    adopted: dict[str, set[str]] = defaultdict(set)
    home: dict[str, str] = {}
    for entry in live:
        person = entry.person_id
        if person is None or entry.rule not in ITEM_AWARDS or person in barred:
            continue
        points[person] += entry.points
        home.setdefault(person, entry.unit_id)
        if entry.rule == Rule.ADOPTION and entry.submission_id:
            adopted[person].add(entry.submission_id)
    ranked = sorted(
        (p for p in points if points[p] > 0 and home[p] not in losses),
        key=lambda p: (-points[p], p),
    )
    return [
        Commendation(
            "优秀信息员",
            person,
            home[person],
            f"全年信息得分{points[person]}，被采用{len(adopted[person])}条",
        )
        for person in ranked[: rules.outstanding_officers]
    ]

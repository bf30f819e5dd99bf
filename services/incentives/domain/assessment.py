"""The annual assessment: score, rank and grade per unit, commendations, criticism, eligibility.

Everything is read from the year's ledger entries under the policy's ``assessment`` section,
so the result can always be recomputed and explained entry by entry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from services.incentives.domain.assessment_reasons import (
    Commendation,
    criticisms_of,
    eligibility_losses_of,
    outstanding_officers,
)
from services.incentives.domain.ledger import LedgerEntry, Rule, live_entries
from services.incentives.domain.money import ZERO
from services.incentives.domain.periods import contains
from services.incentives.domain.policy import Policy
from services.incentives.domain.policy_sections import Assessment
from services.incentives.domain.standings import Standing, competition_ranks, standings
from services.incentives.domain.units import UnitProfile, peer_grouping


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One unit's annual result; ``score`` is its total or its average per item."""

    unit_id: str
    peer_group: str
    score: Decimal
    total: Decimal
    items: int
    rank: int
    grade: str
    eligible: bool
    eligibility_losses: tuple[str, ...]
    criticisms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Criticism:
    """A unit named for criticism (通报批评) with every reason."""

    unit_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnnualAssessment:
    """The year's results, commendations and criticisms under one policy version."""

    year: str
    policy_version: str
    results: tuple[UnitResult, ...]
    advanced_units: tuple[Commendation, ...]
    outstanding_officers: tuple[Commendation, ...]
    criticised: tuple[Criticism, ...]

    def result_of(self, unit_id: str) -> UnitResult:
        """The result of one unit."""
        return next(r for r in self.results if r.unit_id == unit_id)


def assess_year(
    year: str, entries: Iterable[LedgerEntry], units: Iterable[UnitProfile], policy: Policy
) -> AnnualAssessment:
    """The annual assessment of ``year`` from the ledger ``entries``."""
    rules = _assessment_rules(policy)
    profiles = list(units)
    year_entries = [e for e in entries if contains(year, e.period)]
    live = live_entries(year_entries)
    group_of = peer_grouping(policy, profiles)
    table = standings(
        year_entries, [u.unit_id for u in profiles], year, group_of, policy.ranking.by
    )
    losses = eligibility_losses_of(live, policy)
    zeroed = _zeroed_units(live, rules)
    for unit_id in zeroed:
        losses.setdefault(unit_id, []).append(
            f"{rules.missed_commissions_zero_the_year}次以上约稿未报送，全年成绩计零"
        )
    results = _results(table, policy, rules, losses, zeroed, criticisms_of(live, rules))
    return AnnualAssessment(
        year=year,
        policy_version=policy.version,
        results=tuple(results),
        advanced_units=tuple(_advanced_units(results, rules)),
        outstanding_officers=tuple(outstanding_officers(live, rules, losses, policy)),
        criticised=tuple(Criticism(r.unit_id, r.criticisms) for r in results if r.criticisms),
    )


def _assessment_rules(policy: Policy) -> Assessment:
    if policy.assessment is None:
        raise ValueError(f"policy {policy.version} has no assessment section")
    return policy.assessment


def _zeroed_units(live: list[LedgerEntry], rules: Assessment) -> set[str]:
    limit = rules.missed_commissions_zero_the_year
    if limit is None:
        return set()
    missed = Counter(e.unit_id for e in live if e.rule == Rule.COMMISSION_MISSED)
    return {unit for unit, count in missed.items() if count >= limit}


def _results(
    table: list[Standing],
    policy: Policy,
    rules: Assessment,
    losses: dict[str, list[str]],
    zeroed: set[str],
    criticisms: dict[str, list[str]],
) -> list[UnitResult]:
    by_average = policy.ranking.by == "average"
    scores = {
        s.unit_id: ZERO if s.unit_id in zeroed else (s.average if by_average else s.total)
        for s in table
    }
    groups: dict[str, list[Standing]] = {}
    for standing in table:
        groups.setdefault(standing.peer_group, []).append(standing)
    results = []
    for group_name in sorted(groups):
        group = groups[group_name]
        ranks = competition_ranks({s.unit_id: scores[s.unit_id] for s in group})
        for s in sorted(group, key=lambda s: (ranks[s.unit_id], s.unit_id)):
            eligible = s.unit_id not in losses
            rank, score = ranks[s.unit_id], scores[s.unit_id]
            grade = _grade(score, rank, len(group), rules, eligible)
            results.append(
                UnitResult(
                    s.unit_id,
                    group_name,
                    score,
                    s.total,
                    s.items,
                    rank,
                    grade,
                    eligible,
                    tuple(losses.get(s.unit_id, ())),
                    tuple(criticisms.get(s.unit_id, ())),
                )
            )
    return results


def _grade(score: Decimal, rank: int, group_size: int, rules: Assessment, eligible: bool) -> str:
    """The first grade reached by score or by rank share; an ineligible unit skips the top grade."""
    candidates = rules.grades if eligible else rules.grades[1:] or rules.grades
    for threshold in candidates:
        if threshold.min_score is None and threshold.top_share is None:
            return threshold.grade
        by_score = threshold.min_score is not None and score >= threshold.min_score
        by_rank = threshold.top_share is not None and rank <= threshold.top_share * group_size
        if by_score or by_rank:
            return threshold.grade
    return rules.grades[-1].grade


def _advanced_units(results: list[UnitResult], rules: Assessment) -> list[Commendation]:
    """The best eligible units of each peer group that reached a grade above the fallback."""
    fallback = rules.grades[-1].grade
    commended: list[Commendation] = []
    taken: Counter[str] = Counter()
    for result in results:
        if not result.eligible or result.grade == fallback or result.score <= 0:
            continue
        if taken[result.peer_group] >= rules.advanced_units_per_group:
            continue
        taken[result.peer_group] += 1
        reason = f"{result.peer_group}组第{result.rank}名，得分{result.score}，等次{result.grade}"
        commended.append(Commendation("先进单位", result.unit_id, result.unit_id, reason))
    return commended

"""Adoptions: what one is worth, how it is shared among units, and how several combine."""

from __future__ import annotations

from decimal import Decimal

from services.incentives.domain.drafting import (
    FORM_NAMES,
    LEVEL_NAMES,
    Allowance,
    Drafter,
    penalty_factor,
)
from services.incentives.domain.facts import AdoptionRevoked, ItemAdopted
from services.incentives.domain.history import ItemHistory
from services.incentives.domain.ledger import LedgerEntry, Rule
from services.incentives.domain.money import ZERO, scale, split_by_weights, split_evenly
from services.incentives.domain.policy import Policy

Credit = tuple[str, Decimal, Decimal]
"""(unit_id, points, money) for one credited unit."""


def decide_adoption(
    fact: ItemAdopted, policy: Policy, history: ItemHistory, allowance: Allowance
) -> list[LedgerEntry]:
    """Entries for an adoption: each credited unit's share, combined as the policy says."""
    if fact.adoption_id in history.revoked_adoptions():
        return []
    drafter = Drafter(fact.event_id, policy, fact.submission_id, fact.period)
    author = history.person_id()
    points, money, reason = adoption_value(fact, policy)
    entries = [
        drafter.reverse(e, "信息已被采用，不再按未采用计分")
        for e in history.live()
        if e.rule == Rule.COMPLIANT_NOT_ADOPTED
    ]
    for unit_id, unit_points, unit_money in credit_shares(fact, policy, points, money):
        paid = allowance.money(fact.period, unit_money)
        new = drafter.entry(
            Rule.ADOPTION,
            unit_id,
            scale(unit_points, penalty_factor(history, policy, unit_id)),
            reason,
            money=paid,
            reference_id=fact.adoption_id,
            person_id=author if unit_id == fact.unit_id else None,
        )
        if policy.adoption.combine == "highest_only":
            entries.extend(_keep_highest(new, history, drafter))
        else:
            entries.append(new)
    return entries


def adoption_value(fact: ItemAdopted, policy: Policy) -> tuple[Decimal, Decimal, str]:
    """(points, money, reason) of the whole adoption before it is shared among units."""
    publication = policy.adoption.publications.get(fact.publication)
    if publication is not None:
        level, table = publication.level, publication.points
        name = publication.name or fact.publication
    else:
        level, table = fact.office_level, policy.adoption.by_level.get(fact.office_level, {})
        name = f"{LEVEL_NAMES[level]}《{fact.publication}》"
    points = table.get(fact.form, ZERO)
    reason = f"{name} {FORM_NAMES[fact.form]}采用"
    multiplier = _path_multiplier(fact, policy, level)
    if multiplier != 1:
        points *= multiplier
        reason += f"（经本办报送 ×{multiplier}）"
    return points, policy.money.adoption_by_level.get(level, ZERO), reason


def credit_shares(
    fact: ItemAdopted, policy: Policy, points: Decimal, money: Decimal
) -> list[Credit]:
    """Each credited unit's points and money: split equally, by share, or the full amount each."""
    credited = fact.credited()
    units = [c.unit_id for c in credited]
    mode = policy.adoption.shared_credit
    if len(units) == 1 or mode == "full_amount_each":
        return [(u, points, money) for u in units]
    if mode == "split_by_share":
        weights = [c.share for c in credited]
        return list(
            zip(
                units,
                split_by_weights(points, weights),
                split_by_weights(money, weights),
                strict=True,
            )
        )
    return list(
        zip(units, split_evenly(points, len(units)), split_evenly(money, len(units)), strict=True)
    )


def decide_revocation(
    fact: AdoptionRevoked, policy: Policy, history: ItemHistory
) -> list[LedgerEntry]:
    """Reverse what an adoption earned; under highest-only, reinstate the best one left."""
    drafter = Drafter(
        fact.event_id, policy, fact.submission_id, _period_of(history, fact), history.person_id()
    )
    revoked = [
        e for e in history.live() if e.rule == Rule.ADOPTION and e.reference_id == fact.adoption_id
    ]
    reason = f"采用已撤销：{fact.reason}" if fact.reason else "采用已撤销"
    entries = [drafter.reverse(e, reason) for e in revoked]
    entries.append(
        drafter.entry(
            Rule.ADOPTION_REVOKED, fact.unit_id, ZERO, reason, reference_id=fact.adoption_id
        )
    )
    if policy.adoption.combine == "highest_only":
        gone = history.revoked_adoptions() | {fact.adoption_id}
        for unit_id in dict.fromkeys(e.unit_id for e in revoked):
            entries.extend(_reinstate_best(unit_id, history, gone, drafter))
    return entries


def _path_multiplier(fact: ItemAdopted, policy: Policy, level: object) -> Decimal:
    for rule in policy.adoption.path_multipliers:
        if rule.adopted_at != level:
            continue
        if rule.forwarded_by == "any" and fact.forwarded_by:
            return rule.multiplier
        wanted = policy.office_id if rule.forwarded_by == "self" else rule.forwarded_by
        if wanted in fact.forwarded_by:
            return rule.multiplier
    return Decimal(1)


def _keep_highest(new: LedgerEntry, history: ItemHistory, drafter: Drafter) -> list[LedgerEntry]:
    """Highest-only: the new adoption replaces a lower one, or is recorded and set aside."""
    live = [e for e in history.live() if e.rule == Rule.ADOPTION and e.unit_id == new.unit_id]
    if not live:
        return [new]
    best = max(live, key=_worth)
    if _worth(new) > _worth(best):
        return [*(drafter.reverse(e, "已被更高的采用取代（只计最高一次）") for e in live), new]
    return [new, drafter.reverse(new, "已有更高的采用（只计最高一次）")]


def _reinstate_best(
    unit_id: str, history: ItemHistory, gone: set[str], drafter: Drafter
) -> list[LedgerEntry]:
    candidates = [
        e
        for e in history.entries
        if e.rule == Rule.ADOPTION
        and not e.is_reversal
        and e.unit_id == unit_id
        and e.reference_id not in gone
    ]
    if not candidates:
        return []
    best = max(candidates, key=_worth)
    return [
        drafter.entry(
            Rule.ADOPTION,
            unit_id,
            best.points,
            f"{best.reason}（最高一次采用撤销后恢复）",
            money=best.money,
            reference_id=best.reference_id,
            person_id=best.person_id,
            period=best.period,
        )
    ]


def _worth(entry: LedgerEntry) -> tuple[Decimal, Decimal]:
    return entry.points, entry.money


def _period_of(history: ItemHistory, fact: AdoptionRevoked) -> str:
    for entry in history.entries:
        if entry.reference_id == fact.adoption_id:
            return entry.period
    submission = history.submission_entry()
    return submission.period if submission else fact.occurred_at.strftime("%Y-%m")

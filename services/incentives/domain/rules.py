"""``decide``: the ledger entries one fact produces under a policy, given the item's history.

Pure: the same fact, policy, history and usage always give the same entries with the same
ids. A fact whose event already produced entries for the item (a redelivery) gives none.
"""

from __future__ import annotations

from decimal import Decimal

from services.incentives.domain.adoption_rules import decide_adoption, decide_revocation
from services.incentives.domain.deduction_rules import (
    decide_criticism,
    decide_missed_deadline,
    decide_urgent_failure,
)
from services.incentives.domain.drafting import (
    BAND_NAMES,
    LEVEL_NAMES,
    Allowance,
    Drafter,
    penalty_factor,
)
from services.incentives.domain.facts import (
    AdoptionRevoked,
    DeadlineMissed,
    ErrorCriticised,
    Fact,
    InstructionRecorded,
    ItemAdopted,
    ItemReceived,
    ItemScored,
    ItemScreened,
    ItemWithdrawn,
    UrgentReportFailed,
)
from services.incentives.domain.history import NO_USAGE, CapUsage, ItemHistory
from services.incentives.domain.ledger import (
    ITEM_AWARDS,
    EntryDraft,
    LedgerEntry,
    Rule,
    quality_rule,
)
from services.incentives.domain.money import ZERO, scale
from services.incentives.domain.periods import month_of
from services.incentives.domain.policy import Policy
from shared.contracts.vocabulary import ScreeningOutcome

NO_HISTORY = ItemHistory()
"""The history of an item the ledger holds nothing for yet."""


def decide(
    fact: Fact, policy: Policy, history: ItemHistory = NO_HISTORY, usage: CapUsage = NO_USAGE
) -> list[EntryDraft]:
    """The entries ``fact`` produces under ``policy``.

    ``history`` holds every entry already recorded for the fact's item (empty for facts
    about no item); ``usage`` the points and money already counted against caps and budgets.
    """
    if history.has_applied(fact.event_id):
        return []
    if _item_is_withdrawn(history) and not isinstance(fact, UrgentReportFailed | ErrorCriticised):
        return []
    allowance = Allowance(policy, usage)
    match fact:
        case ItemReceived():
            return _received(fact, policy, history, allowance)
        case ItemScored():
            return _scored(fact, policy, history, allowance)
        case ItemScreened():
            return _screened(fact, policy, history, allowance)
        case ItemAdopted():
            return decide_adoption(fact, policy, history, allowance)
        case AdoptionRevoked():
            return decide_revocation(fact, policy, history)
        case ItemWithdrawn():
            return _withdrawn(fact, policy, history)
        case InstructionRecorded():
            return _instruction(fact, policy, history, allowance)
        case UrgentReportFailed():
            return decide_urgent_failure(fact, policy, history)
        case ErrorCriticised():
            return decide_criticism(fact, policy, history)
        case DeadlineMissed():
            return decide_missed_deadline(fact, policy)
    raise TypeError(f"not a fact: {fact!r}")


def _received(
    fact: ItemReceived, policy: Policy, history: ItemHistory, allowance: Allowance
) -> list[LedgerEntry]:
    if history.submission_entry() is not None:
        return []
    drafter = Drafter(fact.event_id, policy, fact.submission_id, fact.period, fact.person_id)
    late_rule = policy.deductions.urgent_late if fact.urgent and fact.late else None
    factor = Decimal(1) - (late_rule.share_of_item_points if late_rule else ZERO)
    wanted = scale(policy.submission.points, factor)
    points = allowance.points(
        fact.unit_id, Rule.SUBMISSION, fact.period, wanted, policy.submission.cap_per_period
    )
    entries = [drafter.entry(Rule.SUBMISSION, fact.unit_id, points, "报送信息")]
    entries.extend(_commission_answered(fact, policy, drafter, allowance, factor))
    if late_rule is not None and not history.charged_late():
        entries.append(
            drafter.entry(Rule.URGENT_LATE, fact.unit_id, late_rule.points, "紧急信息迟报")
        )
    return entries


def _commission_answered(
    fact: ItemReceived, policy: Policy, drafter: Drafter, allowance: Allowance, factor: Decimal
) -> list[LedgerEntry]:
    """约稿: an item answering a commissioned topic on time earns the commission points."""
    answered = policy.commission_answered
    if not fact.commission_id or answered is None or fact.late:
        return []
    wanted = scale(answered.points, factor)
    rule = Rule.COMMISSION_ANSWERED
    points = allowance.points(fact.unit_id, rule, fact.period, wanted, answered.cap_per_period)
    reason = "按时报送约稿"
    return [drafter.entry(rule, fact.unit_id, points, reason, reference_id=fact.commission_id)]


def _scored(
    fact: ItemScored, policy: Policy, history: ItemHistory, allowance: Allowance
) -> list[LedgerEntry]:
    if policy.quality is None:
        return []
    rule = quality_rule(fact.band)
    current = [e for e in history.live_quality() if e.unit_id == fact.unit_id]
    if any(e.rule == rule for e in current):
        return []
    drafter = Drafter(
        fact.event_id,
        policy,
        fact.submission_id,
        fact.period,
        fact.person_id or history.person_id(),
    )
    entries = [drafter.reverse(e, f"质量评分已更新（第{fact.revision}稿）") for e in current]
    for reversal in entries:
        allowance.release(reversal, reversal.period)
    wanted = scale(
        policy.quality.bands.get(fact.band, ZERO), penalty_factor(history, policy, fact.unit_id)
    )
    points = allowance.points(
        fact.unit_id, rule, fact.period, wanted, policy.quality.cap_per_period
    )
    reason = f"质量评分 {BAND_NAMES[fact.band]}（{fact.overall}分）"
    entries.append(drafter.entry(rule, fact.unit_id, points, reason))
    return entries


def _screened(
    fact: ItemScreened, policy: Policy, history: ItemHistory, allowance: Allowance
) -> list[LedgerEntry]:
    drafter = Drafter(fact.event_id, policy, fact.submission_id, fact.period, history.person_id())
    if fact.outcome == ScreeningOutcome.RETURNED:
        deduction = policy.deductions.returned_inaccurate
        if not fact.inaccurate or deduction is None:
            return []
        return [
            drafter.entry(
                Rule.RETURNED_INACCURATE, fact.unit_id, deduction.points, "信息失实被退回"
            )
        ]
    award = policy.compliant_not_adopted
    already = any(e.rule in (Rule.ADOPTION, Rule.COMPLIANT_NOT_ADOPTED) for e in history.live())
    if award is None or already:
        return []
    wanted = scale(award.points, penalty_factor(history, policy, fact.unit_id))
    points = allowance.points(
        fact.unit_id, Rule.COMPLIANT_NOT_ADOPTED, fact.period, wanted, award.cap_per_period
    )
    return [
        drafter.entry(Rule.COMPLIANT_NOT_ADOPTED, fact.unit_id, points, "信息符合要求（未采用）")
    ]


def _withdrawn(fact: ItemWithdrawn, policy: Policy, history: ItemHistory) -> list[LedgerEntry]:
    """Reverse every award of the item and mark it withdrawn (so late facts about it do nothing)."""
    receipt = history.submission_entry()
    period = receipt.period if receipt else month_of(fact.occurred_at, policy.utc_offset_hours)
    drafter = Drafter(fact.event_id, policy, fact.submission_id, period, history.person_id())
    reason = f"信息已撤回：{fact.reason}" if fact.reason else "信息已撤回"
    entries = [drafter.reverse(e, reason) for e in history.live() if e.rule in ITEM_AWARDS]
    entries.append(drafter.entry(Rule.ITEM_WITHDRAWN, fact.unit_id, ZERO, reason))
    return entries


def _instruction(
    fact: InstructionRecorded, policy: Policy, history: ItemHistory, allowance: Allowance
) -> list[LedgerEntry]:
    rank_points = (
        policy.instructions.by_rank.get(fact.leader_rank, ZERO) if policy.instructions else ZERO
    )
    rank_money = policy.money.instruction_by_rank.get(fact.leader_rank, ZERO)
    if not rank_points and not rank_money:
        return []
    drafter = Drafter(fact.event_id, policy, fact.submission_id, fact.period, history.person_id())
    points = scale(rank_points, penalty_factor(history, policy, fact.unit_id))
    reason = f"{LEVEL_NAMES[fact.leader_rank]}领导批示"
    money = allowance.money(fact.period, rank_money)
    return [
        drafter.entry(
            Rule.INSTRUCTION,
            fact.unit_id,
            points,
            reason,
            money=money,
            reference_id=fact.instruction_id,
        )
    ]


def _item_is_withdrawn(history: ItemHistory) -> bool:
    return any(e.rule == Rule.ITEM_WITHDRAWN for e in history.entries)

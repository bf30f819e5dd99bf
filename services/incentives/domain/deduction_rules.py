"""Deductions for failures: emergency reports, errors criticised above, missed deadlines."""

from __future__ import annotations

from services.incentives.domain.drafting import Drafter
from services.incentives.domain.facts import DeadlineMissed, ErrorCriticised, UrgentReportFailed
from services.incentives.domain.history import ItemHistory
from services.incentives.domain.ledger import ITEM_AWARDS, LedgerEntry, Rule
from services.incentives.domain.money import ZERO, scale
from services.incentives.domain.policy import Policy

_URGENT_RULES = {
    "late": (Rule.URGENT_LATE, "紧急信息迟报"),
    "missed": (Rule.URGENT_MISSED, "紧急信息漏报"),
    "concealed": (Rule.URGENT_CONCEALED, "紧急信息瞒报"),
    "false": (Rule.URGENT_FALSE, "紧急信息失实（谎报/误报）"),
}


def decide_urgent_failure(
    fact: UrgentReportFailed, policy: Policy, history: ItemHistory
) -> list[LedgerEntry]:
    """A deduction for a failed emergency report, plus its share of the item's own points."""
    rule, reason = _URGENT_RULES[fact.kind]
    if fact.kind == "late" and history.charged_late():
        return []  # the item came late and was charged on receipt: lateness counts once
    deduction = getattr(policy.deductions, rule.value)
    if fact.kind == "false" and fact.serious and policy.deductions.urgent_false_serious:
        rule, reason = Rule.URGENT_FALSE_SERIOUS, "紧急信息失实，造成严重后果"
        deduction = policy.deductions.urgent_false_serious
    if deduction is None:
        return []
    earned = sum(
        (e.points for e in history.live() if e.rule in ITEM_AWARDS and e.unit_id == fact.unit_id),
        ZERO,
    )
    points = deduction.points - scale(max(earned, ZERO), deduction.share_of_item_points)
    if fact.note:
        reason = f"{reason}：{fact.note}"
    drafter = Drafter(fact.event_id, policy, fact.submission_id, fact.period, history.person_id())
    return [drafter.entry(rule, fact.unit_id, points, reason)]


def decide_criticism(
    fact: ErrorCriticised, policy: Policy, history: ItemHistory
) -> list[LedgerEntry]:
    """A deduction for an error a higher level criticised."""
    deduction = policy.deductions.criticised_by_higher_level
    if deduction is None:
        return []
    reason = f"差错被上级通报：{fact.note}" if fact.note else "差错被上级通报"
    drafter = Drafter(fact.event_id, policy, fact.submission_id, fact.period, history.person_id())
    return [drafter.entry(Rule.CRITICISED_BY_HIGHER_LEVEL, fact.unit_id, deduction.points, reason)]


def decide_missed_deadline(fact: DeadlineMissed, policy: Policy) -> list[LedgerEntry]:
    """A deduction for a commissioned topic or an instruction's feedback not delivered in time."""
    if fact.subject == "commission":
        rule, deduction, reason = (
            Rule.COMMISSION_MISSED,
            policy.deductions.commission_missed,
            "约稿未按时报送",
        )
    else:
        rule = Rule.INSTRUCTION_FEEDBACK_MISSED
        deduction, reason = policy.deductions.instruction_feedback_missed, "批示反馈未按时报送"
    if deduction is None:
        return []
    drafter = Drafter(fact.event_id, policy, None, fact.period)
    return [
        drafter.entry(rule, fact.unit_id, deduction.points, reason, reference_id=fact.reference_id)
    ]

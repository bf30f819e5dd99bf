"""The ledger: append-only entries of points and money; corrections are reversing entries.

An entry's id is deterministic, ``"<cause_event_id>:<rule>:<unit_id>"`` for an award or a
deduction and ``"<cause_event_id>:reverses:<reversed entry id>"`` for a reversal, so
deciding on the same event twice yields the same ids and appending them twice is a no-op.
Balances and standings are always sums of entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeAlias

from services.incentives.domain.money import ZERO
from shared.contracts.vocabulary import ScoreBand


class Rule(StrEnum):
    """Names of the rules that produce entries (the ``rule`` of an entry)."""

    SUBMISSION = "submission"
    QUALITY_EXCELLENT = "quality.excellent"
    QUALITY_GOOD = "quality.good"
    QUALITY_FAIR = "quality.fair"
    QUALITY_POOR = "quality.poor"
    COMMISSION_ANSWERED = "commission_answered"
    COMPLIANT_NOT_ADOPTED = "compliant_not_adopted"
    ADOPTION = "adoption"
    ADOPTION_REVOKED = "adoption_revoked"
    ITEM_WITHDRAWN = "item_withdrawn"
    INSTRUCTION = "instruction"
    QUOTA_BASE = "quota_base"
    QUOTA_SHORTFALL = "quota_shortfall"
    ADOPTION_RATE_LOW = "adoption_rate_low"
    URGENT_LATE = "urgent_late"
    URGENT_MISSED = "urgent_missed"
    URGENT_CONCEALED = "urgent_concealed"
    URGENT_FALSE = "urgent_false"
    URGENT_FALSE_SERIOUS = "urgent_false_serious"
    RETURNED_INACCURATE = "returned_inaccurate"
    CRITICISED_BY_HIGHER_LEVEL = "criticised_by_higher_level"
    COMMISSION_MISSED = "commission_missed"
    INSTRUCTION_FEEDBACK_MISSED = "instruction_feedback_missed"


ITEM_AWARDS = frozenset(
    {
        Rule.SUBMISSION,
        Rule.QUALITY_EXCELLENT,
        Rule.QUALITY_GOOD,
        Rule.QUALITY_FAIR,
        Rule.QUALITY_POOR,
        Rule.COMMISSION_ANSWERED,
        Rule.COMPLIANT_NOT_ADOPTED,
        Rule.ADOPTION,
        Rule.INSTRUCTION,
    }
)
"""Rules whose entries an item earns and loses again when it is withdrawn."""

URGENT_FAILURES = frozenset(
    {
        Rule.URGENT_LATE,
        Rule.URGENT_MISSED,
        Rule.URGENT_CONCEALED,
        Rule.URGENT_FALSE,
        Rule.URGENT_FALSE_SERIOUS,
    }
)


def quality_rule(band: ScoreBand | str) -> Rule:
    """The rule of a quality-band award: 'quality.good' for the good band."""
    return Rule(f"quality.{ScoreBand(band).value}")


def is_quality_rule(rule: str) -> bool:
    """True for the quality-band rules."""
    return rule.startswith("quality.")


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One appended line of the ledger: points (and money) for a unit, with its cause and reason.

    ``reference_id`` names the adoption or instruction an entry is about, so a revocation
    can find what to reverse. ``reverses_entry_id`` is set on reversing entries only.
    """

    entry_id: str
    unit_id: str
    person_id: str | None
    submission_id: str | None
    period: str
    points: Decimal
    money: Decimal
    rule: str
    policy_version: str
    cause_event_id: str
    reason: str
    reverses_entry_id: str | None = None
    reference_id: str | None = None

    @property
    def is_reversal(self) -> bool:
        """True for an entry that cancels another."""
        return self.reverses_entry_id is not None


EntryDraft: TypeAlias = LedgerEntry
"""An entry decided but not yet appended: the same shape, its id already final."""


def entry_id_for(cause_event_id: str, rule: str, unit_id: str) -> str:
    """The deterministic id of an award or deduction."""
    return f"{cause_event_id}:{rule}:{unit_id}"


def reversal_of(entry: LedgerEntry, *, cause_event_id: str, reason: str) -> LedgerEntry:
    """The entry that cancels ``entry``: same unit, period and rule, negated amounts."""
    return LedgerEntry(
        entry_id=f"{cause_event_id}:reverses:{entry.entry_id}",
        unit_id=entry.unit_id,
        person_id=entry.person_id,
        submission_id=entry.submission_id,
        period=entry.period,
        points=-entry.points,
        money=-entry.money,
        rule=entry.rule,
        policy_version=entry.policy_version,
        cause_event_id=cause_event_id,
        reason=reason,
        reverses_entry_id=entry.entry_id,
        reference_id=entry.reference_id,
    )


def live_entries(entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
    """The entries still in force: not reversals themselves and not reversed by another."""
    entries = list(entries)
    reversed_ids = {e.reverses_entry_id for e in entries if e.reverses_entry_id}
    return [e for e in entries if not e.is_reversal and e.entry_id not in reversed_ids]


def balance(entries: Iterable[LedgerEntry]) -> tuple[Decimal, Decimal]:
    """Net (points, money) of ``entries``."""
    points = money = ZERO
    for entry in entries:
        points += entry.points
        money += entry.money
    return points, money


def deduplicated(entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
    """``entries`` with repeated ids dropped (first kept): what an append-only store holds."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.entry_id not in seen:
            seen.add(entry.entry_id)
            kept.append(entry)
    return kept

"""What the decision needs to know besides the fact: the item's entries and cap usage so far."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from services.incentives.domain.ledger import (
    URGENT_FAILURES,
    LedgerEntry,
    Rule,
    is_quality_rule,
    live_entries,
)
from services.incentives.domain.money import ZERO
from services.incentives.domain.periods import contains


@dataclass(frozen=True, slots=True)
class ItemHistory:
    """Every ledger entry already recorded for one item (all units, reversals included)."""

    entries: tuple[LedgerEntry, ...] = ()

    def has_applied(self, event_id: str) -> bool:
        """True when an event already produced entries for this item (a redelivery)."""
        return any(e.cause_event_id == event_id for e in self.entries)

    def live(self) -> list[LedgerEntry]:
        """Entries still in force."""
        return live_entries(self.entries)

    def submission_entry(self) -> LedgerEntry | None:
        """The entry recording the item's receipt, which names its author and period."""
        return next(
            (e for e in self.entries if e.rule == Rule.SUBMISSION and not e.is_reversal), None
        )

    def person_id(self) -> str | None:
        """The author, when the item's receipt is on the ledger."""
        entry = self.submission_entry()
        return entry.person_id if entry else None

    def revoked_adoptions(self) -> set[str]:
        """Adoption ids recorded as revoked."""
        return {
            e.reference_id
            for e in self.entries
            if e.rule == Rule.ADOPTION_REVOKED and e.reference_id
        }

    def charged_late(self) -> bool:
        """The item's late report was charged already (lateness counts once)."""
        return any(e.rule == Rule.URGENT_LATE for e in self.live())

    def live_urgent_failures(self) -> list[LedgerEntry]:
        """Emergency-report failures recorded against the item and still in force."""
        return [e for e in self.live() if e.rule in URGENT_FAILURES]

    def live_quality(self) -> list[LedgerEntry]:
        """Quality-band awards in force (at most one per unit)."""
        return [e for e in self.live() if is_quality_rule(e.rule)]

    def extended(self, entries: Iterable[LedgerEntry]) -> ItemHistory:
        """This history with ``entries`` appended."""
        return ItemHistory((*self.entries, *entries))


@dataclass(frozen=True, slots=True)
class CapUsage:
    """Points already used against per-unit caps and money already spent against budgets.

    ``points`` maps (unit_id, cap_key) to net points per entry period; ``money`` maps an
    entry period to net money. Build it with ``usage_from_entries`` (or from a store's sums).
    """

    points: dict[tuple[str, str], dict[str, Decimal]] = field(default_factory=dict)
    money: dict[str, Decimal] = field(default_factory=dict)

    def points_used(self, unit_id: str, cap_key: str, window: str) -> Decimal:
        """Net points of ``cap_key`` the unit holds in periods inside ``window``."""
        by_period = self.points.get((unit_id, cap_key), {})
        return sum((v for p, v in by_period.items() if contains(window, p)), ZERO)

    def money_spent(self, window: str) -> Decimal:
        """Net money paid in periods inside ``window``."""
        return sum((v for p, v in self.money.items() if contains(window, p)), ZERO)

    def plus(self, entries: Iterable[LedgerEntry]) -> CapUsage:
        """A copy of this usage with ``entries`` counted too."""
        copy = CapUsage(
            {key: dict(by_period) for key, by_period in self.points.items()}, dict(self.money)
        )
        count_usage(copy, entries)
        return copy


NO_USAGE = CapUsage()
"""Usage when nothing has been awarded yet (or no cap applies)."""


def cap_key_of(rule: str) -> str:
    """The cap an entry's rule counts against: all quality bands share one cap."""
    return "quality" if is_quality_rule(rule) else rule


def usage_from_entries(entries: Iterable[LedgerEntry]) -> CapUsage:
    """Usage computed from ledger entries (reversals free their share again)."""
    usage = CapUsage()
    count_usage(usage, entries)
    return usage


def count_usage(usage: CapUsage, entries: Iterable[LedgerEntry]) -> None:
    """Add ``entries`` into ``usage`` in place: the fold step of a replay, owned by its caller."""
    for entry in entries:
        by_period = usage.points.setdefault((entry.unit_id, cap_key_of(entry.rule)), {})
        by_period[entry.period] = by_period.get(entry.period, ZERO) + entry.points
        if entry.money:
            usage.money[entry.period] = usage.money.get(entry.period, ZERO) + entry.money

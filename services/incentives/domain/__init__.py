"""The incentives domain: policies, the points ledger, standings and the annual assessment.

Pure: no broker, database, metrics or settings. The use cases call ``decide`` for each fact,
append the entries it returns, and fold entries into standings. See INTERFACE.md.
"""

from services.incentives.domain.assessed import Assessed, assessed_units
from services.incentives.domain.assessment import (
    AnnualAssessment,
    Criticism,
    UnitResult,
    assess_year,
)
from services.incentives.domain.assessment_reasons import Commendation
from services.incentives.domain.event_facts import fact_from_event
from services.incentives.domain.facts import (
    AdoptionRevoked,
    Contribution,
    DeadlineMissed,
    ErrorCriticised,
    Fact,
    InstructionRecorded,
    ItemAdopted,
    ItemFact,
    ItemReceived,
    ItemScored,
    ItemScreened,
    ItemWithdrawn,
    UrgentReportFailed,
)
from services.incentives.domain.history import (
    NO_USAGE,
    CapUsage,
    ItemHistory,
    usage_from_entries,
)
from services.incentives.domain.ledger import (
    EntryDraft,
    LedgerEntry,
    Rule,
    balance,
    deduplicated,
    live_entries,
    reversal_of,
)
from services.incentives.domain.policy import Policy, PolicyBook
from services.incentives.domain.policy_loader import (
    PolicyError,
    PolicyProblem,
    load_policy,
    load_policy_book,
    parse_policy,
)
from services.incentives.domain.quotas import (
    PeriodCounts,
    QuotaStatus,
    close_period,
    period_counts,
    quota_status,
)
from services.incentives.domain.rules import NO_HISTORY, decide
from services.incentives.domain.simulation import replay, what_if
from services.incentives.domain.standings import (
    Standing,
    StandingsTally,
    fold,
    rank_standings,
    rank_totals,
    standings,
)
from services.incentives.domain.units import PeerGroupOf, UnitProfile, lineage, peer_grouping

__all__ = [
    "NO_HISTORY",
    "NO_USAGE",
    "AdoptionRevoked",
    "AnnualAssessment",
    "Assessed",
    "CapUsage",
    "Commendation",
    "Contribution",
    "Criticism",
    "DeadlineMissed",
    "EntryDraft",
    "ErrorCriticised",
    "Fact",
    "InstructionRecorded",
    "ItemAdopted",
    "ItemFact",
    "ItemHistory",
    "ItemReceived",
    "ItemScored",
    "ItemScreened",
    "ItemWithdrawn",
    "LedgerEntry",
    "PeerGroupOf",
    "PeriodCounts",
    "Policy",
    "PolicyBook",
    "PolicyError",
    "PolicyProblem",
    "QuotaStatus",
    "Rule",
    "Standing",
    "StandingsTally",
    "UnitProfile",
    "UnitResult",
    "UrgentReportFailed",
    "assess_year",
    "assessed_units",
    "balance",
    "close_period",
    "decide",
    "deduplicated",
    "fact_from_event",
    "fold",
    "lineage",
    "live_entries",
    "load_policy",
    "load_policy_book",
    "parse_policy",
    "peer_grouping",
    "period_counts",
    "quota_status",
    "rank_standings",
    "rank_totals",
    "replay",
    "reversal_of",
    "standings",
    "usage_from_entries",
    "what_if",
]

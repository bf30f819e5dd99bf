"""Properties of the ledger and standings over random streams of facts (hypothesis)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from services.incentives.domain import (
    AdoptionRevoked,
    Contribution,
    Fact,
    InstructionRecorded,
    ItemAdopted,
    ItemHistory,
    ItemReceived,
    ItemScored,
    ItemWithdrawn,
    Policy,
    Rule,
    StandingsTally,
    UrgentReportFailed,
    balance,
    decide,
    deduplicated,
    fold,
    live_entries,
    load_policy,
    replay,
    standings,
)
from services.incentives.domain.ledger import ITEM_AWARDS
from services.incentives.domain.money import split_evenly
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DEFAULT = load_policy(POLICIES / "default.yaml")
GUANGDONG = load_policy(POLICIES / "guangdong-highest-only.yaml")
UNITS = ["u1", "u2", "u3", "u4"]
PUBLICATIONS = [
    ("county-xinxi", OrgLevel.COUNTY),
    ("city-zhuanbao", OrgLevel.CITY),
    ("province-xinxi", OrgLevel.PROVINCE),
    ("guoban-xinxi", OrgLevel.NATIONAL),
    ("gd-ajj-xinxi", OrgLevel.PROVINCE),
    ("unknown-brief", OrgLevel.CITY),
]
START = datetime(2026, 1, 1, tzinfo=UTC)
MONTHS_IN = {
    "2026": {f"2026-{m:02d}" for m in range(1, 13)},
    "2026-Q1": {"2026-01", "2026-02", "2026-03"},
    "2026-02": {"2026-02"},
}

operation = st.tuples(
    st.sampled_from(
        ["receive", "score", "adopt", "adopt", "revoke", "withdraw", "instruct", "fail"]
    ),
    st.integers(0, 5),  # item
    st.integers(0, 5),  # publication / band / rank / adoption
    st.sets(st.sampled_from(UNITS), max_size=3),  # contributors
    st.integers(0, 364),  # day of the year
)


def facts_from(operations: list[tuple[str, int, int, set[str], int]]) -> list[Fact]:
    """Turn operations into facts with deterministic ids; the item's unit is fixed by its number."""
    facts: list[Fact] = []
    for n, (kind, item, choice, contributors, day) in enumerate(operations):
        when = START + timedelta(days=day)
        common = dict(
            event_id=f"ev{n}", occurred_at=when, submission_id=f"s{item}", unit_id=UNITS[item % 4]
        )
        period = f"2026-{when.month:02d}"
        facts.append(_fact(kind, common, period, choice, tuple(sorted(contributors))))
    return facts


def _fact(kind: str, common: dict, period: str, choice: int, contributors: tuple[str, ...]) -> Fact:  # type: ignore[type-arg]
    if kind == "receive":
        return ItemReceived(
            **common, person_id="p", period=period, urgent=choice == 0, late=choice < 2
        )
    if kind == "score":
        return ItemScored(
            **common, period=period, band=list(ScoreBand)[choice % 4], overall=Decimal(70)
        )
    if kind == "adopt":
        publication, level = PUBLICATIONS[choice]
        return ItemAdopted(
            **common,
            period=period,
            adoption_id=f"a{choice % 3}",
            publication=publication,
            office_level=level,
            form=list(AdoptionForm)[choice % 3],
            contributors=tuple(Contribution(u) for u in contributors),
            forwarded_by=("county-office",) if choice % 2 else (),
        )
    if kind == "revoke":
        return AdoptionRevoked(**common, adoption_id=f"a{choice % 3}")
    if kind == "withdraw":
        return ItemWithdrawn(**common)
    if kind == "fail":
        failure = ["late", "missed", "concealed", "false"][choice % 4]
        return UrgentReportFailed(**common, period=period, kind=failure, serious=choice == 5)  # type: ignore[arg-type]
    return InstructionRecorded(
        **common, period=period, instruction_id=f"i{choice}", leader_rank=list(OrgLevel)[choice % 5]
    )


streams = st.lists(operation, max_size=40).map(facts_from)
policies = st.sampled_from([DEFAULT, GUANGDONG])


@settings(max_examples=150, deadline=None)
@given(streams, policies, st.sampled_from(sorted(MONTHS_IN)))
def test_standings_equal_the_sum_of_the_ledger(
    facts: list[Fact], policy: Policy, period: str
) -> None:
    ledger = replay(facts, policy)
    table = standings(ledger, UNITS, period, lambda u: "all", policy.ranking.by)
    for standing in table:
        mine = [
            e for e in ledger if e.unit_id == standing.unit_id and e.period in MONTHS_IN[period]
        ]
        assert (standing.total, standing.money) == balance(mine)
        assert standing.entries == len(mine)


@settings(max_examples=150, deadline=None)
@given(streams, policies)
def test_replay_equals_the_incremental_result(facts: list[Fact], policy: Policy) -> None:
    ledger = replay(facts, policy)
    incremental = StandingsTally()
    for entry in ledger:
        incremental.apply(entry)
    assert incremental.snapshot() == fold(ledger).snapshot()
    halfway = len(ledger) // 2
    resumed = fold(ledger[:halfway])
    resumed.apply_all(ledger[halfway:])
    assert resumed.snapshot() == fold(ledger).snapshot()


@settings(max_examples=150, deadline=None)
@given(streams, policies, st.data())
def test_duplicates_change_nothing(facts: list[Fact], policy: Policy, data: st.DataObject) -> None:
    redelivered = list(facts)
    for fact in data.draw(st.lists(st.sampled_from(facts), max_size=10)) if facts else []:
        position = data.draw(st.integers(redelivered.index(fact) + 1, len(redelivered)))
        redelivered.insert(position, fact)
    assert replay(redelivered, policy) == replay(facts, policy)


@settings(max_examples=150, deadline=None)
@given(streams, policies)
def test_deciding_a_fact_again_on_its_own_result_gives_nothing(
    facts: list[Fact], policy: Policy
) -> None:
    histories: dict[str, ItemHistory] = {}
    for fact in facts:
        history = histories.get(fact.submission_id, ItemHistory())  # type: ignore[union-attr]
        entries = decide(fact, policy, history)
        after = history.extended(entries)
        assert decide(fact, policy, after) == []
        assert deduplicated([*entries, *entries]) == entries
        histories[fact.submission_id] = after  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(streams, policies)
def test_a_reversal_nets_to_zero(facts: list[Fact], policy: Policy) -> None:
    ledger = replay(facts, policy)
    by_id = {e.entry_id: e for e in ledger}
    assert len(by_id) == len(ledger), "entry ids are unique"
    reversed_ids = [e.reverses_entry_id for e in ledger if e.reverses_entry_id]
    assert len(reversed_ids) == len(set(reversed_ids)), "nothing is reversed twice"
    for entry in ledger:
        if entry.reverses_entry_id:
            original = by_id[entry.reverses_entry_id]
            assert not original.is_reversal
            pair = (original, entry)
            assert balance(pair) == (Decimal(0), Decimal(0))
            assert (original.unit_id, original.period) == (entry.unit_id, entry.period)


@settings(max_examples=100, deadline=None)
@given(streams, policies)
def test_withdrawing_every_item_leaves_no_awards(facts: list[Fact], policy: Policy) -> None:
    last = datetime(2027, 1, 1, tzinfo=UTC)
    items = sorted({(f.submission_id, f.unit_id) for f in facts if isinstance(f, ItemReceived)})
    withdrawals = [
        ItemWithdrawn(event_id=f"w-{sid}", occurred_at=last, submission_id=sid, unit_id=unit)
        for sid, unit in items
    ]
    ledger = replay([*facts, *withdrawals], policy)
    withdrawn = {sid for sid, _ in items}
    awards: defaultdict[str, Decimal] = defaultdict(Decimal)
    for entry in ledger:
        if entry.submission_id in withdrawn and entry.rule in ITEM_AWARDS:
            awards[entry.submission_id] += entry.points
    assert all(total == 0 for total in awards.values())


@settings(max_examples=100, deadline=None)
@given(streams)
def test_highest_only_keeps_at_most_one_adoption_per_item_and_unit(facts: list[Fact]) -> None:
    live = live_entries(replay(facts, GUANGDONG))
    keys = [(e.submission_id, e.unit_id) for e in live if e.rule == Rule.ADOPTION]
    assert len(keys) == len(set(keys))


@settings(max_examples=100, deadline=None)
@given(streams)
def test_money_never_exceeds_the_budget(facts: list[Fact]) -> None:
    tight = DEFAULT.model_copy(
        update={
            "money": DEFAULT.money.model_copy(
                update={
                    "budget": DEFAULT.money.budget.model_copy(update={"amount": Decimal("1500.00")})
                }
            )
        }  # type: ignore[union-attr]
    )
    ledger = replay(facts, tight)
    assert balance(ledger)[1] <= Decimal("1500.00")
    assert all(e.money >= 0 for e in ledger if not e.is_reversal)


@given(st.decimals(min_value=0, max_value=10_000, places=2), st.integers(1, 50))
def test_a_split_loses_no_cent(amount: Decimal, parts: int) -> None:
    shares = split_evenly(amount, parts)
    assert sum(shares) == amount
    assert max(shares) - min(shares) <= Decimal("0.01")

"""DeadlineMissed in: the policy's deduction on the ledger, once; an urgent report's lateness
counts once whether its deadline or the late item arrives first."""
# ruff: noqa: F811 (the tests take the component module's fixture by name)

from __future__ import annotations

from decimal import Decimal
from typing import Any

from services.incentives.tests.test_incentives_component import (  # noqa: F401 (fixture)
    balance,
    incentives,
    now,
    received,
    send,
)
from shared.contracts import DeadlineMissed, SubmissionReceived


def missed(subject: str, reference_id: str, submission_id: str | None = None) -> DeadlineMissed:
    due = now()  # the deadline passed as the run began: its month is the run's month
    return DeadlineMissed(
        event_id=f"missed-{subject}-{reference_id}", producer="intake", correlation_id="c",
        occurred_at=due, deadline_id=f"hs:{subject}:{reference_id}", unit_id="hs", office_id="dx",
        subject=subject, reference_id=reference_id, submission_id=submission_id, due_at=due,
    )


def urgent_late(sid: str) -> SubmissionReceived:
    return received(sid).model_copy(update={"urgent": True, "late": True})


def awards(memory: Any) -> list[dict[str, Any]]:
    return [r.payload for r in memory.outbox if r.payload["type"] in ("PointsAwarded", "PointsReversed")]


async def test_a_missed_commission_costs_the_policy_s_deduction_once(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, missed("commission", "c1"))
    await send(app, missed("commission", "c1"))                 # redelivered
    assert await balance(client) == Decimal(-10)
    [entry] = awards(memory)
    assert entry["rule"] == "commission_missed" and entry["submission_id"] is None


async def test_missed_instruction_feedback_is_deducted_under_its_own_rule(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, missed("instruction_feedback", "i1", submission_id="s9"))
    assert [e["rule"] for e in awards(memory)] == ["instruction_feedback_missed"]
    assert await balance(client) == Decimal(-10)


async def test_an_urgent_report_s_lateness_counts_once_when_its_deadline_passes_first(
    incentives: Any,
) -> None:
    app, memory, _ = incentives
    await send(app, missed("urgent_report", "s1", submission_id="s1"))
    await send(app, urgent_late("s1"))
    rules = [e["rule"] for e in awards(memory)]
    assert rules.count("urgent_late") == 1 and "submission" in rules


async def test_an_urgent_report_s_lateness_counts_once_when_the_late_item_comes_first(
    incentives: Any,
) -> None:
    app, memory, _ = incentives
    await send(app, urgent_late("s1"))
    await send(app, missed("urgent_report", "s1", submission_id="s1"))
    rules = [e["rule"] for e in awards(memory)]
    assert rules.count("urgent_late") == 1 and "submission" in rules

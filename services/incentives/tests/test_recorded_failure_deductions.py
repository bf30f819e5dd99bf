"""Failures an office recorded (false report, criticism from above, unreported or hidden
incident) in: the policy's deduction, once; a serious false report costs eligibility."""
# ruff: noqa: F811 (the tests take the component module's fixture by name)

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from services.incentives.domain import load_policy
from services.incentives.tests.test_incentives_component import (  # noqa: F401 (fixture)
    balance,
    incentives,
    now,
    received,
    send,
)
from shared.contracts import CriticisedByHigherLevel, EmergencyReportConcealed, EmergencyReportFalse

DEFAULT = load_policy(Path(__file__).resolve().parents[1] / "policies" / "default.yaml")


def rules_of(memory: Any) -> list[str]:
    return [r.payload["rule"] for r in memory.outbox if r.payload["type"] == "PointsAwarded"]


def false_report(serious: bool) -> EmergencyReportFalse:
    return EmergencyReportFalse.originated(
        producer="intake", occurred_at=now(), submission_id="s1", unit_id="hs", office_id="dx",
        serious=serious, note="信息失实", recorded_by="editor",
    )


async def test_a_false_report_loses_its_share_of_the_item_s_points(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, received("s1"))
    before = await balance(client)
    event = false_report(serious=False)
    await send(app, event)
    await send(app, event)                                      # redelivered
    assert rules_of(memory).count("urgent_false") == 1
    assert await balance(client) == before - 5 - before * Decimal("0.5")


async def test_a_serious_false_report_costs_the_heavier_penalty_and_eligibility(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, received("s1"))
    await send(app, false_report(serious=True))
    assert "urgent_false_serious" in rules_of(memory)
    assert await balance(client) == Decimal(-30)                # minus all the item's points too
    assert "urgent_false_serious" in DEFAULT.disqualifying_rules()  # the assessment reads these


async def test_a_criticism_from_above_costs_two_points(incentives: Any) -> None:
    app, memory, client = incentives
    await send(app, received("s1"))
    before = await balance(client)
    await send(app, CriticisedByHigherLevel.originated(
        producer="intake", occurred_at=now(), submission_id="s1", unit_id="hs", office_id="dx",
        criticised_by="市政府办公室", note="数据有误", recorded_by="editor",
    ))
    assert "criticised_by_higher_level" in rules_of(memory)
    assert await balance(client) == before - 2


async def test_hidden_and_unreported_incidents_are_deducted_under_their_own_rules(incentives: Any) -> None:
    app, memory, client = incentives
    for concealed in (True, False):
        await send(app, EmergencyReportConcealed.originated(
            producer="intake", occurred_at=now(), record_id=f"r{concealed}", unit_id="hs",
            office_id="dx", concealed=concealed, incident="山体滑坡", evidence="应急局通报",
            recorded_by="editor",
        ))
    assert sorted(rules_of(memory)) == ["urgent_concealed", "urgent_missed"]
    assert await balance(client) == Decimal(-40)

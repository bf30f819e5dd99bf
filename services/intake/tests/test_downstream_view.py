"""Intake keeps what scoring, incentives and notify said about an item; duplicates change nothing."""

from __future__ import annotations

from decimal import Decimal

from services.intake.tests.conftest import IntakeHarness, submitted
from shared.contracts import NotificationDelivered, PointsAwarded, SubmissionScored, topics


def scored(sid: str) -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring", submission_id=sid, unit_id="hs", author_id="officer", title="t",
        period="2026-11", revision=0, overall=81.5, band="good", language="zh",
        rubric_version="v1", criteria=[],
    )


async def test_score_points_and_notification_show_on_the_item(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    broker = intake.app.state.runtime.broker
    score = scored(sid)
    points = PointsAwarded.caused_by(
        score, producer="incentives", entry_id="e1", unit_id="hs", person_id="officer",
        submission_id=sid, period="2026-11", points=Decimal("3"), rule="quality.good",
        policy_version="v", cause_event_id=score.event_id, reason="质量良好",
    )
    note = NotificationDelivered.caused_by(
        score, producer="notify", notification_id="n1", recipient_id="officer", channel="inbox",
        kind="score", submission_id=sid, subject="评分",
    )
    await broker.publish(score.model_dump(mode="json"), topic=topics.SCORES)
    await broker.publish(points.model_dump(mode="json"), topic=topics.LEDGER)
    await broker.publish(note.model_dump(mode="json"), topic=topics.NOTIFICATIONS)
    detail = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert detail["downstream"]["score"]["overall"] == 81.5
    assert [e["points"] for e in detail["downstream"]["ledger"]] == ["3"]
    assert [n["kind"] for n in detail["downstream"]["notifications"]] == ["score"]


async def test_the_same_ledger_event_twice_is_recorded_once(intake: IntakeHarness) -> None:
    sid = await submitted(intake)
    broker = intake.app.state.runtime.broker
    score = scored(sid)
    points = PointsAwarded.caused_by(
        score, producer="incentives", entry_id="e1", unit_id="hs", submission_id=sid,
        period="2026-11", points=Decimal("3"), rule="quality.good", policy_version="v",
        cause_event_id=score.event_id, reason="质量良好",
    )
    for _ in range(2):
        await broker.publish(points.model_dump(mode="json"), topic=topics.LEDGER)
    detail = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert len(detail["downstream"]["ledger"]) == 1

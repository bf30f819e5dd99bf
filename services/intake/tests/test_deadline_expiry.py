"""Deadlines expire by themselves: the scheduler judges each one once, from the items' own
times, and a missed one raises DeadlineMissed (through the outbox)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from services.intake.adapters import MongoIntakeUnitOfWork
from services.intake.domain.deadlines import Deadline, Outcome, missed_event_id
from services.intake.scheduler import DeadlineScheduler
from services.intake.tests.conftest import IntakeHarness, submitted
from services.intake.usecases.deadlines import expire_due_deadlines
from shared.clock import SettableClock
from shared.persistence import connect, ensure_plumbing_indexes

URGENT = {"title": "河山镇发生山体滑坡", "body": "11月20日8时，河山镇发生山体滑坡，无人员伤亡。",
          "category": "突发事件", "urgent": True}


async def _missed(intake: IntakeHarness) -> list[dict[str, Any]]:
    return [e for e in await intake.published() if e["type"] == "DeadlineMissed"]


def _scheduler(intake: IntakeHarness) -> DeadlineScheduler:
    scheduler = intake.app.state.scheduler
    assert isinstance(scheduler, DeadlineScheduler)
    return scheduler


async def test_a_unit_that_did_not_answer_a_commission_in_time_misses_it_once(intake: IntakeHarness) -> None:
    due = intake.clock() + timedelta(days=2)
    cid = (await intake.ok("POST", "/commissions", as_="county-editor", json={
        "theme": "秋粮收购进展", "units": ["hs", "ls"], "deadline": due.isoformat(),
    }))["commission_id"]
    await submitted(intake, commission_id=cid)                  # 河山镇 answers in time
    assert (await _scheduler(intake).tick_once()).judged == 0   # nothing is due yet
    intake.clock.set(due + timedelta(seconds=1))
    report = await _scheduler(intake).tick_once()
    assert (report.judged, report.missed) == (2, 1)
    [missed] = await _missed(intake)
    assert (missed["unit_id"], missed["office_id"], missed["subject"], missed["reference_id"]) == (
        "ls", "dx", "commission", cid,
    )
    assert missed["occurred_at"] == missed["due_at"]            # dated with the deadline
    set_event = next(e for e in await intake.published()
                     if e["type"] == "DeadlineSet" and e["unit_id"] == "ls")
    assert missed["causation_id"] == set_event["event_id"]
    assert missed["correlation_id"] == set_event["correlation_id"]
    intake.clock.advance(hours=1)
    assert (await _scheduler(intake).tick_once()).judged == 0
    assert len(await _missed(intake)) == 1


async def test_an_answer_after_the_deadline_misses_it_even_before_the_scheduler_looks(
    intake: IntakeHarness,
) -> None:
    due = intake.clock() + timedelta(days=1)
    cid = (await intake.ok("POST", "/commissions", as_="county-editor", json={
        "theme": "秋粮收购进展", "units": ["hs"], "deadline": due.isoformat(),
    }))["commission_id"]
    intake.clock.set(due + timedelta(minutes=5))
    await submitted(intake, commission_id=cid)                  # late, then the tick
    await _scheduler(intake).tick_once()
    assert [m["unit_id"] for m in await _missed(intake)] == ["hs"]


async def test_a_scheduler_that_was_down_catches_up_on_every_deadline_once(intake: IntakeHarness) -> None:
    start = intake.clock()
    for days in (1, 2, 3):
        await intake.ok("POST", "/commissions", as_="county-editor", json={
            "theme": f"专题{days}", "units": ["hs"], "deadline": (start + timedelta(days=days)).isoformat(),
        })
    intake.clock.set(start + timedelta(days=10))
    scheduler = DeadlineScheduler(intake.app.state.new_uow, intake.clock, batch=2)  # two per step
    report = await scheduler.tick_once()
    assert (report.judged, report.missed) == (3, 3)
    missed = await _missed(intake)
    assert sorted(datetime.fromisoformat(m["due_at"]) for m in missed) == [
        start + timedelta(days=d) for d in (1, 2, 3)
    ]


async def test_instruction_feedback_given_late_misses_its_deadline_and_in_time_meets_it(
    intake: IntakeHarness,
) -> None:
    late_sid, on_time_sid = await submitted(intake), await submitted(intake, title="河山镇冬季防火")
    due = (intake.clock() + timedelta(days=3)).date().isoformat()
    iids = {}
    for sid in (late_sid, on_time_sid):
        await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor",
                        json={"outcome": "accepted"})
        await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                        json={"publication": "county-xinxi"})
        await intake.ok("POST", f"/submissions/{sid}/instructions", as_="county-leader",
                        json={"leader_rank": "county", "text": "请总结推广。", "feedback_due": due})
        item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
        iids[sid] = item["instructions"][0]["instruction_id"]
    await intake.ok("POST", f"/submissions/{on_time_sid}/instructions/{iids[on_time_sid]}/feedback",
                    as_="officer", json={"text": "已推广。"})
    intake.clock.advance(days=5)
    intake.tokens.clear()                                       # yesterday's sessions expired
    await intake.ok("POST", f"/submissions/{late_sid}/instructions/{iids[late_sid]}/feedback",
                    as_="officer", json={"text": "迟到的反馈。"})
    await _scheduler(intake).tick_once()
    [missed] = await _missed(intake)
    assert missed["subject"] == "instruction_feedback" and missed["reference_id"] == iids[late_sid]
    assert missed["submission_id"] == late_sid and missed["unit_id"] == "hs"


async def test_an_urgent_draft_not_signed_off_in_time_misses_and_a_withdrawn_one_is_owed_nothing(
    intake: IntakeHarness,
) -> None:
    happened = (intake.clock() - timedelta(minutes=30)).isoformat()
    stuck = await intake.ok("POST", "/submissions", as_="officer", json={**URGENT, "occurred_at": happened})
    dropped = await intake.ok("POST", "/submissions", as_="officer",
                              json={**URGENT, "title": "误报的险情", "occurred_at": happened})
    await intake.ok("POST", f"/submissions/{dropped['submission_id']}/withdraw", as_="officer",
                    json={"reason": "核实后并非险情"})
    intake.clock.advance(hours=2)
    report = await _scheduler(intake).tick_once()
    assert (report.judged, report.missed) == (2, 1)
    [missed] = await _missed(intake)
    assert missed["subject"] == "urgent_report"
    assert missed["reference_id"] == missed["submission_id"] == stuck["submission_id"]


async def test_an_urgent_report_signed_off_in_time_meets_its_deadline(intake: IntakeHarness) -> None:
    happened = (intake.clock() - timedelta(minutes=30)).isoformat()
    draft = await intake.ok("POST", "/submissions", as_="officer", json={**URGENT, "occurred_at": happened})
    await intake.ok("POST", f"/submissions/{draft['submission_id']}/sign-off", as_="head")
    intake.clock.advance(hours=3)
    report = await _scheduler(intake).tick_once()
    assert (report.judged, report.missed) == (1, 0)
    assert await _missed(intake) == []


async def test_two_schedulers_ticking_together_raise_one_event(intake: IntakeHarness) -> None:
    due = intake.clock() + timedelta(hours=1)
    await intake.ok("POST", "/commissions", as_="county-editor", json={
        "theme": "秋粮收购进展", "units": ["hs", "ls"], "deadline": due.isoformat(),
    })
    intake.clock.advance(hours=2)
    one, two = (DeadlineScheduler(intake.app.state.new_uow, intake.clock) for _ in range(2))
    await asyncio.gather(one.tick_once(), two.tick_once())
    assert sorted(m["unit_id"] for m in await _missed(intake)) == ["hs", "ls"]


async def test_two_replicas_on_mongodb_commit_one_judgement(
    mongo_server_uri: str, database_name: str
) -> None:
    client = connect(mongo_server_uri, app_name="deadline-race")
    db = client[database_name]
    await ensure_plumbing_indexes(db)
    clock = SettableClock(datetime(2026, 3, 1, tzinfo=UTC))

    def new_uow() -> MongoIntakeUnitOfWork:
        return MongoIntakeUnitOfWork(client, db)

    due = clock() - timedelta(hours=1)
    async with new_uow() as uow:
        for n in range(20):
            await uow.deadlines.save(Deadline(
                unit_id=f"u{n}", office_id="dx", subject="commission", reference_id="c1",
                due_at=due, set_event_id=f"set-{n}", correlation_id="corr",
            ))
        await uow.commit()
    reports = await asyncio.gather(*(expire_due_deadlines(new_uow, clock()) for _ in range(2)))
    rows = await db["outbox"].find({"payload.type": "DeadlineMissed"}).to_list(None)
    assert len(rows) == 20
    assert {r["event_id"] for r in rows} == {
        missed_event_id(f"u{n}:commission:c1", f"set-{n}") for n in range(20)
    }
    assert sum(r.missed for r in reports) == 20
    async with new_uow() as uow:
        assert {d.outcome for d in await uow.deadlines.open_by_due(100)} == set()
        judged = await uow.deadlines.get("u3:commission:c1")
        assert judged is not None and judged.outcome == Outcome.MISSED
    await client.close()

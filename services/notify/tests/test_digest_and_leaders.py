"""The weekly digest instead of single messages, and what a unit's main leader is told."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.notify.tests.harness import Notify, SmtpServer, adopted, local, received, scored
from shared.contracts import ContributingUnit, InstructionRecorded, SubmissionScreened


@pytest.fixture
def settings(smtp: SmtpServer) -> dict[str, Any]:
    return {"workers_enabled": False, "smtp_host": "127.0.0.1", "smtp_port": smtp.port}


async def digest_reader(notify: Notify) -> None:
    await notify.ok(
        "PUT",
        "/people/officer/preferences",
        json={"channels": ["email"], "email": "li@hs.example.cn", "digest": True, "name": "李明"},
        auth=notify.as_("officer", "hs", ("officer",)),
    )


def returned(sid: str) -> SubmissionScreened:
    return SubmissionScreened.originated(
        producer="intake",
        submission_id=sid,
        unit_id="hs",
        office_id="dx",
        editor_id="e",
        outcome="returned",
        reasons=["缺少数据"],
    )


async def test_digest_readers_get_one_weekly_mail_instead_of_single_ones(
    notify: Notify, smtp: SmtpServer
) -> None:
    await digest_reader(notify)
    for sid in ("s1", "s2"):
        await notify.send(received(sid))
        await notify.send(scored(sid))
    await notify.send(returned("s2"))
    assert await notify.dispatch() == 0 and smtp.sink.messages == []
    assert len(await notify.inbox("officer")) == 3, "the inbox still shows each one"
    assert (await notify.tick())["digests"] == 0, "chosen on Wednesday: first digest next Monday"
    notify.clock.now = local("2026-11-23 08:59")
    assert (await notify.tick())["digests"] == 0
    notify.clock.now = local("2026-11-23 09:00")
    assert (await notify.tick())["digests"] == 1
    assert (await notify.tick())["digests"] == 0, "one digest per week"
    assert await notify.dispatch() == 1
    [mail] = smtp.sink.messages
    assert str(mail["Subject"]) == "信报每周摘要：3 条消息"
    body = smtp.bodies()[0]
    assert body.startswith("李明，本周待阅消息") and "《秋粮收购 s2》已退回" in body


async def test_urgent_messages_reach_digest_readers_at_once(notify: Notify, smtp: SmtpServer) -> None:
    await digest_reader(notify)
    await notify.send(received())
    await notify.send(
        InstructionRecorded.originated(
            producer="intake",
            submission_id="s1",
            unit_id="hs",
            instruction_id="i1",
            leader_name="张省长",
            leader_rank="province",
            text="很好。",
            recorded_by="ed",
        )
    )
    assert await notify.dispatch() == 1 and "批示" in str(smtp.sink.messages[0]["Subject"])


async def test_a_week_without_messages_sends_no_digest(notify: Notify) -> None:
    await digest_reader(notify)
    notify.clock.now = local("2026-11-23 09:00")
    assert (await notify.tick())["digests"] == 0 and await notify.deliveries() == []


async def test_main_leaders_hear_of_province_adoptions_of_their_units_items(notify: Notify) -> None:
    hs, qs = notify.as_("head-hs", "hs", ("unit_head",)), notify.as_("head-qs", "qs", ("unit_head",))
    await notify.ok("PUT", "/units/hs/contacts", json={"name": "河山镇", "main_leader": "chief-hs"}, auth=hs)
    await notify.ok("PUT", "/units/qs/contacts", json={"name": "青石镇", "main_leader": "chief-qs"}, auth=qs)
    await notify.send(received())
    await notify.send(adopted(level="city"))
    assert await notify.inbox("chief-hs") == []
    await notify.send(
        adopted(level="province", contributing_units=[ContributingUnit(unit_id="qs", share=0.5)])
    )
    [notice] = await notify.inbox("chief-hs")
    assert notice["kind"] == "leader_adoption" and notice["subject"] == "本单位信息《秋粮收购 s1》被省级采用"
    assert [n["kind"] for n in await notify.inbox("chief-qs")] == ["leader_adoption"]


async def test_main_leaders_hear_of_instructions_with_the_feedback_date(notify: Notify) -> None:
    head = notify.as_("head-hs", "hs", ("unit_head",))
    await notify.ok("PUT", "/units/hs/contacts", json={"main_leader": "chief-hs"}, auth=head)
    await notify.send(received())
    await notify.send(
        InstructionRecorded.originated(
            producer="intake",
            submission_id="s1",
            unit_id="hs",
            instruction_id="i1",
            leader_name="李市长",
            leader_rank="city",
            text="请抓好落实。",
            feedback_due=date(2026, 11, 30),
            recorded_by="ed",
        )
    )
    [notice] = await notify.inbox("chief-hs")
    assert notice["kind"] == "leader_instruction" and "2026-11-30" in notice["body"]
    assert [n["kind"] for n in await notify.inbox("officer")] == ["instruction"]

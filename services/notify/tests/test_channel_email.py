"""E-mail through a real SMTP server (aiosmtpd on a free local port): preferences, quiet
hours, retries with back-off, the dead-letter list and replay, duplicates."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from services.notify.tests.harness import Notify, SmtpServer, local, received, scored
from shared.contracts import InstructionRecorded

EMAIL_PREFS = {"channels": ["inbox", "email"], "email": "li.ming@hs.example.cn"}


@pytest.fixture
def extra() -> dict[str, Any]:
    return {}


@pytest.fixture
def settings(smtp: SmtpServer, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "workers_enabled": False,
        "retry_base_seconds": 30.0,
        "retry_max_attempts": 3,
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp.port,
        "smtp_sender": "xinbao@dx.example.cn",
        **extra,
    }


async def prefer(notify: Notify, **prefs: Any) -> None:
    officer = notify.as_("officer", "hs", ("officer",))
    await notify.ok("PUT", "/people/officer/preferences", json={**EMAIL_PREFS, **prefs}, auth=officer)


async def test_an_author_who_chose_email_gets_the_score_by_smtp(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify)
    await notify.send(scored())
    assert await notify.dispatch() == 1
    [mail] = smtp.sink.messages
    assert mail["To"] == "li.ming@hs.example.cn" and mail["From"] == "xinbao@dx.example.cn"
    assert "71" in str(mail["Subject"]) and "71.4" in smtp.bodies()[0]
    assert mail["X-Xinbao-Delivery"].endswith(":officer:email")
    [delivery] = await notify.deliveries(channel="email")
    assert delivery["status"] == "sent" and delivery["attempts"] == 1
    announced = notify.events("NotificationDelivered")
    assert {e["channel"] for e in announced} == {"inbox", "email"}


async def test_the_preferred_language_wins_over_the_items(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify, language="en")
    await notify.send(scored())
    await notify.dispatch()
    assert "scored 71" in str(smtp.sink.messages[0]["Subject"])


@pytest.mark.parametrize("extra", [{"smtp_user": "xinbao", "smtp_password": "s3cret"}])
async def test_smtp_authenticates_with_the_configured_login(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify)
    await notify.send(scored())
    await notify.dispatch()
    assert smtp.sink.logins == [b"xinbao"] and len(smtp.sink.messages) == 1


@pytest.mark.parametrize("extra", [{"smtp_user": "xinbao", "smtp_password": "wrong"}])
async def test_a_refused_login_is_a_permanent_failure(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify)
    await notify.send(scored())
    await notify.dispatch()
    [delivery] = await notify.deliveries(channel="email")
    assert delivery["status"] == "dead" and "535" in delivery["last_error"]


async def test_a_temporary_refusal_is_retried_after_the_back_off(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify)
    smtp.sink.answers = ["451 4.3.0 Try again later"]
    await notify.send(scored())
    await notify.dispatch()
    [delivery] = await notify.deliveries(channel="email")
    assert delivery["status"] == "failed" and "451" in delivery["last_error"]
    [failed] = notify.events("NotificationFailed")
    assert failed["attempt"] == 1 and failed["final"] is False
    notify.clock.advance(seconds=29)
    assert await notify.dispatch() == 0, "not before the back-off ends"
    notify.clock.advance(seconds=1)
    assert await notify.dispatch() == 1
    assert len(smtp.sink.messages) == 1
    [delivery] = await notify.deliveries(channel="email")
    assert delivery["status"] == "sent" and delivery["attempts"] == 2


async def test_after_the_last_retry_the_mail_is_dead_and_an_operator_replays_it(
    notify: Notify, smtp: SmtpServer
) -> None:
    await prefer(notify)
    smtp.sink.answers = ["451 busy"] * 3
    await notify.send(scored())
    for wait in (0, 30, 60):
        notify.clock.advance(seconds=wait)
        assert await notify.dispatch() == 1
    [dead] = (await notify.ok("GET", "/deliveries", params={"status": "dead"}))["items"]
    assert [e["final"] for e in notify.events("NotificationFailed")] == [False, False, True]
    log = await notify.ok("GET", f"/deliveries/{dead['delivery_id']}/attempts")
    assert [a["number"] for a in log["attempts"]] == [3, 2, 1] and not any(a["ok"] for a in log["attempts"])
    replayed = await notify.ok("POST", f"/deliveries/{dead['delivery_id']}/replay")
    assert replayed["status"] == "pending" and replayed["replays"] == 1
    assert await notify.dispatch() == 1
    assert len(smtp.sink.messages) == 1
    assert (await notify.client.post(f"/deliveries/{dead['delivery_id']}/replay")).status_code == 409


async def test_a_permanent_refusal_is_dead_at_once(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify)
    smtp.sink.answers = ["550 5.1.1 No such mailbox"]
    await notify.send(scored())
    await notify.dispatch()
    [delivery] = await notify.deliveries(channel="email")
    assert delivery["status"] == "dead" and delivery["attempts"] == 1
    assert notify.events("NotificationFailed")[0]["final"] is True


async def test_quiet_hours_hold_non_urgent_mail_until_the_window_ends(
    notify: Notify, smtp: SmtpServer
) -> None:
    await prefer(notify, quiet_hours="22:00-07:00")
    notify.clock.now = local("2026-11-18 23:10")
    await notify.send(scored())
    assert len(await notify.inbox("officer")) == 1, "the inbox receives at once"
    assert await notify.dispatch() == 0
    notify.clock.now = local("2026-11-19 06:59")
    assert await notify.dispatch() == 0 and smtp.sink.messages == []
    notify.clock.now = local("2026-11-19 07:00")
    assert await notify.dispatch() == 1 and len(smtp.sink.messages) == 1


async def test_urgent_messages_go_through_quiet_hours(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify, quiet_hours="22:00-07:00")
    notify.clock.now = local("2026-11-18 23:10")
    await notify.send(received())
    await notify.send(
        InstructionRecorded.originated(
            producer="intake",
            submission_id="s1",
            unit_id="hs",
            instruction_id="i1",
            leader_name="张省长",
            leader_rank="province",
            text="请认真总结推广。",
            recorded_by="editor",
        )
    )
    assert await notify.dispatch() == 1
    assert "张省长批示" in smtp.bodies()[0]


async def test_a_duplicated_event_sends_one_mail(notify: Notify, smtp: SmtpServer) -> None:
    await prefer(notify)
    event = scored()
    await notify.send(event)
    await notify.send(event)
    await notify.dispatch()
    await notify.dispatch()
    assert len(smtp.sink.messages) == 1 and len(await notify.deliveries()) == 1


@pytest.mark.parametrize("extra", [{"smtp_host": ""}])
async def test_without_an_smtp_server_mail_is_dead_with_the_reason(notify: Notify) -> None:
    await prefer(notify)
    await notify.send(scored())
    await notify.dispatch()
    [delivery] = await notify.deliveries(channel="email")
    assert delivery["status"] == "dead" and "NOTIFY_SMTP_HOST" in delivery["last_error"]


async def test_the_background_dispatcher_sends_without_being_asked(notify: Notify, smtp: SmtpServer) -> None:
    workers = notify.app.state.workers
    workers.poll_seconds = 0.05
    await prefer(notify)
    await notify.send(scored())
    await workers.start()
    try:
        for _ in range(100):
            if smtp.sink.messages:
                break
            await asyncio.sleep(0.05)
    finally:
        await workers.stop()
    assert len(smtp.sink.messages) == 1

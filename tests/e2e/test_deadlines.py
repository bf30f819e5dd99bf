"""A commission missed on the real stack: intake's deadline scheduler (two replicas and a
restart, on a moved clock) raises DeadlineMissed once; the real incentives deducts the
policy's points once and the real notify tells the unit and its office once.

The schedulers run in this process over the stack's own intake database, with a clock the
test sets two days ahead; the stack's intake relays their outbox rows to Kafka, and the
other services consume them as processes. The service processes keep the machine's time,
so their own schedulers see nothing due.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from deploy.localstack import Stack
from services.intake.adapters import MongoIntakeUnitOfWork
from services.intake.scheduler import DeadlineScheduler
from services.intake.settings import IntakeSettings
from shared.clock import SettableClock, month_of
from shared.contracts import utcnow
from shared.persistence import connect
from tests.e2e.harness import PASSWORD, Api, eventually, url, wait_until_consumed

pytestmark = pytest.mark.e2e


async def test_a_missed_commission_is_deducted_and_told_once(stack: Stack, org: None) -> None:
    editor = await Api.logged_in(url(stack, "intake"), "e2e-county-editor", PASSWORD)
    notify = await Api.acting_as(stack, "notify", "e2e-county-editor")
    officer_notify = await Api.acting_as(stack, "notify", "e2e-other-officer")
    incentives = await Api.acting_as(stack, "incentives", "e2e-county-editor")
    client = connect(stack.mongo_uri, app_name="e2e-deadline-scheduler")
    try:
        await notify.call("PUT", "/units/e2e-town2/contacts", json={"officers": ["e2e-other-officer"]})
        await notify.call("PUT", "/units/e2e-county/contacts", json={"editors": ["e2e-county-editor"]})
        due = utcnow() + timedelta(days=1)
        commission = await editor.call("POST", "/commissions", 201, json={
            "theme": "冬季安全生产", "units": ["e2e-town2"], "deadline": due.isoformat(),
        })
        cid = commission["commission_id"]
        db = client[IntakeSettings().mongo_db]

        def new_uow() -> MongoIntakeUnitOfWork:
            return MongoIntakeUnitOfWork(client, db)

        clock = SettableClock(due + timedelta(days=1))
        first, second = DeadlineScheduler(new_uow, clock), DeadlineScheduler(new_uow, clock)
        reports = await asyncio.gather(first.tick_once(), second.tick_once())
        restarted = DeadlineScheduler(new_uow, clock)             # a replica started afresh
        again = await restarted.tick_once()
        assert sum(r.missed for r in reports) >= 1 and again.missed == 0

        period = month_of(due)

        async def deducted() -> list[dict[str, Any]] | None:
            entries = await incentives.call(
                "GET", "/units/e2e-town2/entries", params={"period": period, "limit": 1000}
            )
            found = [e for e in entries if e["rule"] == "commission_missed"]
            return found or None

        [entry] = await eventually(deducted, what="the commission_missed deduction")
        assert float(entry["points"]) == -10

        async def told(api: Api, person: str, kind: str) -> list[dict[str, Any]] | None:
            inbox = await api.call("GET", "/notifications", params={"recipient_id": person})
            found = [n for n in inbox["items"] if n["kind"] == kind and cid in n["body"]]
            return found or None

        [unit_told] = await eventually(
            lambda: told(officer_notify, "e2e-other-officer", "deadline_missed"), what="the unit told"
        )
        [office_told] = await eventually(
            lambda: told(notify, "e2e-county-editor", "deadline_missed_office"), what="the office told"
        )
        assert unit_told["highlight"] and "柳山镇人民政府" in office_told["subject"]
        await wait_until_consumed(stack)
        again_entries = await deducted()
        assert again_entries is not None and len(again_entries) == 1
        assert len(await told(notify, "e2e-county-editor", "deadline_missed_office") or []) == 1
    finally:
        await client.close()
        for api in (editor, notify, officer_notify, incentives):
            await api.close()

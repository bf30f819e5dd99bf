"""Recorded failures and sign-off requests on the real stack: a serious false emergency report
recorded in intake costs the heavier penalty in the real incentives (once), and an officer's
request for sign-off reaches the unit head's inbox in the real notify."""

from __future__ import annotations

from typing import Any

import pytest

from deploy.localstack import Stack
from tests.e2e.harness import PASSWORD, Api, eventually, url, wait_until_consumed

pytestmark = pytest.mark.e2e

URGENT = {
    "title": "河山镇发生山体滑坡致3人被困",
    "body": "12月1日8时，河山镇青石村发生山体滑坡，3人被困，镇政府已组织救援。",
    "category": "突发事件",
    "urgent": True,
}


async def test_a_serious_false_report_costs_the_heavier_penalty_once(stack: Stack, org: None) -> None:
    head = await Api.logged_in(url(stack, "intake"), "e2e-head", PASSWORD)
    editor = await Api.logged_in(url(stack, "intake"), "e2e-county-editor", PASSWORD)
    incentives = await Api.acting_as(stack, "incentives", "e2e-county-editor")
    try:
        item = await head.call("POST", "/submissions", 201, json=URGENT)
        sid, period = item["submission_id"], item["period"]
        await head.call("POST", f"/submissions/{sid}/false-report", 403,
                        json={"serious": True, "note": "x"})
        record = await editor.call("POST", f"/submissions/{sid}/false-report", 201, json={
            "serious": True, "note": "经核实无人员被困，信息严重失实，造成不良影响。",
        })
        assert record["kind"] == "false_report" and record["unit_id"] == "e2e-town"

        async def penalty() -> list[dict[str, Any]] | None:
            entries = await incentives.call(
                "GET", "/units/e2e-town/entries", params={"period": period, "limit": 1000}
            )
            found = [e for e in entries if e["submission_id"] == sid and e["rule"] == "urgent_false_serious"]
            return found or None

        [entry] = await eventually(penalty, what="the urgent_false_serious deduction")
        assert float(entry["points"]) <= -30
        await wait_until_consumed(stack)
        assert len(await penalty() or []) == 1
    finally:
        for api in (head, editor, incentives):
            await api.close()


async def test_an_officer_s_request_for_sign_off_reaches_the_unit_head(stack: Stack, org: None) -> None:
    officer = await Api.logged_in(url(stack, "intake"), "e2e-officer", PASSWORD)
    head_notify = await Api.acting_as(stack, "notify", "e2e-head")
    try:
        await head_notify.call("PUT", "/units/e2e-town/contacts",
                               json={"officers": ["e2e-officer"], "heads": ["e2e-head"]})
        draft = await officer.call("POST", "/submissions", 201, json={**URGENT, "urgent": False,
                                                                      "category": "动态"})
        sid = draft["submission_id"]
        await officer.call("POST", f"/submissions/{sid}/request-sign-off")

        async def asked() -> list[dict[str, Any]] | None:
            inbox = await head_notify.call("GET", "/notifications", params={"recipient_id": "e2e-head"})
            found = [n for n in inbox["items"]
                     if n["kind"] == "sign_off_requested" and n["submission_id"] == sid]
            return found or None

        [message] = await eventually(asked, what="the sign-off request in the head's inbox")
        assert URGENT["title"] in message["subject"]
    finally:
        await officer.close()
        await head_notify.close()

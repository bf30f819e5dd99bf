"""Issue 6 on the real stack: an agency receives an adopted item by signed webhook and by
pull feed, and the county office's monthly bulletin comes out in HTML, .docx and PDF."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from docx import Document

from deploy.localstack import Stack
from services.notify.domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from tests.e2e.harness import PASSWORD, Api, eventually, url
from tests.e2e.test_pipeline import ITEM
from tests.kafka_topics import describe_topic

pytestmark = pytest.mark.e2e


class Receiver(ThreadingHTTPServer):
    """An agency's webhook endpoint on loopback: records every request it gets."""

    received: list[tuple[dict[str, str], bytes]]


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.received.append((dict(self.headers), body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


async def webhook_agency(operator: Api, receiver: Receiver, prefix: str, name: str) -> dict[str, Any]:
    """A new agency taking the town's adopted items by pull feed and by webhook to ``receiver``."""
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/xinbao"
    agency: dict[str, Any] = await operator.call("POST", "/agencies", 201, json={
        "agency_id": f"{prefix}-{time.time_ns() % 10**9}", "name": name,
        "delivery": ["pull", "webhook"], "webhook_url": hook,
    })
    await operator.call("POST", f"/agencies/{agency['agency_id']}/subscriptions", 201,
                        json={"units": ["e2e-town"], "adopted_only": True})
    return agency


async def adopted_item(intake: Api, editor: Api) -> dict[str, Any]:
    """The town's new item, accepted and adopted by the county office."""
    item: dict[str, Any] = await intake.call("POST", "/submissions", 201, json={**ITEM, "draft": False})
    sid = item["submission_id"]
    await editor.call("POST", f"/submissions/{sid}/screen", json={"outcome": "accepted"})
    await editor.call("POST", f"/submissions/{sid}/adopt", json={"publication": "county-xinxi"})
    return item


async def test_agency_gets_adopted_item_by_webhook_and_feed_and_the_bulletin_renders(
    stack: Stack, intake: Api, receiver: Receiver
) -> None:
    operator = await Api.acting_as(stack, "notify", "admin")
    office = await Api.acting_as(stack, "notify", "e2e-county-editor")
    anonymous = Api(url(stack, "notify"))
    editor = await Api.logged_in(url(stack, "intake"), "e2e-county-editor", PASSWORD)
    try:
        agency = await webhook_agency(operator, receiver, "e2e-agency", "市发展改革委")
        agency_id = agency["agency_id"]
        item = await adopted_item(intake, editor)
        sid, period = item["submission_id"], item["period"]

        async def delivered() -> tuple[dict[str, str], bytes] | None:
            return next(((h, b) for h, b in receiver.received if sid.encode() in b), None)

        headers, body = await eventually(delivered, timeout=60, what="the signed webhook")
        assert verify(agency["webhook_secret"], headers[TIMESTAMP_HEADER], body,
                      headers[SIGNATURE_HEADER], now=time.time())

        feed = await anonymous.call("GET", f"/feeds/{agency_id}.json",
                                 headers={"X-API-Key": agency["api_key"]})
        assert sid in str(feed["items"])

        bulletin = await office.call("POST", "/bulletins", 201, json={
            "office_id": "e2e-county", "period": period, "kind": "monthly",
        })
        base = f"/bulletins/{bulletin['bulletin_id']}"
        docx = await office.client.get(f"{base}.docx")
        pdf = await office.client.get(f"{base}.pdf")
        html = await office.client.get(f"{base}.html")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert html.status_code == 200 and "河山镇人民政府" in html.text
        text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
        table_text = " ".join(
            cell.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for cell in r.cells
        )
        assert "东溪县人民政府办公室" in text and "河山镇人民政府" in table_text
    finally:
        for api in (operator, office, anonymous, editor):
            await api.close()


async def test_an_agency_taking_kafka_gets_its_topic_from_notify_not_from_auto_creation(stack: Stack) -> None:
    operator = await Api.acting_as(stack, "notify", "admin")
    agency_id = f"e2e-kafka-{time.time_ns() % 10**9}"
    try:
        await operator.call("POST", "/agencies", 201, json={
            "agency_id": agency_id, "name": "市数据局", "delivery": ["kafka"],
        })
    finally:
        await operator.close()
    topic = f"notify.feed.{agency_id}.v1"
    facts = await describe_topic(stack.kafka_bootstrap, topic)
    assert facts.error_code == 0
    assert facts.partitions == 3 != stack.config.num_partitions  # notify's default
    assert facts.configs["retention.ms"] == str(720 * 3_600_000)


async def test_an_item_marked_sensitive_after_release_is_retracted_by_signed_webhook_and_feed(
    stack: Stack, intake: Api, receiver: Receiver
) -> None:
    operator = await Api.acting_as(stack, "notify", "admin")
    anonymous = Api(url(stack, "notify"))
    editor = await Api.logged_in(url(stack, "intake"), "e2e-county-editor", PASSWORD)
    try:
        agency = await webhook_agency(operator, receiver, "e2e-retract", "市应急管理局")
        agency_id = agency["agency_id"]
        sid = (await adopted_item(intake, editor))["submission_id"]

        def bodies(kind: str) -> list[tuple[dict[str, str], bytes]]:
            return [(h, b) for h, b in receiver.received if sid.encode() in b and kind.encode() in b]

        async def published() -> list[tuple[dict[str, str], bytes]] | None:
            return bodies("FeedItemPublished") or None

        await eventually(published, timeout=60, what="the item's webhook")
        await editor.call("PUT", f"/submissions/{sid}/sensitivity",
                          json={"sensitive": True, "reason": "涉及尚未公开的处置细节。"})

        async def retracted() -> list[tuple[dict[str, str], bytes]] | None:
            return bodies("FeedItemRetracted") or None

        [(headers, body)] = await eventually(retracted, timeout=60, what="the signed retraction")
        assert verify(agency["webhook_secret"], headers[TIMESTAMP_HEADER], body,
                      headers[SIGNATURE_HEADER], now=time.time())
        feed = await anonymous.call("GET", f"/feeds/{agency_id}.json",
                                    headers={"X-API-Key": agency["api_key"]})
        assert [(i["id"], i["_xinbao"].get("retracted", False)) for i in feed["items"]] == [(sid, True)]
        assert len(bodies("FeedItemPublished")) == 1
    finally:
        for api in (operator, anonymous, editor):
            await api.close()

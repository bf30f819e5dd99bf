"""Test support for notify: a real SMTP server, a real HTTP receiver, a settable clock, and
the app on the in-memory store driven through TestKafkaBroker and HTTP."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message as EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from shared.contracts import (
    Event,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    topic_for,
)
from shared.persistence import MemoryDatabase


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Clock:
    """A clock tests set and advance; the app reads it through ``create_app(clock=…)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def local(text: str) -> datetime:
    """A UTC instant from Beijing wall-clock time 'YYYY-MM-DD HH:MM'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC) - timedelta(hours=8)


# SMTP ----------------------------------------------------------------------------------
class MailSink:
    """aiosmtpd handler: keeps every accepted message; answers the queued codes first."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Any] = []
        self.answers: list[str] = []
        self.logins: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.answers:
            return self.answers.pop(0)
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login == b"xinbao" and data.password == b"s3cret"
        if ok:
            self.logins.append(data.login)
        return AuthResult(success=ok, handled=False)


@dataclass
class SmtpServer:
    sink: MailSink
    port: int
    controller: Controller

    def bodies(self) -> list[str]:
        return [str(m.get_content()) for m in self.sink.messages]  # type: ignore[attr-defined]


def start_smtp() -> SmtpServer:
    sink = MailSink()
    port = free_port()
    controller = Controller(
        sink, hostname="127.0.0.1", port=port, auth_require_tls=False, authenticator=sink.authenticate
    )
    controller.start()
    return SmtpServer(sink, port, controller)


# HTTP receiver -------------------------------------------------------------------------
@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HttpReceiver:
    """A real HTTP server in a thread: records requests, answers queued status codes (then
    200), and may check each request first (``check`` returns a status code or None)."""

    server: ThreadingHTTPServer
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    check: Callable[[Received], int | None] | None = None
    statuses: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_receiver() -> HttpReceiver:
    receiver: HttpReceiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = Received(self.path, dict(self.headers.items()), body)
            receiver.requests.append(request)
            status = receiver.check(request) if receiver.check else None
            if status is None:
                status = receiver.answers.pop(0) if receiver.answers else 200
            receiver.statuses.append(status)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": %s}' % (b"true" if status < 300 else b"false"))

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver = HttpReceiver(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver


# the app -------------------------------------------------------------------------------
@dataclass
class Notify:
    app: Any
    memory: MemoryDatabase
    client: httpx.AsyncClient
    clock: Clock

    async def send(self, event: Event) -> None:
        await self.app.state.runtime.broker.publish(event.model_dump(mode="json"), topic=topic_for(event))

    async def dispatch(self) -> int:
        return int(await self.app.state.workers.dispatch_once())

    async def tick(self) -> dict[str, int]:
        return dict(await self.app.state.workers.tick_once())

    async def ok(self, method: str, url: str, **kwargs: Any) -> Any:
        response = await self.client.request(method, url, **kwargs)
        assert response.status_code < 300, response.text
        return response.json()

    async def inbox(self, person: str, **params: Any) -> list[dict[str, Any]]:
        return list(
            (await self.ok("GET", "/notifications", params={"recipient_id": person, **params}))["items"]
        )

    async def deliveries(self, **params: Any) -> list[dict[str, Any]]:
        return list((await self.ok("GET", "/deliveries", params=params))["items"])

    def events(self, event_type: str) -> list[dict[str, Any]]:
        return [r.payload for r in self.memory.outbox if r.event_type == event_type]


def received(sid: str = "s1", *, unit: str = "hs", language: str = "zh", **extra: Any) -> SubmissionReceived:
    fields: dict[str, Any] = {
        "producer": "intake",
        "submission_id": sid,
        "unit_id": unit,
        "unit_name": "河山镇",
        "unit_level": "township",
        "office_id": "dx",
        "author_id": "officer",
        "author_name": "李明",
        "title": f"秋粮收购 {sid}" if language == "zh" else f"Harvest purchase {sid}",
        "body": "截至11月20日，已收购秋粮1.2万吨。\n\n一是设立收购点8个。",
        "language": language,
        "category": "动态",
        "period": "2026-11",
        "submitted_at": datetime(2026, 11, 20, tzinfo=UTC),
    }
    return SubmissionReceived.originated(**{**fields, **extra})


def scored(sid: str = "s1", overall: float = 71.4, language: str = "zh") -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring",
        submission_id=sid,
        unit_id="hs",
        author_id="officer",
        title=f"秋粮收购 {sid}",
        period="2026-11",
        revision=0,
        overall=overall,
        band="good",
        language=language,
        rubric_version="v1",
        criteria=[],
    )


def adopted(sid: str = "s1", level: str = "city", **extra: Any) -> SubmissionAdopted:
    fields: dict[str, Any] = {
        "producer": "intake",
        "submission_id": sid,
        "unit_id": "hs",
        "adoption_id": f"{sid}-{level}",
        "office_id": f"office-{level}",
        "office_level": level,
        "publication": "yaoqing",
        "form": "full_text",
    }
    return SubmissionAdopted.originated(**{**fields, **extra})

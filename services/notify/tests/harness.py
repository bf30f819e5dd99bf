"""Test support for notify: a real SMTP server, a real HTTP receiver, a settable clock, and
the app on the in-memory store driven through TestKafkaBroker and HTTP."""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import socket
import threading
from collections.abc import AsyncIterator, Callable, Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message as EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from faststream.kafka import TestKafkaBroker

from services.notify.adapters.targets import Resolve
from services.notify.app import create_app
from shared.auth.testing import TestTokens
from shared.contracts import (
    Event,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionSensitivityChanged,
    SubmissionWithdrawn,
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
PUBLIC_HOSTS = {"acme.example": ["93.184.215.14"], "other.example": ["93.184.215.15"]}
"""Host names the tests' resolver knows (no test asks the real DNS)."""


def resolver(names: dict[str, list[str]]) -> Resolve:
    """A DNS that knows ``localhost`` and ``names`` (read at each lookup), nothing else."""

    async def resolve(host: str, port: int) -> list[str]:
        if host == "localhost":
            return ["127.0.0.1", "::1"]
        if host in names:
            return names[host]
        raise OSError(f"{host} is not a name the tests' resolver knows")

    return resolve


fake_resolve = resolver(PUBLIC_HOSTS)


class Acting(httpx.Auth):
    """Sends a fresh access token of one person with every request (tests move the clock
    by hours and days; a token lives 15 minutes), unless the request carries its own."""

    def __init__(
        self, tokens: TestTokens, subject: str, unit: str | None = None, roles: tuple[str, ...] = ()
    ) -> None:
        self.tokens = tokens
        self.subject = subject
        self.unit = unit
        self.roles = roles

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if "authorization" not in request.headers:
            token = self.tokens.token(self.subject, unit=self.unit, roles=self.roles)
            request.headers["Authorization"] = f"Bearer {token}"
        yield request


def build(
    clock: Clock, memory: MemoryDatabase | None = None, resolve: Resolve = fake_resolve, **settings: Any
) -> tuple[Any, TestTokens]:
    """The notify app trusting tokens of its own test key, with the tests' resolver."""
    tokens = TestTokens(clock)
    app = create_app(
        memory=memory, clock=clock, verifier=tokens.verifier("notify"), resolve=resolve, **settings
    )
    return app, tokens


async def shut_down(app: Any) -> None:
    """Run the app's shutdown hooks (its HTTP client for webhooks and SMS)."""
    for hook in app.state.runtime.on_shutdown:
        await hook()


def client_of(app: Any, auth: httpx.Auth | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify", auth=auth)


@contextlib.asynccontextmanager
async def running(
    clock: Clock, memory: MemoryDatabase, resolve: Resolve = fake_resolve, **settings: Any
) -> AsyncIterator[Notify]:
    """The app on ``memory`` behind TestKafkaBroker, its client acting as the operator."""
    app, tokens = build(clock, memory, resolve, **settings)
    operator = Acting(tokens, "admin", roles=("admin",))
    async with TestKafkaBroker(app.state.runtime.broker), client_of(app, operator) as client:
        yield Notify(app, memory, client, clock, tokens)
    await shut_down(app)


@dataclass
class Notify:
    """The app and a client that acts as the operator (the bootstrap admin) unless a call
    says who it is (``auth=notify.as_("officer")``)."""

    app: Any
    memory: MemoryDatabase
    client: httpx.AsyncClient
    clock: Clock
    tokens: TestTokens

    def as_(self, subject: str, unit: str | None = None, roles: tuple[str, ...] = ()) -> Acting:
        return Acting(self.tokens, subject, unit, roles)

    def operator(self) -> Acting:
        return self.as_("admin", roles=("admin",))

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
        """``person``'s inbox, read by that person."""
        found = await self.ok(
            "GET", "/notifications", params={"recipient_id": person, **params}, auth=self.as_(person)
        )
        return list(found["items"])

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


def sensitivity(sid: str = "s1", sensitive: bool = True) -> SubmissionSensitivityChanged:
    """Intake's decision that the item is sensitive (or no longer)."""
    return SubmissionSensitivityChanged.originated(
        producer="intake", submission_id=sid, unit_id="hs", office_id="dx", sensitive=sensitive,
        reason="涉及未公开信息。", decided_by="county-editor",
    )


def withdrawn(sid: str = "s1") -> SubmissionWithdrawn:
    return SubmissionWithdrawn.originated(producer="intake", submission_id=sid, unit_id="hs", reason="撤回")

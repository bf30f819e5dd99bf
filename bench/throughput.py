"""Throughput of the whole system, driven the way users drive it (issue 11).

    .venv/bin/python bench/throughput.py [-n 5000] [--concurrency 32]
    .venv/bin/python bench/throughput.py --url http://127.0.0.1:8001 --kafka 127.0.0.1:9092 \\
        --mongo 'mongodb://127.0.0.1:27017/?directConnection=true'      # a running stack

Without --url/--kafka/--mongo it starts a private stack like the e2e tests do (genuine Kafka,
SecantusDB and the four services as processes, in a temporary folder on free ports: it never
meets `./xinbao up` or an e2e session) and stops it at the end.

Set-up: the bootstrap admin creates a city, a county office and --units townships, each with an
information officer and a unit head (intake's API: POST /units, POST /people); every one of
them logs in once (POST /auth/login). Items are ~1,000-character Chinese information items built
from the repository's own texts (the scoring corpus and the demo items, padded as
bench/scoring_speed.py pads them, figures varied per item so that no two are the same).
Each item is written by an officer as a draft (POST /submissions) and signed off by the unit
head (POST /submissions/{id}/sign-off), which submits it (--direct: the unit head submits at once).

An item is fully processed when scoring has its score, incentives has its ledger entries (the
one for its receipt and the one for its quality band) and notify has put the author's messages
in the inbox (the score message, and a points message for every entry with non-zero points).
Each of those is committed together with an outbox row that the service then publishes, so the
benchmark watches the published events on scoring.score.v1, incentives.ledger.v1 and
notify.notification.v1 (a group-less consumer; it adds no load to the services or the
database) and dates each step with the record's Kafka timestamp. After the run the same facts
are checked through the services' read APIs: scoring GET /scores/{id}, incentives GET
/units/{id}/entries, notify GET /notifications?recipient_id=, and intake GET /submissions/{id}
for a sample.

Phase 1 submits -n items with --concurrency requests in flight; it prints items/s accepted at
the HTTP edge and items/s fully processed, consumer lag per consumer group (sampled), CPU seconds
per item and peak RSS per process. Phase 2 submits --latency-items at a steady pace of
--latency-fraction (50 %) of phase 1's end-to-end rate and prints the latency from submission to
the author's notification. Last, ../shared/bench/raw_pipeline.py runs against the same Kafka and
SecantusDB, and the last line is Xinbao's end-to-end rate divided by that raw limit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from aiokafka import AIOKafkaConsumer, TopicPartition  # noqa: E402
from aiokafka.admin import AIOKafkaAdminClient  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from bench._stack import (  # noqa: E402
    PrivateStack,
    StackEndpoints,
    children_by_parent,
    cpu_seconds,
    memory_kib,
    pid_listening_on,
)
from deploy.demo.dataset import read_demo_data  # noqa: E402
from services.scoring.corpus import load_corpus  # noqa: E402
from shared.contracts import topics  # noqa: E402

T = TypeVar("T")
R = TypeVar("R")
RAW_SCRIPT = REPO.parent / "shared" / "bench" / "raw_pipeline.py"
SERVICES = ("intake", "scoring", "incentives", "notify")
GROUP_TOPICS = {  # what each service's consumer group reads (services/*/handlers.py)
    "intake": (topics.SCORES, topics.LEDGER, topics.NOTIFICATIONS),
    "scoring": (topics.SUBMISSIONS,),
    "incentives": (topics.SUBMISSIONS, topics.UNITS, topics.SCORES),
    "notify": (topics.SUBMISSIONS, topics.UNITS, topics.SCORES, topics.LEDGER),
}
PRIVATE_STACK_ENV = {"INTAKE_LOGIN_ATTEMPTS_PER_MINUTE": "100000"}
"""Every person logs in from this one address: intake's per-address limit (30 a minute) is
meant for password guessing, not for a benchmark's set-up. On a running stack it holds, and
the set-up waits out its 429 answers."""
FACTS = ("SubmissionReceived", "SubmissionScored", "PointsAwarded", "PointsReversed")
"""The events of the watched topics that say how far an item got (besides the deliveries)."""
WATCHED = (topics.SUBMISSIONS, topics.SCORES, topics.LEDGER, topics.NOTIFICATIONS)


def log(message: str) -> None:
    """Progress and housekeeping go to stderr; the figures go to stdout."""
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------- the items

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATE_UNITS = "年月日时点号届期"  # 11月20日, 2026年: dates stay as they are


def _base_items() -> list[tuple[str, str, str]]:
    """(title, body, category) of every original Chinese item of the repository: the scoring
    corpus (services/scoring/corpus/items_zh.yaml) and the demo items (deploy/demo/data)."""
    found = [(i.title, i.body, i.category) for i in load_corpus() if i.language == "zh"]
    found += [
        (i.title, i.body, i.category)
        for i in read_demo_data().items
        if i.language == "zh" and i.duplicate_of is None
    ]
    return found


def _vary_numbers(text: str, rng: random.Random, mapping: dict[str, str]) -> str:
    """Every figure scaled by 0.8-1.25 (the same figure the same way in title and body); dates,
    small numbers and the form of a figure (decimals, thousands separators) kept; shares stay
    below 100 %."""

    def vary(match: re.Match[str]) -> str:
        figure, after = match.group(0), text[match.end() : match.end() + 1]
        if after and after in _DATE_UNITS:
            return figure
        if figure not in mapping:
            plain = figure.replace(",", "")
            try:
                value = float(plain)
            except ValueError:  # 1.2.3
                value = 0.0
            if value < 3:
                mapping[figure] = figure
            else:
                new = value * rng.uniform(0.8, 1.25)
                if after in ("%", "％") and value <= 100:
                    new = min(new, 99.0)
                decimals = len(plain.split(".")[1]) if "." in plain else 0
                out = f"{new:,.{decimals}f}" if "," in figure else f"{new:.{decimals}f}"
                mapping[figure] = out
        return mapping[figure]

    return _NUMBER.sub(vary, text)


def make_items(count: int, seed: int) -> list[dict[str, str]]:
    """``count`` distinct ~1,000-character Chinese items: an original item of the repository
    (title, lead, its paragraphs, its closing paragraph) padded to 950-1,100 characters with
    middle paragraphs of the other originals, as bench/scoring_speed.py pads them, and every
    figure varied per item."""
    bases = _base_items()
    middles = [(b, p) for b, (_, body, _) in enumerate(bases) for p in body.split("\n\n")[1:-1]]
    by_category = {p: bases[b][2] for b, p in middles}
    items = []
    for index in range(count):
        rng = random.Random(seed * 1_000_003 + index)
        base = index % len(bases)
        title, body, category = bases[base]
        paragraphs = body.split("\n\n")
        donors = [p for b, p in middles if b != base]
        rng.shuffle(donors)  # padding of the same category first (popped from the end)
        donors.sort(key=lambda p, c=category: by_category.get(p) == c)  # type: ignore[misc]
        target, padding = rng.randint(950, 1100), list[str]()
        while donors and sum(map(len, paragraphs)) + sum(map(len, padding)) < target:
            padding.append(donors.pop())
        paragraphs = [*paragraphs[:-1], *padding, paragraphs[-1]]
        mapping: dict[str, str] = {}
        items.append(
            {
                "title": _vary_numbers(title, rng, mapping)[:120],
                "body": _vary_numbers("\n\n".join(paragraphs), rng, mapping),
                "category": category,
                "language": "zh",
            }
        )
    return items


# ------------------------------------------------------------------------ people and org

TOWNS = [a + b for a in "青柳石河松竹梅桃杏李云岚清溪泉" for b in "山湾坪岭塘桥口渡"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
]


@dataclass
class Person:
    """Someone who logged in once: intake's session token and, where intake issues one, the
    access token (a JWT) that every service accepts (issue 10)."""

    person_id: str
    unit_id: str
    session_token: str = ""
    access_token: str | None = None
    refreshing: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @property
    def bearer(self) -> str:
        """What every call sends: the access token if intake gave one, else the session token."""
        return self.access_token or self.session_token

    def take(self, answer: dict[str, Any]) -> None:
        """The tokens of a log-in (or token refresh) answer."""
        self.session_token = str(answer.get("token") or self.session_token)
        self.access_token = answer.get("access_token") or self.access_token


@dataclass
class Unit:
    unit_id: str
    officer: Person
    head: Person


def without_cookies() -> CookieJar:
    """A jar that keeps nothing: one client serves many people, who must not share a cookie."""
    return CookieJar(DefaultCookiePolicy(allowed_domains=[]))


def client_for(base: str, **kwargs: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(120.0), cookies=without_cookies(), **kwargs)


async def gather_limited(limit: int, call: Callable[[T], Awaitable[R]], args: Iterable[T]) -> list[R]:
    """``call`` on every one of ``args``, at most ``limit`` at a time; the results in order."""
    gate = asyncio.Semaphore(limit)

    async def one(arg: T) -> R:
        async with gate:
            return await call(arg)

    return await asyncio.gather(*(one(arg) for arg in args))


RETRIES = 3
THROTTLE_WAITS = 20
server_errors: dict[str, list[str]] = defaultdict(list)
"""5xx answers by request kind: each was retried at once, as a person would click again."""
throttled: dict[str, float] = defaultdict(float)
"""Seconds waited on 429 answers (Retry-After), by request kind."""


class Http:
    """Every call of the benchmark to any service, as a person: ``Authorization: Bearer`` with
    the person's access token (or session token); a 5xx answer is noted in ``server_errors``
    and sent again (up to ``RETRIES`` times); a 429 is waited out (its Retry-After); a 401 on
    an access token, expired after 15 minutes, is answered by one POST /auth/token at intake
    for a fresh one."""

    def __init__(self, intake_url: str) -> None:
        self.intake_url = intake_url

    async def call(
        self,
        client: httpx.AsyncClient,
        what: str,
        method: str,
        path: str,
        person: Person | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """The answer; a 409 after a retried 5xx means the first attempt did commit (200)."""
        refreshed, retries, waits = False, 0, 0
        while True:
            sent = person.bearer if person else None
            headers = {"Authorization": f"Bearer {sent}"} if sent else {}
            try:
                response = await client.request(method, path, headers=headers, **kwargs)
            except httpx.TransportError as error:  # e.g. a keep-alive connection the server closed
                if retries >= RETRIES:
                    raise
                server_errors[what].append(f"{type(error).__name__} {error}"[:120])
                retries += 1
                continue
            status = response.status_code
            if status == 429 and waits < THROTTLE_WAITS:
                waits += 1
                delay = float(response.headers.get("retry-after") or 1)
                throttled[what] += delay
                await asyncio.sleep(delay)
            elif status == 401 and person and person.access_token and not refreshed:
                refreshed = True
                await self.refresh(person, sent or "")
            elif status >= 500 and retries < RETRIES:
                server_errors[what].append(f"{status} {response.text[:120]}")
                retries += 1
            else:
                if status == 409 and retries:
                    response.status_code = 200
                return response

    async def refresh(self, person: Person, rejected: str) -> None:
        """A new access token for ``person`` (once, however many calls were refused at once)."""
        async with person.refreshing:
            if person.access_token != rejected:
                return  # another call refreshed it meanwhile
            async with client_for(self.intake_url) as intake:
                answer = await intake.post(
                    "/auth/token", headers={"Authorization": f"Bearer {person.session_token}"}
                )
            if answer.status_code == 200:
                person.take(answer.json())
            else:
                log(f"token refresh for {person.person_id}: {answer.status_code} {answer.text[:200]}")

    async def log_in(self, person: Person, password: str) -> None:
        """POST /auth/login, once; the person's tokens."""
        async with client_for(self.intake_url) as intake:
            response = await self.call(
                intake,
                "log-in",
                "POST",
                "/auth/login",
                json={"person_id": person.person_id, "password": password},
            )
        if response.status_code != 200:
            raise SystemExit(f"log-in of {person.person_id} refused: {response.status_code} {response.text}")
        person.take(response.json())


async def create_org(
    http: Http, run: str, units: int, admin: Person, admin_password: str
) -> tuple[list[Unit], float]:
    """A city, its county office and ``units`` townships with an officer and a unit head each,
    created by the bootstrap ``admin`` (who logs in first); then everyone logs in once.
    Returns the units and the seconds it took."""
    began = time.monotonic()
    password = f"tp-{secrets.token_hex(8)}"
    await http.log_in(admin, admin_password)
    city, county = f"{run}", f"{run}-qc"
    rows: list[tuple[str, dict[str, Any]]] = [
        ("/units", {"unit_id": city, "name": f"云溪市人民政府办公室（{run}）", "level": "city"}),
        (
            "/units",
            {"unit_id": county, "name": "云溪市青川县人民政府办公室", "level": "county", "parent_id": city},
        ),
    ]
    made: list[Unit] = []
    people: list[dict[str, Any]] = []
    for k in range(units):
        unit_id = f"{run}-t{k:03d}"
        town = TOWNS[k % len(TOWNS)] + ("镇" if k < len(TOWNS) else f"{k // len(TOWNS)}镇")
        rows.append(
            (
                "/units",
                {
                    "unit_id": unit_id,
                    "name": f"青川县{town}人民政府",
                    "level": "township",
                    "parent_id": county,
                    "unit_class": "III",
                },
            )
        )
        officer, head = Person(f"{unit_id}.officer", unit_id), Person(f"{unit_id}.head", unit_id)
        for person, role, n in ((officer, "officer", 2 * k), (head, "unit_head", 2 * k + 1)):
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]
            people.append(
                {
                    "person_id": person.person_id,
                    "name": name,
                    "unit_id": unit_id,
                    "roles": [role],
                    "password": password,
                }
            )
        made.append(Unit(unit_id, officer, head))
    async with client_for(http.intake_url) as client:
        for path, row in rows:  # parents first
            response = await http.call(client, "POST /units", "POST", path, admin, json=row)
            if response.status_code not in (200, 201):
                raise SystemExit(f"POST {path} {row['unit_id']}: {response.status_code} {response.text}")

        async def add(row: dict[str, Any]) -> None:
            response = await http.call(client, "POST /people", "POST", "/people", admin, json=row)
            if response.status_code not in (200, 201):
                raise SystemExit(f"POST /people {row['person_id']}: {response.status_code} {response.text}")

        await gather_limited(4, add, people)  # bcrypt: 2 cores

    everyone = [p for u in made for p in (u.officer, u.head)]
    await gather_limited(4, lambda person: http.log_in(person, password), everyone)
    return made, time.monotonic() - began


# ------------------------------------------------------------- what the services published


@dataclass
class Track:
    """One item: when it was submitted and what the services published about it."""

    sid: str
    author: str | None = None
    unit: str | None = None
    period: str | None = None
    phase: str = ""
    submit_at: float | None = None  # wall clock just before the submitting request
    accepted_at: float | None = None  # wall clock when intake answered it
    received: tuple[str, float] | None = None  # SubmissionReceived (event id, Kafka timestamp)
    score: tuple[str, float] | None = None  # SubmissionScored
    ledger: dict[str, dict[str, Any]] = field(default_factory=dict)  # entry id -> event facts
    notes: list[dict[str, Any]] = field(default_factory=list)  # NotificationDelivered facts
    done_at: float | None = None  # every required fact published (latest Kafka timestamp)
    notified_at: float | None = None  # the author's last required inbox message published
    missing: str = "not submitted"

    def evaluate(self) -> bool:
        """Whether the item is fully processed; sets done_at/notified_at, or what is missing."""
        if self.done_at is not None:
            return True
        if self.submit_at is None or self.author is None:
            return False
        if self.received is None:
            self.missing = "SubmissionReceived"
            return False
        if self.score is None:
            self.missing = "score"
            return False
        causes = {e["cause_event_id"] for e in self.ledger.values()}
        if self.received[0] not in causes or self.score[0] not in causes:
            self.missing = "ledger entries"
            return False
        needed = {self.score[0]} | {
            e["event_id"] for e in self.ledger.values() if e["points"] != 0 and e["person_id"] == self.author
        }
        mine = {n["causation_id"]: n["ts"] for n in self.notes if n["recipient_id"] == self.author}
        if not needed <= set(mine):
            self.missing = "author's notification"
            return False
        self.notified_at = max(mine[c] for c in needed)
        required = [self.received[1], self.score[1], self.notified_at]
        required += [e["ts"] for e in self.ledger.values() if e["cause_event_id"] in causes]
        self.done_at = max(required)
        self.missing = ""
        return True

    def seconds_to(self, step: str) -> float | None:
        """Seconds from the submitting request to ``step``: notified, done, score, received."""
        at = {
            "notified": self.notified_at,
            "done": self.done_at,
            "score": self.score[1] if self.score else None,
            "received": self.received[1] if self.received else None,
        }[step]
        return None if at is None or self.submit_at is None else at - self.submit_at

    def describe(self) -> str:
        """What the services published about the item, for a report of what is missing."""
        entries = [
            f"{e['rule']} {e['points']:+g} to {e['person_id']} (event {e['event_id'][:8]}, cause "
            f"{e['cause_event_id'][:8]})"
            for e in self.ledger.values()
        ]
        notes = [
            f"{n['kind']} to {n['recipient_id']} via {n['channel']} (cause {str(n['causation_id'])[:8]})"
            for n in self.notes
        ]
        return (
            f"{self.sid} by {self.author}: received {self.received and self.received[0][:8]}, "
            f"score {self.score and self.score[0][:8]}; ledger {entries}; notifications {notes}"
        )

    def required_notification_ids(self) -> set[str]:
        needed = {self.score[0]} if self.score else set()
        needed |= {
            e["event_id"] for e in self.ledger.values() if e["points"] != 0 and e["person_id"] == self.author
        }
        return {
            n["notification_id"]
            for n in self.notes
            if n["causation_id"] in needed and n["recipient_id"] == self.author
        }


async def cancelled(task: asyncio.Task[Any] | None) -> None:
    """Cancel a background task and wait until it has stopped."""
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


async def topic_partitions(admin: AIOKafkaAdminClient, names: Iterable[str]) -> list[TopicPartition]:
    """Every partition of the topics ``names`` that exist, from the broker's metadata."""
    described = await admin.describe_topics(sorted(names))
    return [
        TopicPartition(topic["topic"], part["partition"])
        for topic in described
        if topic["error_code"] == 0
        for part in sorted(topic["partitions"], key=lambda part: part["partition"])
    ]


def ledger_facts(event: dict[str, Any], ts: float) -> dict[str, Any]:
    """What the benchmark needs of a PointsAwarded/PointsReversed event."""
    return {
        "event_id": event["event_id"],
        "cause_event_id": event["cause_event_id"],
        "points": float(event["points"]),
        "person_id": event.get("person_id"),
        "unit_id": event["unit_id"],
        "period": event["period"],
        "rule": event["rule"],
        "ts": ts,
    }


class Tap:
    """Reads the services' published events from the end of each topic, without a group."""

    def __init__(self, kafka: str) -> None:
        self.kafka = kafka
        self.tracks: dict[str, Track] = {}
        self.consumer: AIOKafkaConsumer | None = None
        self.task: asyncio.Task[None] | None = None
        self.records = 0
        self.by_cause: dict[str, Track] = {}
        self.orphans: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def track(self, sid: str) -> Track:
        found = self.tracks.get(sid)
        if found is None:
            found = self.tracks[sid] = Track(sid)
        return found

    async def start(self) -> None:
        self.consumer = AIOKafkaConsumer(
            bootstrap_servers=self.kafka,
            enable_auto_commit=False,
            isolation_level="read_committed",
            max_partition_fetch_bytes=4 * 2**20,
        )
        await self.consumer.start()
        admin = AIOKafkaAdminClient(bootstrap_servers=self.kafka)
        await admin.start()
        try:
            parts = await topic_partitions(admin, WATCHED)
        finally:
            await admin.close()
        self.consumer.assign(parts)
        await self.consumer.seek_to_end(*parts)
        for tp in parts:
            await self.consumer.position(tp)  # resolve "end" now, before anything is submitted
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        assert self.consumer is not None
        while True:
            batch = await self.consumer.getmany(timeout_ms=200, max_records=5000)
            for records in batch.values():
                for record in records:
                    self.records += 1
                    with contextlib.suppress(ValueError, TypeError, KeyError):
                        self._take(record.topic, record.timestamp / 1000, json.loads(record.value))

    def _take(self, topic: str, ts: float, event: dict[str, Any]) -> None:
        kind, sid = event.get("type"), event.get("submission_id")
        if topic == topics.NOTIFICATIONS:
            if kind == "NotificationDelivered":
                self._take_note(ts, event)
            return
        if not isinstance(sid, str) or kind not in FACTS:
            return
        track = self.track(sid)
        if kind == "SubmissionReceived":
            track.received = track.received or (event["event_id"], ts)
            track.period = track.period or event.get("period")
        elif kind == "SubmissionScored" and not event.get("rescore"):
            track.score = track.score or (event["event_id"], ts)
            self._caused(event["event_id"], track)
        elif kind in ("PointsAwarded", "PointsReversed"):
            track.ledger.setdefault(event["entry_id"], ledger_facts(event, ts))
            self._caused(event["event_id"], track)
        track.evaluate()

    def _take_note(self, ts: float, event: dict[str, Any]) -> None:
        """A delivery belongs to the item it names, or else to the item of the event that caused
        it (notify names no item in a points message when the ledger event overtook the item's
        SubmissionReceived: such deliveries are counted in ``unnamed``)."""
        note = {
            "notification_id": event["notification_id"],
            "recipient_id": event["recipient_id"],
            "causation_id": event.get("causation_id"),
            "kind": event.get("kind"),
            "channel": event.get("channel"),
            "named": event.get("submission_id") is not None,
            "ts": ts,
        }
        sid = event.get("submission_id")
        track = self.tracks.get(sid) if sid else self.by_cause.get(note["causation_id"] or "")
        if track is None and not sid:
            self.orphans[note["causation_id"] or ""].append(note)
            return
        track = track or self.track(sid or "")
        track.notes.append(note)
        track.evaluate()

    def _caused(self, event_id: str, track: Track) -> None:
        self.by_cause[event_id] = track
        track.notes += self.orphans.pop(event_id, [])

    def unnamed(self, tracks: Iterable[Track]) -> int:
        """Deliveries to the items' authors that named no item (matched by their cause)."""
        return sum(1 for t in tracks for n in t.notes if not n["named"] and n["recipient_id"] == t.author)

    def pending(self, sids: Iterable[str]) -> list[Track]:
        return [t for sid in sids if not (t := self.tracks[sid]).evaluate()]

    async def wait(self, sids: Sequence[str], timeout: float, what: str, lag: LagSampler) -> bool:
        """Until every item of ``sids`` is fully processed; False (and a report) when none more
        has been for ``timeout`` seconds."""
        deadline, shown, fewest = time.monotonic() + timeout, time.monotonic(), len(sids) + 1
        while True:
            left = self.pending(sids)
            if not left:
                return True
            if len(left) < fewest:
                fewest, deadline = len(left), time.monotonic() + timeout
            if self.task is not None and self.task.done():
                self.task.result()  # the tap died: raise its error
            if time.monotonic() > deadline:
                why: dict[str, int] = defaultdict(int)
                for t in left:
                    why[t.missing] += 1
                log(
                    f"{what}: {len(left)} of {len(sids)} items not fully processed, none more in "
                    f"{timeout:.0f} s; "
                    f"missing: {dict(why)}; e.g. {left[0].describe()}"
                )
                return False
            if time.monotonic() - shown > 10:
                shown = time.monotonic()
                log(f"  {what}: {len(sids) - len(left)}/{len(sids)} fully processed; lag {lag.latest_text()}")
            await asyncio.sleep(0.1)

    async def stop(self) -> None:
        await cancelled(self.task)
        if self.consumer is not None:
            await self.consumer.stop()


# --------------------------------------------------------------- lag, CPU and memory


class LagSampler:
    """Every ``interval`` seconds: each consumer group's lag (end offsets minus committed
    offsets over the partitions it reads) and each process's resident memory."""

    def __init__(self, kafka: str, pids: dict[str, int], interval: float) -> None:
        self.kafka, self.pids, self.interval = kafka, pids, interval
        self.samples: list[tuple[float, str, dict[str, int]]] = []  # (time, phase, group -> lag)
        self.max_rss_kib: dict[str, int] = {}
        self.cpu: list[tuple[float, str, dict[str, float]]] = []  # (time, phase, CPU s by process)
        self.phase = "idle"
        self.task: asyncio.Task[None] | None = None
        self.admin: AIOKafkaAdminClient | None = None
        self.consumer: AIOKafkaConsumer | None = None
        self.errors = 0
        self.known_topics: set[str] = set()
        self.parts: list[TopicPartition] = []

    async def start(self) -> None:
        self.admin = AIOKafkaAdminClient(bootstrap_servers=self.kafka)
        self.consumer = AIOKafkaConsumer(bootstrap_servers=self.kafka, enable_auto_commit=False)
        await self.admin.start()
        await self.consumer.start()
        self.task = asyncio.create_task(self._run())

    async def measure(self) -> dict[str, int]:
        assert self.admin is not None and self.consumer is not None
        wanted = {t for group in GROUP_TOPICS.values() for t in group}
        committed = {g: await self.admin.list_consumer_group_offsets(g) for g in GROUP_TOPICS}
        for offsets in committed.values():  # a group may read more than we know of
            wanted |= {tp.topic for tp in offsets if not tp.topic.endswith(".dlq")}
        if wanted != self.known_topics:
            self.parts, self.known_topics = await topic_partitions(self.admin, wanted), wanted
        parts = self.parts
        ends = await self.consumer.end_offsets(parts)
        lag = {}
        for group, offsets in committed.items():
            reads = set(GROUP_TOPICS[group]) | {tp.topic for tp in offsets}
            lag[group] = sum(
                max(0, ends[tp] - (offsets[tp].offset if tp in offsets and offsets[tp].offset >= 0 else 0))
                for tp in parts
                if tp.topic in reads
            )
        return lag

    async def _run(self) -> None:
        while True:
            try:
                lag = await self.measure()
                self.samples.append((time.time(), self.phase, lag))
            except Exception as error:  # a lost sample is reported, not fatal
                self.errors += 1
                if self.errors <= 3:
                    log(f"lag sample failed: {error!r}")
            for name, pid in self.pids.items():
                rss = memory_kib(pid).get("VmRSS")
                if rss is not None:
                    self.max_rss_kib[name] = max(rss, self.max_rss_kib.get(name, 0))
            self.cpu.append((time.time(), self.phase, cpu_snapshot(self.pids)))
            await asyncio.sleep(self.interval)

    def busiest(self, phase: str, window: float) -> dict[str, float]:
        """Each process's highest CPU use (cores) over any ``window`` seconds of ``phase``."""
        rows = [(at, cpu) for at, p, cpu in self.cpu if p == phase]
        peak: dict[str, float] = defaultdict(float)
        start = 0
        for at, cpu in rows:
            while start + 1 < len(rows) and at - rows[start + 1][0] >= window:
                start += 1
            began, before = rows[start]
            if at - began >= window:
                for name, used in cpu.items():
                    peak[name] = max(peak[name], (used - before.get(name, used)) / (at - began))
        return dict(peak)

    def latest_text(self) -> str:
        return " ".join(f"{g}={n}" for g, n in self.samples[-1][2].items()) if self.samples else "?"

    async def wait_drained(self, timeout: float) -> float | None:
        """Until no group lags (measured now, not sampled); the wall time then, or None when the
        total lag has not fallen for ``timeout`` seconds."""
        deadline, least = time.monotonic() + timeout, math.inf
        while time.monotonic() < deadline:
            behind = sum((await self.measure()).values())
            if not behind:
                return time.time()
            if behind < least:
                least, deadline = behind, time.monotonic() + timeout
            await asyncio.sleep(0.2)
        return None

    def summary(self, phase: str) -> dict[str, tuple[int, float, int]]:
        """group -> (max, mean, samples) over the samples of ``phase``."""
        rows = [lag for _, p, lag in self.samples if p == phase]
        return {
            g: (max(r[g] for r in rows), sum(r[g] for r in rows) / len(rows), len(rows))
            for g in GROUP_TOPICS
            if rows
        }

    async def stop(self) -> None:
        await cancelled(self.task)
        if self.consumer is not None:
            await self.consumer.stop()
        if self.admin is not None:
            await self.admin.close()


def cpu_snapshot(pids: dict[str, int]) -> dict[str, float]:
    """CPU seconds used so far by each process (with its children) and by this one."""
    children = children_by_parent()
    taken = {name: cpu_seconds(pid, children) for name, pid in pids.items()}
    own = os.times()
    taken["bench (this process)"] = own.user + own.system
    return {name: value for name, value in taken.items() if value is not None}


# ----------------------------------------------------------------------------- submitting


class Submitter:
    """Creates and submits items through intake's API, as the officers and unit heads."""

    def __init__(
        self, http: Http, client: httpx.AsyncClient, tap: Tap, units: list[Unit], direct: bool
    ) -> None:
        self.http, self.client, self.tap, self.units, self.direct = http, client, tap, units, direct
        self.errors: list[str] = []
        self.http_seconds: dict[str, list[float]] = defaultdict(list)

    async def _post(self, what: str, path: str, person: Person, **kwargs: Any) -> dict[str, Any] | None:
        began = time.perf_counter()
        try:
            response = await self.http.call(self.client, what, "POST", path, person, **kwargs)
        except httpx.HTTPError as error:
            self.errors.append(f"{what}: {error!r}")
            return None
        self.http_seconds[what].append(time.perf_counter() - began)
        if response.status_code not in (200, 201):
            self.errors.append(f"{what}: {response.status_code} {response.text[:300]}")
            return None
        return dict(response.json())

    async def submit(self, index: int, item: dict[str, str], phase: str) -> str | None:
        unit = self.units[index % len(self.units)]
        if self.direct:
            submit_at = time.time()
            made = await self._post(
                "submit (unit head)", "/submissions", unit.head, json={**item, "draft": False}
            )
            if made is None:
                return None
            track = self.tap.track(made["submission_id"])
            author = unit.head.person_id
        else:
            made = await self._post(
                "draft (officer)", "/submissions", unit.officer, json={**item, "draft": True}
            )
            if made is None:
                return None
            track = self.tap.track(made["submission_id"])
            submit_at = time.time()
            signed = await self._post("sign-off (unit head)", f"/submissions/{track.sid}/sign-off", unit.head)
            if signed is None:
                return None
            author = unit.officer.person_id
        track.author, track.unit, track.period, track.phase = author, unit.unit_id, made["period"], phase
        track.submit_at, track.accepted_at = submit_at, time.time()
        track.evaluate()
        return track.sid


async def run_saturated(
    submitter: Submitter, items: list[dict[str, str]], concurrency: int, phase: str
) -> list[str]:
    """Every item as fast as ``concurrency`` requests in flight allow."""
    sids: list[str] = []
    cursor = iter(range(len(items)))

    async def worker() -> None:
        for index in cursor:
            sid = await submitter.submit(index, items[index], phase)
            if sid is not None:
                sids.append(sid)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return sids


async def run_paced(
    submitter: Submitter, items: list[dict[str, str]], rate: float, concurrency: int, phase: str, offset: int
) -> tuple[list[str], int]:
    """Item k starts at k/rate seconds (open loop); returns the ids and how many starts were
    late by more than 100 ms because ``concurrency`` requests were already in flight."""
    gate, sids, late = asyncio.Semaphore(concurrency), [], 0
    began = time.monotonic() + 0.2

    async def one(k: int) -> None:
        nonlocal late
        async with gate:
            if time.monotonic() - (began + k / rate) > 0.1:
                late += 1
            sid = await submitter.submit(offset + k, items[k], phase)
            if sid is not None:
                sids.append(sid)

    tasks = []
    for k in range(len(items)):
        await asyncio.sleep(max(0.0, began + k / rate - time.monotonic()))
        tasks.append(asyncio.create_task(one(k)))
    await asyncio.gather(*tasks)
    return sids, late


# ------------------------------------------------------------------------ the read APIs


async def paged(
    http: Http,
    client: httpx.AsyncClient,
    what: str,
    path: str,
    person: Person,
    params: dict[str, Any],
    size: int,
) -> list[dict[str, Any]]:
    """Every row of a list endpoint that pages with skip/limit (a bare list or ``{"items"}``)."""
    rows: list[dict[str, Any]] = []
    while True:
        response = await http.call(
            client, what, "GET", path, person, params={**params, "skip": len(rows), "limit": size}
        )
        response.raise_for_status()
        body = response.json()
        page = body["items"] if isinstance(body, dict) else body
        rows += page
        if len(page) < size:
            return rows


class Verifier:
    """The facts the events told, read back through the services' read APIs: scoring and
    incentives as the bootstrap admin (who may read every unit), notify's inbox and intake's
    item view as each item's author."""

    def __init__(self, http: Http, urls: dict[str, str], admin: Person, units: list[Unit]) -> None:
        self.http, self.urls, self.admin = http, urls, admin
        self.people = {p.person_id: p for u in units for p in (u.officer, u.head)}

    async def scores(self, tracks: list[Track]) -> list[bool]:
        async with client_for(self.urls["scoring"]) as scoring:

            async def score_of(t: Track) -> bool:
                path = f"/scores/{t.sid}"
                response = await self.http.call(scoring, "GET /scores", "GET", path, self.admin)
                return (
                    response.status_code == 200 and response.json().get("event_id") == (t.score or ("",))[0]
                )

            return await gather_limited(8, score_of, tracks)

    async def ledger(self, tracks: list[Track]) -> list[bool]:
        entries: dict[str, set[str]] = defaultdict(set)
        async with client_for(self.urls["incentives"]) as incentives:
            for unit_id, period in sorted({(t.unit or "", t.period) for t in tracks}):
                path = f"/units/{unit_id}/entries"
                for entry in await paged(
                    self.http, incentives, "GET entries", path, self.admin, {"period": period}, 1000
                ):
                    entries[entry.get("submission_id") or ""].add(entry["entry_id"])
        return [set(t.ledger) <= entries[t.sid] and len(t.ledger) >= 2 for t in tracks]

    async def inbox(self, tracks: list[Track]) -> list[bool]:
        inbox: dict[str, set[str]] = defaultdict(set)
        async with client_for(self.urls["notify"]) as notify:
            for author in sorted({t.author for t in tracks if t.author}):
                params = {"recipient_id": author}
                person = self.people[author]
                for note in await paged(
                    self.http, notify, "GET inbox", "/notifications", person, params, 500
                ):
                    inbox[author].add(note["notification_id"])
        return [
            t.done_at is not None and t.required_notification_ids() <= inbox[t.author or ""] for t in tracks
        ]

    async def intake_view(self, tracks: list[Track]) -> list[bool]:
        async with client_for(self.urls["intake"]) as intake:

            async def seen(t: Track) -> bool:
                path, author = f"/submissions/{t.sid}", self.people[t.author or ""]
                response = await self.http.call(intake, "GET item", "GET", path, author)
                if response.status_code != 200:
                    return False
                down = response.json()["downstream"]
                kinds = {n["kind"] for n in down["notifications"]}
                return bool(down["score"]) and len(down["ledger"]) >= 2 and "score" in kinds

            return await gather_limited(8, seen, tracks)

    async def report(self, tracks: list[Track], sample: int) -> list[str]:
        """Lines to print: how many items each read API confirms."""
        scored, ledgered, noted = (
            await self.scores(tracks),
            await self.ledger(tracks),
            await self.inbox(tracks),
        )
        chosen = random.Random(1).sample(tracks, min(sample, len(tracks)))
        viewed = await self.intake_view(chosen)
        lines = [
            f"  scores        {sum(scored)}/{len(tracks)}  (scoring GET /scores/{{id}}: that score event)",
            f"  ledger        {sum(ledgered)}/{len(tracks)}  (incentives GET /units/{{id}}/entries: "
            "the items' entries, receipt and quality band)",
            f"  notifications {sum(noted)}/{len(tracks)}  (notify GET /notifications?recipient_id=: "
            "the author's score and points messages)",
            f"  intake view   {sum(viewed)}/{len(chosen)} sampled  (GET /submissions/{{id}} as the author: "
            "downstream score, ledger, notifications)",
        ]
        checks = zip(tracks, scored, ledgered, noted, strict=True)
        if bad := [t.sid for t, *confirmed in checks if not all(confirmed)]:
            lines.append(f"  MISMATCH for {len(bad)} items, e.g. {bad[:3]}")
        return lines


# ------------------------------------------------------------------------------ figures


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def delays(tracks: Iterable[Track], step: str) -> list[float]:
    """Each item's seconds from submission to ``step`` (see ``Track.seconds_to``)."""
    return [d for t in tracks if (d := t.seconds_to(step)) is not None]


def latency_line(label: str, values: Sequence[float]) -> str:
    if not values:
        return f"  {label:<36} (none)"
    return (
        f"  {label:<36} p50 {ms(percentile(values, 50)):>9}  p95 {ms(percentile(values, 95)):>9}  "
        f"p99 {ms(percentile(values, 99)):>9}  max {ms(max(values)):>9}"
    )


RAW_RESULT = re.compile(r"raw pipeline: (\d+) submissions end to end in ([\d.]+)s")


async def run_raw(kafka: str, mongo: str, count: int, script: Path) -> tuple[float | None, list[str]]:
    """``raw_pipeline.py`` against the same Kafka and SecantusDB: (submissions/s, its output).
    It runs in a session of its own, so that its worker processes can be stopped with it
    (``raw_pipeline.py`` does not stop them itself when it is interrupted)."""
    argv = [sys.executable, str(script), "--kafka", kafka, "--mongo", mongo, "-n", str(count)]
    child = await asyncio.create_subprocess_exec(
        *argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        output, _ = await asyncio.wait_for(child.communicate(), timeout=1800)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # its workers too, if it did not finish
    text = output.decode(errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    found = RAW_RESULT.search(text)
    if child.returncode != 0 or found is None:
        return None, lines[-15:]
    return int(found.group(1)) / float(found.group(2)), lines


async def cleanup_raw(kafka: str, mongo: str, topics_before: set[str], dbs_before: set[str]) -> None:
    """On somebody else's stack, drop what raw_pipeline.py created (raw<hex>.* / raw<hex>_*)."""
    from pymongo import AsyncMongoClient

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka)
    await admin.start()
    try:
        new = [
            t
            for t in await admin.list_topics()
            if t not in topics_before and re.match(r"raw[0-9a-f]{6}\.", t)
        ]
        if new:
            await admin.delete_topics(new)
    finally:
        await admin.close()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo)
    try:
        for name in await client.list_database_names():
            if name not in dbs_before and re.match(r"raw[0-9a-f]{6}_", name):
                await client.drop_database(name)
    finally:
        await client.close()


async def existing_names(kafka: str, mongo: str) -> tuple[set[str], set[str]]:
    from pymongo import AsyncMongoClient

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka)
    await admin.start()
    try:
        topic_names = set(await admin.list_topics())
    finally:
        await admin.close()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo)
    try:
        db_names = set(await client.list_database_names())
    finally:
        await client.close()
    return topic_names, db_names


# --------------------------------------------------------------------------------- main


@dataclass
class Rig:
    """What the phases share: the options, the stack, the HTTP side and the observers."""

    args: argparse.Namespace
    where: StackEndpoints
    http: Http
    tap: Tap
    lag: LagSampler
    submitter: Submitter


@dataclass
class Saturation:
    """What phase 1 measured."""

    tracks: list[Track]
    began: float
    accepted_at: float
    complete: bool
    drained_at: float | None
    cpu_used: dict[str, float]
    cpu_wall: float
    http_seconds: dict[str, list[float]]
    rss_before: dict[str, int]
    mongo_commands: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)

    @property
    def done(self) -> list[Track]:
        return [t for t in self.tracks if t.done_at is not None]

    @property
    def accept_rate(self) -> float:
        return len(self.tracks) / max(1e-9, self.accepted_at - self.began)

    @property
    def done_at(self) -> float:
        return max((t.done_at or 0.0 for t in self.done), default=self.began)

    @property
    def e2e_rate(self) -> float:
        return len(self.done) / max(1e-9, self.done_at - self.began)


async def saturate(rig: Rig, items: list[dict[str, str]]) -> Saturation:
    """Phase 1: every item with --concurrency requests in flight; then until every item is
    fully processed and every consumer group has caught up (the CPU window ends there)."""
    rig.lag.phase = "phase 1"
    rss_before = {n: kib for n, pid in rig.where.pids.items() if (kib := memory_kib(pid).get("VmRSS"))}
    commands_before = await mongo_commands(rig.where.urls)
    cpu_before = cpu_snapshot(rig.where.pids)
    began = time.time()
    rig.submitter.http_seconds.clear()
    log(f"phase 1: {len(items)} items, concurrency {rig.args.concurrency} ...")
    sids = await run_saturated(rig.submitter, items, rig.args.concurrency, "phase 1")
    tracks = [rig.tap.tracks[s] for s in sids]
    accepted_at = max((t.accepted_at or began for t in tracks), default=began)
    complete, drained_at = await asyncio.gather(
        rig.tap.wait(sids, rig.args.timeout, "phase 1", rig.lag), rig.lag.wait_drained(rig.args.timeout)
    )
    cpu_after, cpu_at = cpu_snapshot(rig.where.pids), time.time()
    commands = command_deltas(commands_before, await mongo_commands(rig.where.urls))
    rig.lag.phase = "between"
    used = {name: cpu_after.get(name, before) - before for name, before in cpu_before.items()}
    http_seconds = {k: list(v) for k, v in rig.submitter.http_seconds.items()}
    return Saturation(
        tracks, began, accepted_at, complete, drained_at, used, cpu_at - began, http_seconds, rss_before,
        commands,
    )


def saturation_lines(run: Saturation, rig: Rig) -> list[str]:
    done, began = run.done, run.began
    lines = [
        "",
        f"Phase 1 — saturation: {len(run.tracks)} items, {rig.args.concurrency} requests in flight",
        f"  accepted at the HTTP edge       {run.accept_rate:8.1f} items/s   "
        f"(last submission accepted {run.accepted_at - began:.2f} s after the first request)",
        f"  fully processed end to end      {run.e2e_rate:8.1f} items/s   "
        f"({len(done)} items; the last one complete {run.done_at - began:.2f} s after the first request)",
    ]
    if not run.complete:
        lines.append(incomplete_line(len(run.tracks) - len(done), rig.args.timeout))
    if run.drained_at is not None:
        lines.append(
            f"  every consumer group caught up  {run.drained_at - began:8.2f} s   "
            "(incl. intake's group, which takes scores, ledger and notices into its item view)"
        )
    lines += [latency_line(f"HTTP {what}", seconds) for what, seconds in run.http_seconds.items()]
    lines.append(latency_line("submit → author's notification", delays(done, "notified")))
    if unnamed := rig.tap.unnamed(run.tracks):
        lines.append(
            f"  NOTE {unnamed} of the authors' notifications named no item (notify took a PointsAwarded "
            "before that item's SubmissionReceived); matched to their items by causation_id"
        )
    return lines + problem_lines(rig.submitter, "in warm-up and phase 1")


def problem_lines(submitter: Submitter, when: str) -> list[str]:
    """Failed submissions, and the 5xx and 429 answers since the last call (then forgotten)."""
    lines = []
    if submitter.errors:
        lines.append(f"  HTTP ERRORS {len(submitter.errors)} {when}, e.g. {submitter.errors[:3]}")
        submitter.errors.clear()
    if server_errors:
        counts = ", ".join(f"{what} {len(seen)}×" for what, seen in server_errors.items())
        example = next(iter(server_errors.values()))[0]
        lines.append(f"  SERVER ERRORS {when} (each retried): {counts}; e.g. {example}")
        server_errors.clear()
    if throttled:
        waits = ", ".join(f"{what} {seconds:.0f} s" for what, seconds in throttled.items())
        lines.append(f"  THROTTLED {when} (429, waited as told by Retry-After): {waits}")
        throttled.clear()
    return lines


def incomplete_line(missing: int, timeout: float) -> str:
    return f"  INCOMPLETE: {missing} items not fully processed, none more in {timeout:.0f} s (stderr: why)"


def mib(kib: int | None) -> str:
    return f"{kib / 1024:.0f} MiB" if kib else "-"


def lag_lines(lag: LagSampler, interval: float) -> list[str]:
    lines = [
        "",
        "Consumer lag in phase 1, messages behind per consumer group (end offset − committed), "
        f"sampled every {interval:g} s",
        f"  {'group':<11}{'reads':<82}{'max':>7}{'mean':>8}",
    ]
    for group, (peak, mean, _) in lag.summary("phase 1").items():
        lines.append(f"  {group:<11}{', '.join(GROUP_TOPICS[group]):<82}{peak:>7}{mean:>8.0f}")
    return lines


Commands = dict[tuple[str, str], float]


async def mongo_commands(urls: dict[str, str]) -> dict[str, Commands]:
    """``xinbao_mongo_commands_total`` of each service (its /metrics, public) by (command,
    collection); a service that does not answer is left out."""
    counts: dict[str, Commands] = {}
    for name, url in urls.items():
        try:
            async with client_for(url) as service:
                text = (await service.get("/metrics")).text
        except httpx.HTTPError:
            continue
        counts[name] = {
            (sample.labels["command"], sample.labels["collection"]): sample.value
            for family in text_string_to_metric_families(text)
            if family.name == "xinbao_mongo_commands"
            for sample in family.samples
            if sample.name == "xinbao_mongo_commands_total"
        }
    return counts


def command_deltas(before: dict[str, Commands], after: dict[str, Commands]) -> dict[str, Commands]:
    return {
        name: {key: value - before.get(name, {}).get(key, 0.0) for key, value in seen.items()}
        for name, seen in after.items()
    }


TOP_COMMANDS = 6


def command_lines(run: Saturation) -> list[str]:
    """MongoDB round trips per item per service in phase 1, and where they go."""
    count = max(1, len(run.tracks))
    totals = {name: sum(seen.values()) for name, seen in run.mongo_commands.items()}
    if not any(totals.values()):
        return []
    lines = [
        "",
        f"MongoDB commands per item in phase 1 (each service's xinbao_mongo_commands_total; "
        f"{sum(totals.values()) / count:.1f} per item in all)",
    ]
    for name, seen in run.mongo_commands.items():
        top = sorted(((v, k) for k, v in seen.items() if v > 0), reverse=True)[:TOP_COMMANDS]
        where = ", ".join(f"{cmd} {coll or '-'} {v / count:.1f}" for v, (cmd, coll) in top)
        lines.append(f"  {name:<11}{totals[name] / count:>6.1f}   {where}")
    return lines


BUSIEST_WINDOW = 5.0


def resource_lines(run: Saturation, rig: Rig) -> list[str]:
    count, wall = max(1, len(run.tracks)), max(1e-9, run.cpu_wall)
    busiest = rig.lag.busiest("phase 1", BUSIEST_WINDOW)
    lines = [
        "",
        f"CPU and memory per process over phase 1 ({len(run.tracks)} items, {run.cpu_wall:.1f} s wall "
        "from the first request until every group caught up)",
        f"  {'process':<22}{'pid':>8}{'CPU s':>9}{'CPU ms/item':>13}{'cores':>7}"
        f"{f'busiest {BUSIEST_WINDOW:g} s':>15}{'RSS before':>12}{'peak RSS':>10}",
    ]
    for name, used in run.cpu_used.items():
        pid = rig.where.pids.get(name)
        hwm = memory_kib(pid).get("VmHWM") if pid else None
        peak = f"{busiest[name]:.2f}" if name in busiest else "-"
        lines.append(
            f"  {name:<22}{pid or os.getpid():>8}{used:>9.2f}{used / count * 1000:>13.1f}{used / wall:>7.2f}"
            f"{peak:>15}{mib(run.rss_before.get(name)):>12}{mib(hwm):>10}"
        )
    lines.append(
        "  (cores = CPU s ÷ wall, 1.00 = one core busy all along; busiest = the most over any "
        f"{BUSIEST_WINDOW:g} s of phase 1; CPU = utime+stime of the process and its children from /proc; "
        "RSS before = after the warm-up, idle; peak RSS = VmHWM, the peak since the process started)"
    )
    return lines


async def paced(rig: Rig, items: list[dict[str, str]], rate: float, offset: int) -> list[str]:
    """Phase 2: ``items`` at ``rate`` items/s (open loop); the latency lines."""
    args, tap = rig.args, rig.tap
    rig.lag.phase = "phase 2"
    rig.submitter.http_seconds.clear()
    log(f"phase 2: {len(items)} items at {rate:.1f} items/s ...")
    sids, late = await run_paced(rig.submitter, items, rate, args.concurrency, "phase 2", offset)
    complete = await tap.wait(sids, args.timeout, "phase 2", rig.lag)
    rig.lag.phase = "after"
    tracks = [tap.tracks[s] for s in sids]
    done = [t for t in tracks if t.done_at is not None]
    submits = sorted(t.submit_at for t in tracks if t.submit_at)
    achieved = (len(submits) - 1) / (submits[-1] - submits[0]) if len(submits) > 1 else 0.0
    lines = [
        "",
        f"Phase 2 — paced at {args.latency_fraction:.0%} of phase 1's end-to-end rate: {rate:.1f} items/s, "
        f"{len(sids)} items (submitted at {achieved:.1f} items/s; {late} starts late by >100 ms)",
        latency_line("submit → author's notification", delays(done, "notified")),
        latency_line("submit → fully processed", delays(done, "done")),
        latency_line("submit → score published", delays(done, "score")),
        latency_line("submit → SubmissionReceived published", delays(done, "received")),
    ]
    if not complete:
        lines.append(incomplete_line(len(sids) - len(done), args.timeout))
    if summary := rig.lag.summary("phase 2"):
        lines.append("  consumer lag max: " + ", ".join(f"{g} {v[0]}" for g, v in summary.items()))
    lines.append(
        "  (submit = just before the submitting request; each step = the Kafka timestamp of the "
        "event the service published after committing it)"
    )
    return lines + problem_lines(rig.submitter, "in phase 2")


async def raw_limit(rig: Rig, e2e_rate: float) -> list[str]:
    """``raw_pipeline.py`` on the same Kafka and SecantusDB; the lines, the ratio last."""
    args, where = rig.args, rig.where
    raw_n = args.raw_n or max(args.n, 5000)
    lines = [
        "",
        f"Raw pipeline ({Path(args.raw_script).name} -n {raw_n}, the same Kafka and SecantusDB; "
        "the services stay up, idle):",
    ]
    before = await existing_names(where.kafka, where.mongo) if args.url else None
    log(f"raw pipeline: {raw_n} submissions ...")
    raw_rate, raw_out = await run_raw(where.kafka, where.mongo, raw_n, Path(args.raw_script))
    if before is not None:
        await cleanup_raw(where.kafka, where.mongo, *before)
    lines += [f"  | {line}" for line in raw_out]
    if raw_rate is None:
        return [*lines, "  the raw pipeline failed", "Xinbao end to end ÷ raw limit: n/a"]
    return [
        *lines,
        f"  raw limit {raw_rate:,.0f} submissions/s; Xinbao end to end {e2e_rate:,.1f} items/s",
        f"Xinbao end to end ÷ raw limit: {e2e_rate / raw_rate:.3f}",
    ]


async def set_up(
    args: argparse.Namespace, where: StackEndpoints, stack_note: str
) -> tuple[Http, Person, list[Unit]]:
    """The heading, the org and its people (logged in once each)."""
    mode = "unit head submits directly" if args.direct else "officer's draft, signed off by the unit head"
    print(
        f"Xinbao throughput — {args.n} items (~1,000-character Chinese), concurrency {args.concurrency}, "
        f"{args.units} townships × (officer + unit head), {mode}"
    )
    print(f"stack: {stack_note}")
    print(f"  intake {where.urls['intake']}  Kafka {where.kafka}  SecantusDB {where.mongo}")
    http, admin, run = Http(where.urls["intake"]), Person(args.admin, ""), f"tp{secrets.token_hex(3)}"
    units, seconds = await create_org(http, run, args.units, admin, args.admin_password)
    tokens = "access token (JWT)" if admin.access_token else "session token (no access_token in the answer)"
    print(
        f"set-up: {2 + len(units)} units and {2 * len(units)} people created by the admin, each person "
        f"logged in once ({seconds:.1f} s, bcrypt); org prefix {run}; every call sends the {tokens}"
    )
    return http, admin, units


async def bench(args: argparse.Namespace, where: StackEndpoints, stack_note: str) -> int:
    """Set-up, warm-up, phase 1, phase 2, the read-API check, the raw pipeline; 0 if complete."""
    http, admin, units = await set_up(args, where, stack_note)
    phase1_items = make_items(args.n, seed=args.seed)
    mean_chars = sum(len(i["body"]) for i in phase1_items) / max(1, len(phase1_items))
    print(
        f"items: {mean_chars:,.0f} characters on average, from {len(_base_items())} originals "
        "(scoring corpus + demo items), figures varied per item"
    )
    tap, lag = Tap(where.kafka), LagSampler(where.kafka, where.pids, args.lag_interval)
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with client_for(where.urls["intake"], limits=limits) as client:
        rig = Rig(args, where, http, tap, lag, Submitter(http, client, tap, units, args.direct))
        try:
            await tap.start()
            await lag.start()
            await warm_up(rig)
            phase1 = await saturate(rig, phase1_items)
            for line in saturation_lines(phase1, rig) + lag_lines(lag, args.lag_interval):
                print(line)
            for line in resource_lines(phase1, rig) + command_lines(phase1):
                print(line)
            rate = args.latency_fraction * phase1.e2e_rate
            phase2_items = make_items(args.latency_items, seed=args.seed + 2)
            for line in await paced(rig, phase2_items, rate, len(phase1.tracks)):
                print(line)
            tracks = phase1.tracks + [t for t in tap.tracks.values() if t.phase == "phase 2"]
            print("\nChecked through the read APIs after the run (every item of both phases):")
            for line in await Verifier(http, where.urls, admin, units).report(tracks, args.verify_sample):
                print(line)
        finally:
            await lag.stop()
            await tap.stop()
    lines = await raw_limit(rig, phase1.e2e_rate)
    for line in lines:
        print(line)
    complete = all(t.done_at is not None for t in tap.tracks.values() if t.submit_at)
    return 0 if complete and not lines[-1].endswith("n/a") else 1


async def warm_up(rig: Rig) -> None:
    """A few items first (scoring loads its segmenter and rubric), then until no group lags."""
    if rig.args.warmup:
        items = make_items(rig.args.warmup, seed=rig.args.seed + 1)
        sids = await run_saturated(rig.submitter, items, min(4, rig.args.concurrency), "warm-up")
        if not await rig.tap.wait(sids, rig.args.timeout, "warm-up", rig.lag):
            raise SystemExit("warm-up items were not processed: is the stack healthy?")
    if await rig.lag.wait_drained(rig.args.timeout) is None:
        log("warning: consumer groups still lag before phase 1")


def _sibling(url: str, offset: int) -> str:
    parts = urlsplit(url)
    port = (parts.port or 80) + offset
    return urlunsplit((parts.scheme, f"{parts.hostname}:{port}", "", "", ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:6]),
    )
    parser.add_argument("-n", type=int, default=5000, help="items in phase 1 (default %(default)s)")
    parser.add_argument(
        "--concurrency", type=int, default=32, help="requests in flight (default %(default)s)"
    )
    parser.add_argument("--units", type=int, default=40, help="townships, each with an officer and a head")
    parser.add_argument("--latency-items", type=int, help="items in phase 2 (default max(100, n/10))")
    parser.add_argument("--latency-fraction", type=float, default=0.5, help="phase 2 rate ÷ phase 1 rate")
    parser.add_argument("--warmup", type=int, default=8, help="items processed before phase 1")
    parser.add_argument("--direct", action="store_true", help="unit heads submit directly (no drafts)")
    parser.add_argument("--url", help="intake of a running stack (then --kafka and --mongo too)")
    parser.add_argument("--kafka", help="Kafka bootstrap of that stack, e.g. 127.0.0.1:9092")
    parser.add_argument(
        "--mongo", help="its MongoDB URI, e.g. mongodb://127.0.0.1:27017/?directConnection=true"
    )
    for name, offset in (("scoring", 1), ("incentives", 2), ("notify", 3)):
        parser.add_argument(f"--{name}-url", help=f"{name} of that stack (default: intake's port + {offset})")
    parser.add_argument("--admin", default=os.environ.get("INTAKE_BOOTSTRAP_ADMIN_ID", "admin"))
    parser.add_argument(
        "--admin-password", default=os.environ.get("INTAKE_BOOTSTRAP_ADMIN_PASSWORD", "xinbao-admin")
    )
    parser.add_argument("--raw-n", type=int, help="items for raw_pipeline.py (default max(n, 5000))")
    parser.add_argument("--raw-script", default=str(RAW_SCRIPT))
    parser.add_argument("--lag-interval", type=float, default=1.0, help="seconds between lag samples")
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="a phase gives up when no item completes for this many seconds (default %(default)s)",
    )
    parser.add_argument("--verify-sample", type=int, default=50, help="items read back through intake")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the private stack's folder (logs)")
    args = parser.parse_args(argv)
    args.latency_items = args.latency_items or max(100, args.n // 10)
    external = [args.url, args.kafka, args.mongo]
    if any(external) and not all(external):
        parser.error("a running stack needs all of --url, --kafka and --mongo")
    if not Path(args.raw_script).exists():
        parser.error(f"{args.raw_script} does not exist (--raw-script)")

    def on_term(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    private: PrivateStack | None = None
    try:
        if args.url:
            base = args.url.rstrip("/")
            urls = {"intake": base}
            for name, offset in (("scoring", 1), ("incentives", 2), ("notify", 3)):
                urls[name] = (
                    getattr(args, f"{name.replace('-', '_')}_url") or _sibling(base, offset)
                ).rstrip("/")
            pids: dict[str, int] = {}
            ports = {n: urlsplit(u).port for n, u in urls.items()}
            ports["kafka"] = int(args.kafka.rsplit(":", 1)[1])
            ports["mongo"] = urlsplit(args.mongo).port or 27017
            for name, port in ports.items():
                pid = pid_listening_on(port) if port else None
                if pid is not None:
                    pids[name] = pid
            where = StackEndpoints(urls, args.kafka, args.mongo, pids)
            note = "running stack (given); processes found by their listening ports: " + (
                ", ".join(f"{n} {p}" for n, p in pids.items()) or "none"
            )
        else:
            private = PrivateStack(keep=args.keep, service_env=PRIVATE_STACK_ENV)
            log(f"starting a private stack in {private.root} ...")
            where = private.start()
            note = f"private, started in {private.seconds:.1f} s in {private.root} (stopped at the end)"
        return asyncio.run(bench(args, where, note))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if private is not None:
            log("stopping the private stack ...")
            private.stop()
            if args.keep:
                log(f"kept {private.root}")


if __name__ == "__main__":
    sys.exit(main())

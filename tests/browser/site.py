"""The site the browser tests drive: intake (with its pages) and scoring, on loopback.

Both apps run on the in-memory store inside one background event loop, their Kafka brokers
never started (uvicorn's lifespan is off). A pump stands in for Kafka between them: it
hands intake's SubmissionReceived/Revised to scoring's use case and scoring's
SubmissionScored back to intake's, as the real handlers would. Draft previews reach scoring
over HTTP (the pages' fallback transport, set in intake's WebSettings, not in this
process's environment), as the logged-in author: scoring verifies the tokens the pages mint
with intake's keys.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

import uvicorn
from fastapi import FastAPI
from pydantic import TypeAdapter

from services.intake import usecases as intake_usecases
from services.intake import web
from services.intake.app import create_app as create_intake
from services.intake.domain import Draft, Person, Unit, User
from services.intake.usecases import Actor
from services.scoring import usecases as scoring_usecases
from services.scoring.app import create_app as create_scoring
from shared.auth import StaticKeys, TokenVerifier
from shared.contracts import (
    SubmissionEvent,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScored,
    topics,
    utcnow,
)
from shared.contracts.vocabulary import OrgLevel, UnitKind
from shared.persistence import MemoryDatabase

T = TypeVar("T")
PASSWORD = "browser-pass-1"
ADMIN_PASSWORD = "browser-admin-secret"
ORG = [
    ("jn", "江南省人民政府办公厅", OrgLevel.PROVINCE, None),
    ("lj", "临江市人民政府办公室", OrgLevel.CITY, "jn"),
    ("dx", "东溪县人民政府办公室", OrgLevel.COUNTY, "lj"),
    ("hs", "河山镇人民政府", OrgLevel.TOWNSHIP, "dx"),
    ("ls", "柳山镇人民政府", OrgLevel.TOWNSHIP, "dx"),
    ("qs", "青石镇人民政府", OrgLevel.TOWNSHIP, "dx"),  # its own items: tests of issue 18
    ("dx-nyj", "东溪县农业农村局", OrgLevel.COUNTY, "dx"),
]
PEOPLE = [
    ("officer", "李明", "hs", ["officer"]),
    ("head", "张镇长", "hs", ["unit_head"]),
    ("ls-head", "吴镇长", "ls", ["unit_head"]),
    ("qs-officer", "赵敏", "qs", ["officer"]),
    ("qs-head", "钱镇长", "qs", ["unit_head"]),
    ("nyj-head", "孙局长", "dx-nyj", ["unit_head"]),
    ("county-editor", "王芳", "dx", ["editor"]),
    ("county-head", "吴浩", "dx", ["office_head"]),
    ("county-leader", "刘县长", "dx", ["leader"]),
    ("city-leader", "陈市长", "lj", ["leader"]),
]
OTHER_ITEMS = [
    (
        "ls-head",
        "动态",
        "柳山镇召开会议研究部署冬季工作",
        "近日，柳山镇召开会议，认真学习贯彻上级精神，高度重视冬季各项工作，进一步提高认识，"
        "切实加强领导，狠抓落实，确保各项工作取得实效。",
    ),
    (
        "nyj-head",
        "经验",
        "东溪县农业农村局“订单+托管”带动小农户种粮增收",
        "今年以来，东溪县农业农村局推行“订单收购+全程托管”模式，全县签订粮食订单4.2万亩，"
        "比去年增加1.1万亩，托管服务覆盖小农户3860户。\n\n"
        "一是订单保底。县农业农村局联合3家粮食企业与种粮户签订保底收购合同，收购价每斤高于市场价0.05元，"
        "带动户均增收620元。\n\n"
        "二是托管降本。由于村里青壮劳力外出务工，县里组织12家合作社开展耕、种、防、收全程托管，"
        "亩均成本下降86元，因此小农户种粮意愿明显提高。\n\n"
        "三是技术进村。全县选派28名农技员包村指导，推广测土配方施肥11万亩，例如城关镇示范片亩产提高到612公斤。\n\n"
        "下一步，县农业农村局将把订单托管模式扩大到油菜种植，计划明年覆盖6万亩。",
    ),
]


@dataclass
class Site:
    """Both apps on free loopback ports; ``run`` executes a coroutine in their loop."""

    intake_url: str = ""
    scoring_url: str = ""
    intake: FastAPI | None = None
    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _servers: list[uvicorn.Server] = field(default_factory=list)
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    def start(self) -> None:
        threading.Thread(target=self.loop.run_forever, name="xinbao-site", daemon=True).start()
        self.run(self._start(), timeout=120)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.run(self._stop(), timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)

    def run(self, work: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout)

    async def _start(self) -> None:
        intake_port, scoring_port = _free_port(), _free_port()
        self.intake_url = f"http://127.0.0.1:{intake_port}"
        self.scoring_url = f"http://127.0.0.1:{scoring_port}"
        pages = web.WebSettings(scoring_url=self.scoring_url, preview_transport="http")
        intake_memory, scoring_memory = MemoryDatabase(), MemoryDatabase()
        intake = create_intake(
            memory=intake_memory, bcrypt_rounds=4, bootstrap_admin_password=ADMIN_PASSWORD,
            web_settings=pages,
        )
        # scoring trusts intake's keys, as it would fetching intake's JWKS
        intake_keys = StaticKeys(intake.state.authenticator.access.keys.jwks())
        scoring = create_scoring(memory=scoring_memory, verifier=TokenVerifier(intake_keys, "scoring"))
        scoring_usecases.preview(scoring.state.deps.rubric, "预热分词", "预热分词的正文。", None)
        self.intake = intake
        await _seed(intake)
        for app, port in ((intake, intake_port), (scoring, scoring_port)):
            server = uvicorn.Server(
                uvicorn.Config(
                    app, host="127.0.0.1", port=port, lifespan="off", log_level="warning", access_log=False
                )
            )
            self._servers.append(server)
            self._tasks.append(asyncio.create_task(server.serve()))
        self._tasks.append(asyncio.create_task(_pump(intake, scoring, intake_memory, scoring_memory)))
        while not all(s.started for s in self._servers):  # noqa: ASYNC110 (uvicorn offers a flag only)
            await asyncio.sleep(0.05)

    async def _stop(self) -> None:
        for server in self._servers:
            server.should_exit = True
        for task in self._tasks[len(self._servers) :]:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def _seed(intake: FastAPI) -> None:
    """The org tree, people with passwords, and two items from other units (through use cases)."""
    new_uow, policy = intake.state.new_uow, intake.state.authenticator.policy
    admin = Actor(policy.bootstrap_user(), "127.0.0.1")
    now = utcnow() - timedelta(hours=3)
    for unit_id, name, level, parent in ORG:
        kind = UnitKind.DEPARTMENT if unit_id.endswith("nyj") else UnitKind.GOVERNMENT
        unit = Unit(unit_id, name, level, kind, parent, "II" if parent == "dx" else "I")
        await intake_usecases.register_unit(new_uow, admin, unit, now)
    for person_id, name, unit_id, roles in PEOPLE:
        person = Person(person_id, name, unit_id, list(roles))
        await intake_usecases.register_person(new_uow, policy, admin, person, PASSWORD, now)
    rules = intake.state.rules
    for author, category, title, body in OTHER_ITEMS:
        actor = Actor(_user(author), "127.0.0.1")
        await intake_usecases.start_item(
            new_uow, rules, actor, Draft(title, body, category), now, submit=True
        )


def _user(person_id: str) -> User:
    _, name, unit_id, roles = next(p for p in PEOPLE if p[0] == person_id)
    return User(person_id, name, unit_id, tuple(roles))


_SUBMISSION = TypeAdapter(SubmissionEvent)


async def _pump(
    intake: FastAPI, scoring: FastAPI, intake_memory: MemoryDatabase, scoring_memory: MemoryDatabase
) -> None:
    """Kafka's part: intake's item texts to scoring, scoring's scores back to intake."""
    deps = scoring.state.deps
    seen_intake = seen_scoring = 0
    while True:
        fresh, seen_intake = intake_memory.outbox[seen_intake:], len(intake_memory.outbox)
        for record in fresh:
            if record.topic == topics.SUBMISSIONS:
                event = _SUBMISSION.validate_python(record.payload)
                if isinstance(event, SubmissionReceived | SubmissionRevised):
                    await scoring_usecases.score_submission(deps.new_uow, deps.rubric, event, deps.clock())
        fresh, seen_scoring = scoring_memory.outbox[seen_scoring:], len(scoring_memory.outbox)
        for record in fresh:
            if record.topic == topics.SCORES:
                scored = SubmissionScored.model_validate(record.payload)
                await intake_usecases.record_score(intake.state.new_uow, scored)
        await asyncio.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])

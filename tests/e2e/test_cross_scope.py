"""Issue 10 on the real stack: cross-scope cases per role, all refused, each beside a control
that the same route serves the person whose scope it is (so the refusal is about scope).

The module makes its own part of the org tree (a uuid suffix: no collisions, no reliance on
other tests or their order), under a city of its own:

    xs-city-…        city
      county-office  county: the office whose policy incentives assesses (default.yaml's
                     office_id); reused when it exists already, never re-placed
        xs-a1-…      township (A1)    officer, unit head
        xs-a2-…      township (A2)    officer, unit head
      xs-cb-…        county (B)       editor, office head
        xs-b1-…      township (B1)    unit head

Refusals are those the services document: intake 403 (services/intake/AUTH.md, its routes
table); incentives 403 (services/incentives/access.py), its standings filtered to the
caller's subtree; notify 403, 404 for another person's notification (services/notify/
access.py); the agency feed 403 for another agency's key; scoring 404, as for an unknown item
(services/scoring/access.py).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from deploy.localstack import Stack
from services.intake.settings import LOCAL_BOOTSTRAP_ADMIN_PASSWORD
from tests.e2e.harness import PASSWORD, Api, access_token, eventually, url, wait_until_consumed

pytestmark = pytest.mark.e2e

ASSESSING_OFFICE = "county-office"
"""The office_id of the policy the stack's incentives runs (services/incentives/policies/default.yaml)."""
TALLY: Counter[tuple[str, str]] = Counter()
"""(service, "refused"/"served") -> requests made, printed at the end of the module."""


@dataclass
class World:
    sfx: str
    units: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    period: str = ""

    def person(self, key: str) -> str:
        return self.people[key]


def _item(unit: str, n: int) -> dict[str, Any]:
    return {
        "title": f"{unit}镇冬季防火安全检查第{n}次全覆盖",
        "body": (
            f"截至12月{n + 1}日，{unit}镇已检查村居{10 + n}个、企业{20 + n}家，整改隐患{30 + n}处。\n\n"
            f"一是组建巡查队{n + 2}支，逐户排查。二是开展演练{n + 3}场，覆盖群众{1000 + n}人。\n\n"
            f"通过以上措施，{unit}镇火灾隐患同比下降{5 + n}%。"
        ),
    }


@pytest.fixture(scope="module")
def world(stack: Stack) -> Iterator[World]:
    """The units, people and items above, made through intake as the people themselves would."""
    sfx = uuid.uuid4().hex[:8]
    w = World(sfx)
    w.units = {
        "city": f"xs-city-{sfx}", "a": ASSESSING_OFFICE, "a1": f"xs-a1-{sfx}", "a2": f"xs-a2-{sfx}",
        "b": f"xs-cb-{sfx}", "b1": f"xs-b1-{sfx}",
    }
    roles = {
        "a1-officer": ("a1", "officer"), "a1-head": ("a1", "unit_head"),
        "a2-officer": ("a2", "officer"), "a2-head": ("a2", "unit_head"),
        "a-editor": ("a", "editor"), "a-head": ("a", "office_head"),
        "b-editor": ("b", "editor"), "b-head": ("b", "office_head"), "b1-head": ("b1", "unit_head"),
    }
    w.people = {key: f"xs-{key}-{sfx}" for key in roles}
    base = url(stack, "intake")
    with httpx.Client(base_url=base, timeout=10.0) as admin:
        login = {"person_id": "admin", "password": LOCAL_BOOTSTRAP_ADMIN_PASSWORD}
        tokens = admin.post("/auth/login", json=login).json()
        admin.headers["Authorization"] = f"Bearer {tokens['token']}"
        units = [
            (w.units["city"], "临溪市人民政府办公室", "city", None),
            (w.units["b"], "北岭县人民政府办公室", "county", w.units["city"]),
            (w.units["a1"], "甲一镇人民政府", "township", ASSESSING_OFFICE),
            (w.units["a2"], "甲二镇人民政府", "township", ASSESSING_OFFICE),
            (w.units["b1"], "乙一镇人民政府", "township", w.units["b"]),
        ]
        if admin.get(f"/units/{ASSESSING_OFFICE}").status_code == 404:  # never re-place an existing one
            units.insert(1, (ASSESSING_OFFICE, "南溪县人民政府办公室", "county", w.units["city"]))
        for unit_id, name, level, parent in units:
            made = admin.post("/units", json={"unit_id": unit_id, "name": name, "level": level,
                                              "parent_id": parent})
            assert made.status_code == 201, made.text
        for key, (unit, role) in roles.items():
            made = admin.post("/people", json={
                "person_id": w.people[key], "name": f"测试{key}", "unit_id": w.units[unit],
                "roles": [role], "password": PASSWORD,
            })
            assert made.status_code == 201, made.text
    # two agencies pulling adopted items, x of A2, y of B1 (before any item: the feed is
    # written as items are adopted)
    with httpx.Client(base_url=url(stack, "notify"), timeout=10.0) as operator:
        operator.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        for name, unit in (("x", "a2"), ("y", "b1")):
            made = operator.post("/agencies", json={
                "agency_id": f"xs-agency-{name}-{sfx}", "name": f"测试机构{name}", "delivery": ["pull"],
            })
            assert made.status_code == 201, made.text
            w.agencies[name], w.keys[name] = made.json()["agency_id"], made.json()["api_key"]
            made = operator.post(f"/agencies/{w.agencies[name]}/subscriptions",
                                 json={"units": [w.units[unit]], "adopted_only": True})
            assert made.status_code == 201, made.text

    sessions: dict[str, httpx.Client] = {}

    def as_(key: str) -> httpx.Client:
        if key not in sessions:
            client = httpx.Client(base_url=base, timeout=10.0)
            answer = client.post("/auth/login", json={"person_id": w.people[key], "password": PASSWORD})
            assert answer.status_code == 200, answer.text
            client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
            sessions[key] = client
        return sessions[key]

    def ok(key: str, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        answer = as_(key).request(method, path, **kwargs)
        assert answer.status_code == expect, f"{key} {method} {path}: {answer.status_code} {answer.text}"
        return answer.json()

    try:
        def post(key: str, n: int, unit: str, **extra: Any) -> str:
            item = ok(key, "POST", "/submissions", 201, json={**_item(unit, n), **extra})
            return str(item["submission_id"])

        # A2: a draft; a signed-off item (submitted); one screened (accepted); one adopted
        w.items["a2_draft"] = post("a2-officer", 1, "甲二")
        w.items["a2_submitted"] = post("a2-officer", 2, "甲二")
        ok("a2-head", "POST", f"/submissions/{w.items['a2_submitted']}/sign-off")
        w.items["a2_accepted"] = post("a2-head", 3, "甲二", draft=False)
        ok("a-editor", "POST", f"/submissions/{w.items['a2_accepted']}/screen", json={"outcome": "accepted"})
        w.items["a2_adopted"] = post("a2-head", 4, "甲二", draft=False)
        step = f"/submissions/{w.items['a2_adopted']}"
        ok("a-editor", "POST", f"{step}/screen", json={"outcome": "accepted"})
        ok("a-editor", "POST", f"{step}/adopt", json={"publication": "county-xinxi"})
        # A1's officer writes an item of their own, signed off by their head; B1 submits one
        w.items["a1_own"] = post("a1-officer", 5, "甲一")
        ok("a1-head", "POST", f"/submissions/{w.items['a1_own']}/sign-off")
        w.items["b1_own"] = post("b1-head", 6, "乙一", draft=False)
        w.period = ok("a2-head", "GET", step)["period"]
        yield w
    finally:
        for client in sessions.values():
            client.close()
    print(f"\n[e2e] cross-scope requests: {dict(sorted(TALLY.items()))}")


# helpers ---------------------------------------------------------------------------------


async def refused(
    api: Api, service: str, method: str, path: str, expect: int = 403, says: str = "may not", **kw: Any
) -> str:
    """``method path`` is refused with ``expect`` (a 403 saying ``says``); the refusal's detail."""
    answer = await api.client.request(method, path, **kw)
    assert answer.status_code == expect, f"{method} {path}: {answer.status_code}, not {expect}: {answer.text}"
    TALLY[service, "refused"] += 1
    if expect == 403:
        assert says in answer.text, answer.text
    return str(answer.json().get("detail", ""))


async def served(api: Api, service: str, method: str, path: str, **kw: Any) -> Any:
    answer = await api.client.request(method, path, **kw)
    assert 200 <= answer.status_code < 300, f"{method} {path}: {answer.status_code} {answer.text}"
    TALLY[service, "served"] += 1
    return answer.json()


async def as_(stack: Stack, world: World, service: str, person: str) -> Api:
    """``person`` (a key of world.people, or "admin") on ``service``: intake with the session
    token, the others with the access token."""
    if person == "admin":
        if service == "intake":
            return await Api.logged_in(url(stack, "intake"), "admin", LOCAL_BOOTSTRAP_ADMIN_PASSWORD)
        return Api(url(stack, service), await access_token(stack, "admin"))
    if service == "intake":
        return await Api.logged_in(url(stack, "intake"), world.person(person), PASSWORD)
    return Api(url(stack, service), await access_token(stack, world.person(person)))


class People:
    """Logged-in clients, made on first use and closed at the end of the test."""

    def __init__(self, stack: Stack, world: World) -> None:
        self.stack, self.world = stack, world
        self.apis: dict[tuple[str, str], Api] = {}

    async def __call__(self, service: str, person: str) -> Api:
        if (service, person) not in self.apis:
            self.apis[service, person] = await as_(self.stack, self.world, service, person)
        return self.apis[service, person]

    async def close(self) -> None:
        for api in self.apis.values():
            await api.close()


@pytest.fixture
async def people(stack: Stack, world: World) -> AsyncIterator[People]:
    made = People(stack, world)
    yield made
    await made.close()


def essentials(item: dict[str, Any]) -> dict[str, Any]:
    """What a refused action must not change (not the downstream view, which fills in)."""
    return {k: v for k, v in item.items() if k != "downstream"}


def previous_month(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


# 1. intake: a township officer on another township's items --------------------------------


async def test_a_township_officer_cannot_read_edit_or_withdraw_another_townships_items(
    world: World, people: People
) -> None:
    author, outsider, outsider_head = (
        await people("intake", "a2-officer"), await people("intake", "a1-officer"),
        await people("intake", "a1-head"),
    )
    draft, submitted = world.items["a2_draft"], world.items["a2_submitted"]
    before = {sid: essentials(await served(author, "intake", "GET", f"/submissions/{sid}"))
              for sid in (draft, submitted)}
    trails = {sid: await served(author, "intake", "GET", f"/submissions/{sid}/audit")
              for sid in (draft, submitted)}
    assert before[draft]["state"] == "draft" and before[submitted]["state"] == "submitted"

    edit = {"title": "篡改的标题", "body": "篡改的正文。"}
    for sid in (draft, submitted):
        for view in ("", "/revisions", "/audit"):
            await refused(outsider, "intake", "GET", f"/submissions/{sid}{view}")
    await refused(outsider, "intake", "POST", f"/submissions/{draft}/revise", json=edit)
    await refused(outsider, "intake", "POST", f"/submissions/{submitted}/withdraw", json={})
    await refused(outsider, "intake", "POST", f"/submissions/{draft}/withdraw", json={})
    await refused(outsider_head, "intake", "POST", f"/submissions/{draft}/sign-off")
    await refused(outsider_head, "intake", "POST", f"/submissions/{draft}/revise", json=edit)
    listed = await served(outsider, "intake", "GET", "/submissions", params={"view": "unit", "limit": 500})
    assert not {draft, submitted} & {i["submission_id"] for i in listed["items"]}

    for sid in (draft, submitted):  # unchanged, read as its own author
        assert essentials(await served(author, "intake", "GET", f"/submissions/{sid}")) == before[sid]
        assert await served(author, "intake", "GET", f"/submissions/{sid}/audit") == trails[sid]
    own = await served(outsider, "intake", "GET", f"/submissions/{world.items['a1_own']}")
    assert own["unit_id"] == world.units["a1"], "the outsider reads their own township's item"


# 2. intake: a county editor on the items of a county it does not supervise ---------------


async def test_a_county_editor_cannot_screen_adopt_or_edit_another_countys_items(
    world: World, people: People
) -> None:
    author, stranger = await people("intake", "a2-head"), await people("intake", "b-editor")
    editor = await people("intake", "a-editor")
    submitted, accepted = world.items["a2_submitted"], world.items["a2_accepted"]
    before = {sid: essentials(await served(author, "intake", "GET", f"/submissions/{sid}"))
              for sid in (submitted, accepted)}
    assert before[submitted]["state"] == "submitted" and before[accepted]["state"] == "accepted"

    for sid in (submitted, accepted):
        for view in ("", "/revisions", "/audit"):
            await refused(stranger, "intake", "GET", f"/submissions/{sid}{view}")
    await refused(stranger, "intake", "POST", f"/submissions/{submitted}/screen",
                  json={"outcome": "accepted"})
    await refused(stranger, "intake", "POST", f"/submissions/{submitted}/screen",
                  json={"outcome": "returned", "reasons": ["不属实"]})
    await refused(stranger, "intake", "POST", f"/submissions/{accepted}/adopt",
                  json={"publication": "county-xinxi"})
    await refused(stranger, "intake", "POST", f"/submissions/{accepted}/revise",
                  json={"title": "篡改的标题", "body": "篡改的正文。"})
    await refused(stranger, "intake", "POST", f"/submissions/{accepted}/forward")
    office = await served(stranger, "intake", "GET", "/submissions", params={"view": "office", "limit": 500})
    assert not {submitted, accepted} & {i["submission_id"] for i in office["items"]}

    for sid in (submitted, accepted):  # unchanged, read as its author and by its own office
        assert essentials(await served(author, "intake", "GET", f"/submissions/{sid}")) == before[sid]
        await served(editor, "intake", "GET", f"/submissions/{sid}")
    assert before[accepted]["adoptions"] == []
    # the same editor is served on an item of the county it does supervise
    own = f"/submissions/{world.items['b1_own']}"
    await served(stranger, "intake", "GET", own)
    screened = await served(stranger, "intake", "POST", f"{own}/screen", json={"outcome": "accepted"})
    assert screened["state"] == "accepted"


# 3. incentives: an office head on another office's period, ledger and standings -----------


async def test_an_office_head_cannot_close_another_offices_period_nor_read_its_ledger(
    stack: Stack, world: World, people: People
) -> None:
    period, units = world.period, world.units
    head_b, assessor = await people("incentives", "b-head"), await people("incentives", "a-head")
    admin = await people("incentives", "admin")
    q = {"params": {"period": period}}

    async def ledger_known() -> bool:  # the tree and the items' points have arrived
        rows = {r["unit_id"] for r in await admin.call("GET", "/standings", **q)}
        b1 = await admin.call("GET", f"/units/{units['b1']}/entries", **q)
        return units["a2"] in rows and bool(b1)

    await eventually(ledger_known, timeout=60, what="the units' points in incentives")
    await wait_until_consumed(stack)

    # another office's ledger: refused; its own office's: served
    for unit in ("a1", "a2"):
        await refused(head_b, "incentives", "GET", f"/units/{units[unit]}/entries", **q)
        await refused(head_b, "incentives", "GET", f"/units/{units[unit]}/balance", **q)
    await refused(head_b, "incentives", "GET", f"/units/{ASSESSING_OFFICE}/balance", **q)
    mine = await served(head_b, "incentives", "GET", f"/units/{units['b1']}/entries", **q)
    assert mine and {e["unit_id"] for e in mine} == {units["b1"]}
    await served(head_b, "incentives", "GET", f"/units/{units['b1']}/balance", **q)
    theirs = await served(assessor, "incentives", "GET", f"/units/{units['a2']}/entries", **q)
    assert any(e["submission_id"] == world.items["a2_adopted"] for e in theirs)
    a2_officer = await people("incentives", "a2-officer")
    await refused(await people("incentives", "a1-officer"), "incentives", "GET",
                  f"/units/{units['a2']}/entries", **q)
    await served(a2_officer, "incentives", "GET", f"/units/{units['a2']}/entries", **q)

    # standings: the assessing office ranks the units below it, not B's (another county's,
    # which it does not assess: policy `assessed: subtree`); B's head is served none of A's
    hidden = {units["a1"], units["a2"], ASSESSING_OFFICE}
    for route in ("/standings", "/standings/people"):
        everyone = await admin.call("GET", route, **q)
        visible = await served(head_b, "incentives", "GET", route, **q)
        if route == "/standings":
            ranked = {r["unit_id"] for r in everyone}
            assert units["a2"] in ranked and not {units["b1"], units["b"], ASSESSING_OFFICE} & ranked
            assert not hidden & {r["unit_id"] for r in visible}
        else:
            assert world.person("a2-head") in {r["person_id"] for r in everyone}
            assert all(set(r["unit_ids"]) <= {units["b1"], units["b"]} for r in visible)
            assert not hidden & {u for r in visible for u in r["unit_ids"]}

    board = await served(head_b, "incentives", "GET", "/quotas",
                         params={"period": period, "office_id": ASSESSING_OFFICE})
    assert not hidden & {r["unit_id"] for r in board["units"]}, "another office's quota board"

    # closing the assessing office's periods, and its reports: for its office head only
    year, last = period[:4], previous_month(period)
    for closing in (last, period):
        detail = await refused(head_b, "incentives", "POST", f"/periods/{closing}/close")
        assert f"office_head of {ASSESSING_OFFICE}" in detail
    await refused(await people("incentives", "a-editor"), "incentives", "POST", f"/periods/{last}/close")
    await refused(head_b, "incentives", "GET", "/rewards", **q)
    await refused(head_b, "incentives", "GET", f"/assessments/{year}")
    still_open = await assessor.client.post(f"/periods/{period}/close")
    assert still_open.status_code == 409 and "not ended" in still_open.text, still_open.text
    TALLY["incentives", "served"] += 1  # past the scope check: refused only because it is still open
    closed = await served(assessor, "incentives", "POST", f"/periods/{last}/close")
    assert closed["period"] == last
    await served(assessor, "incentives", "GET", "/rewards", **q)
    await served(assessor, "incentives", "GET", f"/assessments/{year}")


# 4. notify: a person's inbox and preferences ---------------------------------------------


async def test_a_person_cannot_read_another_persons_inbox_or_preferences(
    world: World, people: People
) -> None:
    owner_id, own_id = world.person("a2-officer"), world.person("a1-officer")
    owner, outsider = await people("notify", "a2-officer"), await people("notify", "a1-officer")
    above = await people("notify", "a-head")
    mine = {"params": {"recipient_id": owner_id}}

    async def inbox_of(api: Api, person: str, sid: str) -> list[dict[str, Any]] | None:
        page = await api.call("GET", "/notifications", params={"recipient_id": person})
        return [n for n in page["items"] if n["submission_id"] == sid] or None

    [message, *_] = await eventually(lambda: inbox_of(owner, owner_id, world.items["a2_submitted"]),
                                     what="the author's score notice")
    await eventually(lambda: inbox_of(outsider, own_id, world.items["a1_own"]), what="own score notice")
    prefs_before = await served(owner, "notify", "GET", f"/people/{owner_id}/preferences")

    for who in (outsider, above):
        await refused(who, "notify", "GET", "/notifications", **mine)
        await refused(who, "notify", "GET", "/notifications", params={**mine["params"], "unread": "true"})
        await refused(who, "notify", "GET", f"/people/{owner_id}/preferences")
        await refused(who, "notify", "PUT", f"/people/{owner_id}/preferences",
                      json={"channels": ["inbox"], "language": "en", "name": "冒名"})
        await refused(who, "notify", "POST", f"/notifications/{message['notification_id']}/read", 404)

    after = await served(owner, "notify", "GET", "/notifications", **mine)
    same = next(n for n in after["items"] if n["notification_id"] == message["notification_id"])
    assert same["read"] is False, "marked read by someone else"
    assert await served(owner, "notify", "GET", f"/people/{owner_id}/preferences") == prefs_before
    own = await served(outsider, "notify", "GET", "/notifications")
    assert own["items"] and {n["recipient_id"] for n in own["items"]} == {own_id}
    await served(outsider, "notify", "GET", f"/people/{own_id}/preferences")
    put = await served(outsider, "notify", "PUT", f"/people/{own_id}/preferences",
                       json={"channels": ["inbox"], "language": "zh"})
    assert put["person_id"] == own_id and put["language"] == "zh"
    read = await served(owner, "notify", "POST", f"/notifications/{message['notification_id']}/read")
    assert read["read"] is True


# 5. notify: an agency's feed opens only with its own key ----------------------------------


async def test_an_agency_cannot_read_another_agencys_feed_with_its_own_key(
    stack: Stack, world: World
) -> None:
    feeds = {name: f"/feeds/{agency}.json" for name, agency in world.agencies.items()}
    keys = world.keys
    anonymous = Api(url(stack, "notify"))
    try:
        adopted = world.items["a2_adopted"]

        async def in_x() -> dict[str, Any] | None:
            feed = await anonymous.call("GET", feeds["x"], headers={"X-API-Key": keys["x"]})
            return feed if adopted in str(feed["items"]) else None

        await eventually(in_x, timeout=60, what="the adopted item in agency x's feed")
        TALLY["notify", "served"] += 1
        for reader, other in (("x", "y"), ("y", "x")):
            for headers in ({"X-API-Key": keys[reader]}, {"Authorization": f"Bearer {keys[reader]}"}):
                await refused(anonymous, "notify", "GET", feeds[other], says="does not open", headers=headers)
        own_y = await served(anonymous, "notify", "GET", feeds["y"], headers={"X-API-Key": keys["y"]})
        assert adopted not in str(own_y["items"])
        await served(anonymous, "notify", "GET", feeds["x"], headers={"Authorization": f"Bearer {keys['x']}"})
    finally:
        await anonymous.close()


# 6. scoring: a score outside one's scope is as if it did not exist -----------------------


async def test_a_township_officer_cannot_read_another_townships_score(world: World, people: People) -> None:
    own, other = world.items["a1_own"], world.items["a2_submitted"]
    officer, head = await people("scoring", "a1-officer"), await people("scoring", "a1-head")
    author, stranger = await people("scoring", "a2-officer"), await people("scoring", "b-editor")
    supervisor = await people("scoring", "a-editor")

    async def readable(api: Api, sid: str) -> bool:
        return (await api.client.get(f"/scores/{sid}")).status_code == 200

    await eventually(lambda: readable(author, other), what="the other township's score")
    await eventually(lambda: readable(supervisor, other), what="the score for the supervising office")
    await eventually(lambda: readable(officer, own), what="the officer's own score")

    unknown = await refused(officer, "scoring", "GET", f"/scores/xs-no-such-item-{world.sfx}", 404)
    for who in (officer, head, stranger):
        detail = await refused(who, "scoring", "GET", f"/scores/{other}", 404)
        assert detail == unknown.replace(f"xs-no-such-item-{world.sfx}", other), "existence leaks"
    TALLY["scoring", "refused"] -= 1  # the unknown item is the yardstick, not a cross-scope case
    for who, sid in ((officer, own), (head, own), (author, other), (supervisor, other)):
        score = await served(who, "scoring", "GET", f"/scores/{sid}")
        assert score["submission_id"] == sid

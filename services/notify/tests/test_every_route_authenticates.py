"""Every route of notify authenticates and checks scope (issue 10), walked from the app's
OpenAPI document: a route missing from the tables below fails the first test.

For each protected route: no token, a garbage one, one signed by another key, one with
``alg: none``, an expired one and one for another service's audience → 401; a valid token
of a person outside the scope → 403 (404 where existence must not leak); the right
person → 2xx. The agency feed takes the agency's own API key instead of a token.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest

from services.notify.tests.harness import Acting, Clock, Notify, build, received, running, scored
from shared.auth.testing import TestTokens, openapi_routes
from shared.contracts import DeadlineSet, SessionRevoked, UnitRegistered, topics
from shared.persistence import MemoryDatabase

CITY, COUNTY, OTHER_COUNTY, TOWN, OTHER_TOWN = "qj", "dx", "bt", "hs", "qs"
TREE = [  # unit, level, parent (= the office it reports to)
    (CITY, "city", None),
    (COUNTY, "county", CITY),
    (OTHER_COUNTY, "county", CITY),
    (TOWN, "township", COUNTY),
    (OTHER_TOWN, "township", COUNTY),
]


@dataclass(frozen=True)
class Who:
    subject: str
    unit: str | None
    roles: tuple[str, ...]


OFFICER = Who("officer", TOWN, ("officer",))  # the author of s1: its inbox holds the score
OTHER_OFFICER = Who("officer-qs", OTHER_TOWN, ("officer",))
HEAD = Who("head-hs", TOWN, ("unit_head",))
COUNTY_EDITOR = Who("editor-dx", COUNTY, ("editor",))
COUNTY_LEADER = Who("leader-dx", COUNTY, ("leader",))
OTHER_EDITOR = Who("editor-bt", OTHER_COUNTY, ("editor",))
ADMIN = Who("admin", None, ("admin",))


@dataclass(frozen=True)
class Case:
    """A call of one route: who may make it, who may not (and what they get)."""

    path: str
    allowed: Who
    outside: Who
    refused: int = 403
    body: dict[str, Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)


PUBLIC = {("GET", "/live"), ("GET", "/health"), ("GET", "/metrics")}
FEED = ("GET", "/feeds/{agency_id}.json")
"""Public, but opened by the agency's own API key (tested apart)."""

BULLETIN = {"office_id": COUNTY, "period": "2026-11", "kind": "monthly"}
ARCHIVED = {
    **BULLETIN,
    "formats": ["html", "docx", "pdf"],
    "documents": {"pdf": b"%PDF-1.7", "html": b"", "docx": b""},
}
ROUTES: dict[tuple[str, str], Case] = {
    # a person's own inbox and preferences
    ("GET", "/notifications"): Case(
        "/notifications", OFFICER, OTHER_OFFICER, params={"recipient_id": "officer"}
    ),
    ("POST", "/notifications/{notification_id}/read"): Case(
        "/notifications/{notification}/read", OFFICER, OTHER_OFFICER, refused=404
    ),
    ("GET", "/people/{person_id}/preferences"): Case("/people/officer/preferences", OFFICER, COUNTY_EDITOR),
    ("PUT", "/people/{person_id}/preferences"): Case(
        "/people/officer/preferences", OFFICER, OTHER_OFFICER, body={"channels": ["inbox"]}
    ),
    # units: people acting on them (offices above included); changing needs a head or office role
    ("GET", "/units/{unit_id}/contacts"): Case("/units/hs/contacts", COUNTY_EDITOR, OTHER_OFFICER),
    ("PUT", "/units/{unit_id}/contacts"): Case(
        "/units/hs/contacts", HEAD, OFFICER, body={"officers": ["officer"]}
    ),
    # an office's schedules and bulletins: its editors and heads; its leaders read bulletins
    ("GET", "/offices/{office_id}/reminder-schedule"): Case(
        "/offices/dx/reminder-schedule", COUNTY_EDITOR, COUNTY_LEADER
    ),
    ("PUT", "/offices/{office_id}/reminder-schedule"): Case(
        "/offices/dx/reminder-schedule", COUNTY_EDITOR, OTHER_EDITOR, body={"before_hours": [48]}
    ),
    ("GET", "/offices/{office_id}/bulletin-schedule"): Case(
        "/offices/dx/bulletin-schedule", COUNTY_EDITOR, COUNTY_LEADER
    ),
    ("PUT", "/offices/{office_id}/bulletin-schedule"): Case(
        "/offices/dx/bulletin-schedule", COUNTY_EDITOR, OTHER_EDITOR, body={"monthly": True}
    ),
    ("POST", "/bulletins"): Case(
        "/bulletins", COUNTY_EDITOR, OTHER_EDITOR, body={**BULLETIN, "reissue": True}
    ),
    ("GET", "/bulletins"): Case("/bulletins", COUNTY_LEADER, OFFICER, params={"office_id": COUNTY}),
    ("GET", "/bulletins/{bulletin_id}"): Case("/bulletins/{bulletin}", COUNTY_LEADER, OTHER_EDITOR),
    ("GET", "/bulletins/{bulletin_id}.{fmt}"): Case("/bulletins/{bulletin}.pdf", COUNTY_EDITOR, OTHER_EDITOR),
    ("POST", "/reminders/{obligation_id}/close"): Case(
        "/reminders/hs:instruction_feedback:i1/close", COUNTY_EDITOR, HEAD
    ),
    # operators
    ("GET", "/reminders"): Case("/reminders", ADMIN, COUNTY_EDITOR),
    ("GET", "/agencies"): Case("/agencies", ADMIN, COUNTY_EDITOR),
    ("POST", "/agencies"): Case(
        "/agencies", ADMIN, COUNTY_EDITOR, body={"agency_id": "newco", "name": "NewCo"}
    ),
    ("POST", "/agencies/{agency_id}/keys"): Case("/agencies/acme/keys", ADMIN, COUNTY_EDITOR),
    ("GET", "/agencies/{agency_id}/subscriptions"): Case(
        "/agencies/acme/subscriptions", ADMIN, COUNTY_EDITOR
    ),
    ("POST", "/agencies/{agency_id}/subscriptions"): Case(
        "/agencies/acme/subscriptions", ADMIN, COUNTY_EDITOR, body={}
    ),
    ("PUT", "/items/{submission_id}/release"): Case(
        "/items/s1/release", ADMIN, COUNTY_EDITOR, body={"cleared": False}
    ),
    ("GET", "/deliveries"): Case("/deliveries", ADMIN, OFFICER, params={"status": "dead"}),
    ("GET", "/deliveries/{delivery_id}/attempts"): Case("/deliveries/{dead}/attempts", ADMIN, OFFICER),
    ("POST", "/deliveries/{delivery_id}/replay"): Case("/deliveries/{dead}/replay", ADMIN, COUNTY_EDITOR),
    ("GET", "/webhooks/log"): Case("/webhooks/log", ADMIN, COUNTY_EDITOR),
}


@dataclass
class Seeded:
    notify: Notify
    ids: dict[str, str]
    keys: dict[str, str]

    def auth(self, who: Who) -> Acting:
        return self.notify.as_(who.subject, who.unit, who.roles)

    def token(self, who: Who, **claims: Any) -> str:
        return self.notify.tokens.token(who.subject, unit=who.unit, roles=who.roles, **claims)

    async def call(
        self, route: tuple[str, str], headers: dict[str, str] | None = None, who: Who | None = None
    ) -> httpx.Response:
        method, case = route[0], ROUTES[route]
        return await self.notify.client.request(
            method,
            case.path.format(**self.ids),
            params=case.params,
            json=case.body if method in ("POST", "PUT") else None,
            headers=headers,
            auth=self.auth(who) if who else None,
        )


def unit(unit_id: str, level: str, parent: str | None) -> UnitRegistered:
    return UnitRegistered.originated(
        producer="intake", unit_id=unit_id, name=unit_id, level=level, kind="government",
        parent_id=parent, reports_to=parent,
    )  # fmt: skip


@pytest.fixture
async def seeded(clock: Clock) -> AsyncIterator[Seeded]:
    """The org tree, an inbox message and a dead e-mail of the officer, a reminder the
    county office set for the township, two agencies and a county bulletin."""
    async with running(clock, MemoryDatabase(), workers_enabled=False, retry_max_attempts=1) as notify:
        seeded = Seeded(notify, {}, {})
        for row in TREE:
            await notify.send(unit(*row))
        prefs = {"channels": ["email"], "email": "li@hs.example.cn"}
        await notify.ok("PUT", "/people/officer/preferences", json=prefs, auth=seeded.auth(OFFICER))
        await notify.send(received("s1"))
        await notify.send(scored("s1"))
        await notify.dispatch()  # no SMTP configured: the e-mail goes dead at once
        due = clock() + timedelta(days=3)
        await notify.send(DeadlineSet.originated(
            producer="intake", unit_id=TOWN, office_id=COUNTY, subject="instruction_feedback",
            reference_id="i1", due_at=due,
        ))  # fmt: skip
        [message] = await notify.inbox("officer")
        [dead] = (await notify.ok("GET", "/deliveries", params={"status": "dead"}, auth=seeded.auth(ADMIN)))[
            "items"
        ]
        for agency in ("acme", "other"):
            made = await notify.ok(
                "POST", "/agencies", json={"agency_id": agency, "name": agency}, auth=seeded.auth(ADMIN)
            )
            seeded.keys[agency] = made["api_key"]
        async with notify.app.state.new_uow() as uow:  # archived as published (rendering is tested elsewhere)
            await uow.bulletins.save({**ARCHIVED, "_id": "dx-2026-11-monthly"})
            await uow.commit()
        seeded.ids.update(notification=message["notification_id"], dead=dead["delivery_id"],
                          bulletin="dx-2026-11-monthly")  # fmt: skip
        yield seeded


def alg_none(tokens: TestTokens, who: Who) -> str:
    """The claims of a valid token under an unsigned header."""
    _, payload, _ = tokens.token(who.subject, unit=who.unit, roles=who.roles).split(".")
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=")
    return f"{header.decode()}.{payload}."


def bad_tokens(seeded: Seeded, who: Who) -> dict[str, str]:
    """Tokens that must not open anything, each with ``who``'s claims."""
    return {
        "garbage": "not-a-jwt",
        "other key": TestTokens(seeded.notify.clock).token(who.subject, unit=who.unit, roles=who.roles),
        "alg none": alg_none(seeded.notify.tokens, who),
        "expired": seeded.token(who, ttl=timedelta(minutes=-1)),
        "for scoring": seeded.token(who, audience=("xinbao-scoring",)),
    }


def test_every_route_is_in_a_table(clock: Clock) -> None:
    app, _ = build(clock, MemoryDatabase())
    routes = openapi_routes(app)
    assert routes - (PUBLIC | {FEED} | set(ROUTES)) == set(), "add the new route to ROUTES (or PUBLIC)"
    assert (PUBLIC | {FEED} | set(ROUTES)) - routes == set(), "the table names routes that are gone"


@pytest.mark.parametrize("route", sorted(ROUTES), ids=" ".join)
async def test_a_route_refuses_the_unauthenticated_and_the_out_of_scope(
    seeded: Seeded, route: tuple[str, str]
) -> None:
    case = ROUTES[route]
    missing = await seeded.call(route)
    assert missing.status_code == 401, missing.text
    assert missing.headers["www-authenticate"].startswith("Bearer")
    for flaw, token in bad_tokens(seeded, case.allowed).items():
        response = await seeded.call(route, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (flaw, response.text)
    outside = await seeded.call(route, who=case.outside)
    assert outside.status_code == case.refused, outside.text
    if case.refused == 403:
        assert "may not" in outside.json()["detail"]
    allowed = await seeded.call(route, who=case.allowed)
    assert 200 <= allowed.status_code < 300, allowed.text


@pytest.mark.parametrize("route", sorted(PUBLIC), ids=" ".join)
async def test_operations_routes_are_public(seeded: Seeded, route: tuple[str, str]) -> None:
    response = await seeded.notify.client.get(route[1], auth=None)
    assert response.status_code not in (401, 403)


async def test_the_feed_opens_only_with_the_agencys_own_key(seeded: Seeded) -> None:
    async def status(headers: dict[str, str]) -> int:
        return (await seeded.notify.client.get("/feeds/acme.json", headers=headers, auth=None)).status_code

    assert await status({}) == 401
    assert await status({"X-Api-Key": "xbk_guess"}) == 401
    assert await status({"Authorization": f"Bearer {seeded.token(ADMIN)}"}) == 401, (
        "a person's token is no key"
    )
    assert await status({"X-Api-Key": seeded.keys["other"]}) == 403
    assert await status({"X-Api-Key": seeded.keys["acme"]}) == 200


# cross-scope, by role ------------------------------------------------------------------


async def test_a_person_cannot_read_another_persons_inbox(seeded: Seeded) -> None:
    client, other = seeded.notify.client, seeded.auth(OTHER_OFFICER)
    named = await client.get("/notifications", params={"recipient_id": "officer"}, auth=other)
    assert named.status_code == 403 and "inbox" in named.json()["detail"]
    own = await client.get("/notifications", auth=other)
    assert own.status_code == 200 and own.json()["items"] == [], "without a name: the caller's own"
    mark = await client.post(f"/notifications/{seeded.ids['notification']}/read", auth=other)
    assert mark.status_code == 404
    [message] = await seeded.notify.inbox("officer")
    assert message["read"] is False


async def test_an_office_editor_cannot_set_another_offices_bulletin_schedule(seeded: Seeded) -> None:
    client = seeded.notify.client
    response = await client.put(
        "/offices/dx/bulletin-schedule", json={"annual": True}, auth=seeded.auth(OTHER_EDITOR)
    )
    assert response.status_code == 403 and "dx" in response.json()["detail"]
    schedule = await client.get("/offices/dx/bulletin-schedule", auth=seeded.auth(COUNTY_EDITOR))
    assert schedule.json()["annual"] is False


async def test_an_office_above_acts_on_its_units_but_a_sibling_does_not(seeded: Seeded) -> None:
    client = seeded.notify.client
    city_editor = seeded.notify.as_("editor-qj", CITY, ("editor",))
    assert (
        await client.put("/units/hs/contacts", json={"heads": ["head-hs"]}, auth=city_editor)
    ).status_code == 200
    other_county = seeded.auth(OTHER_EDITOR)
    assert (await client.put("/units/hs/contacts", json={"heads": []}, auth=other_county)).status_code == 403
    assert (await client.get("/units/hs/contacts", auth=seeded.auth(HEAD))).json()["heads"] == ["head-hs"]


async def test_a_revoked_session_stops_working_at_once(seeded: Seeded) -> None:
    notify = seeded.notify
    token = notify.tokens.token("officer", unit=TOWN, roles=("officer",), session_id="s-officer")
    headers = {"Authorization": f"Bearer {token}"}
    assert (await notify.client.get("/notifications", headers=headers)).status_code == 200
    await notify.app.state.runtime.broker.publish(
        SessionRevoked.originated(
            producer="intake", person_id="officer", session_id="s-officer", reason="logout"
        ).model_dump(mode="json"),
        topic=topics.SESSIONS,
    )
    refused = await notify.client.get("/notifications", headers=headers)
    assert refused.status_code == 401 and "ended" in refused.json()["detail"]

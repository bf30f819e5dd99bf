"""Every route of intake, walked (issue 10): a route missing from the table fails the first test.

For every protected route (services.intake.tests.routes_table):

* no credentials → 401; an invalid or tampered token → 401. The pages (HTML, under /web)
  answer both with 303 to the log-in form instead, which is how a browser is asked to log in;
* a person outside the scope → refused: 403 (or 404 where the table says existence must not
  leak) from the API; from the pages a 403/404/422 page, or for a form post 303 back to the
  form with an error message (the pages' way of refusing), and nothing changed;
* the right person → neither 401 nor 403 (nor a server error): the action is done.
"""

from __future__ import annotations

import json
from string import Formatter
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from services.intake import web
from services.intake.tests import routes_table
from services.intake.tests.conftest import ADMIN_PASSWORD, PASSWORD, IntakeHarness
from services.intake.tests.routes_table import (
    API,
    COMING,
    OTHER_COUNTY_PEOPLE,
    PAGES,
    PUBLIC,
    UPLOADS,
    Case,
    World,
)
from services.intake.web.csrf import HEADER
from shared.auth.testing import openapi_routes

PROTECTED = {**API, **PAGES}
LOG_IN = {
    "/auth/login": {"json": {"person_id": "officer", "password": PASSWORD}},
    "/web/login": {"data": {"username": "officer", "password": PASSWORD}},
}
TABLE = set(PUBLIC) | set(PROTECTED)
DOCUMENTATION = ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/docs/static/{name}")
STATIC_FILE = {"/web/static/{name}": "xinbao.css", "/docs/static/{name}": "swagger-ui.css"}


def routes_of(app: Any) -> set[tuple[str, str]]:
    """What the app serves: its OpenAPI routes, its pages and FastAPI's documentation (the same
    for every app the fixture makes, so worked out once)."""
    if not _SERVED:
        _SERVED.update(_routes_of(app))
    return _SERVED


_SERVED: set[tuple[str, str]] = set()


def _routes_of(app: Any) -> set[tuple[str, str]]:
    pages = [*web.router(app.state.new_uow, app.state.rules).routes, *web.root_router().routes]
    documentation = {
        ("GET", r.path)
        for r in app.router.routes
        if getattr(r, "path", "") in DOCUMENTATION
    }
    return openapi_routes(app) | {(m, r.path) for r in pages for m in r.methods} | documentation  # type: ignore[attr-defined]


def test_every_route_is_in_the_table(intake_app: Any) -> None:
    served = routes_of(intake_app)
    assert sorted(served - TABLE) == [], "add the new routes to services/intake/tests/routes_table.py"
    assert sorted(TABLE - served - COMING) == [], "the table names routes that no longer exist"
    assert len(served) >= 70 and len(set(PUBLIC) & served) <= 14


@pytest.fixture
def intake_app(intake: IntakeHarness) -> Any:
    return intake.app


@pytest.fixture(autouse=True)
def no_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages ask no scoring service for previews here (they would wait for its timeout)."""
    monkeypatch.setenv("INTAKE_PREVIEW_TRANSPORT", "off")


@pytest.mark.parametrize("route", sorted(PUBLIC), ids=" ".join)
async def test_a_public_route_answers_without_credentials(
    intake: IntakeHarness, route: tuple[str, str]
) -> None:
    skip_unless_served(intake, route)
    intake.client.cookies.clear()
    path = route[1]
    url = path.format(name=STATIC_FILE.get(path, ""))
    response = await intake.client.request(route[0], url, **LOG_IN.get(path, {}))
    assert response.status_code in (200, 303), response.text


@pytest.mark.parametrize("route", sorted(PROTECTED), ids=" ".join)
async def test_a_route_refuses_strangers_and_outsiders_and_serves_the_right_person(
    intake: IntakeHarness, route: tuple[str, str]
) -> None:
    method, template = route
    skip_unless_served(intake, route)
    case = PROTECTED[route]
    world = await World(intake).need(*needed(template, case))
    item = world.get(case.item, "")
    url = template.format(sid=item, submission_id=item, **world)
    page = template.startswith(web.PREFIX)
    for credentials in await strangers(intake):
        answer = await send(intake, method, url, case, world, **credentials)
        assert_not_logged_in(answer, page)
    if case.outsider is not None:
        answer = await as_person(intake, case.outsider, method, url, case, world, page)
        assert_refused(answer, page, case)
    answer = await as_person(intake, case.insider, method, url, case, world, page)
    assert answer.status_code not in (401, 403) and answer.status_code < 500, answer.text[:400]
    if page:
        to_login = answer.headers.get("location", "").startswith(web.PREFIX + "/login")
        assert to_login == case.lands_on_login, answer.headers
        assert flash_of(answer) != "error", unquote(answer.cookies.get("xinbao_flash", ""))
    else:
        assert answer.status_code < 400, answer.text[:400]


async def test_cross_scope_actions_are_refused(intake: IntakeHarness) -> None:
    world = await World(intake).need("adopted", "draft", "submitted", "accepted", "xs_accepted")
    item = world["adopted"]
    cases = [
        ("other-officer", "GET", f"/submissions/{item}", None),
        ("other-officer", "POST", f"/submissions/{world['draft']}/revise", routes_table.EDIT),
        ("other-officer", "POST", f"/submissions/{world['submitted']}/withdraw", {}),
        ("other-head", "POST", f"/submissions/{world['draft']}/sign-off", None),
        ("xs-editor", "POST", f"/submissions/{world['accepted']}/adopt", {"publication": "county-xinxi"}),
        (
            "county-editor",
            "POST",
            f"/submissions/{world['xs_accepted']}/adopt",
            {"publication": "county-xinxi"},
        ),
        ("county-editor", "GET", f"/submissions/{world['xs_accepted']}", None),
        (
            "xs-editor",
            "POST",
            f"/submissions/{world['submitted']}/screen",
            {"outcome": "returned", "reasons": ["x"]},
        ),
    ]
    for person, method, url, body in cases:
        answer = await intake.call(method, url, as_=person, json=body)
        assert answer.status_code in (403, 404), (person, method, url, answer.text)
    after = await intake.ok("GET", f"/submissions/{world['accepted']}", as_="officer")
    assert after["state"] == "accepted" and not after["adoptions"]


def skip_unless_served(intake: IntakeHarness, route: tuple[str, str]) -> None:
    """Skip a route being added in parallel that is not there yet."""
    if route not in routes_of(intake.app):
        assert route in COMING, route
        pytest.skip(f"{' '.join(route)} is not there yet")


def needed(template: str, case: Case) -> list[str]:
    """What the world must hold for this route: the path's ids, the body's, the people's county."""
    named = {name for _, name, _, _ in Formatter().parse(template) if name}
    named = {case.item if name in ("sid", "submission_id") else name for name in named}
    for value in (*(case.json or {}).values(), *(case.data or {}).values()):
        if isinstance(value, str) and value.startswith("{"):
            named.add(value.strip("{}"))
    if {case.insider, case.outsider} & OTHER_COUNTY_PEOPLE:
        named.add("other_county")
    return sorted(named)


async def strangers(intake: IntakeHarness) -> list[dict[str, Any]]:
    """No credentials; a made-up token; a real token with its signature changed; a made-up cookie."""
    token = await intake.login("officer")
    at = len(token) - 12
    tampered = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    return [
        {},
        {"headers": {"Authorization": "Bearer not-a-token"}},
        {"headers": {"Authorization": f"Bearer {tampered}"}},
        {"cookies": {"xinbao_session": tampered}},
    ]


async def as_person(
    intake: IntakeHarness, person: str, method: str, url: str, case: Case, world: dict[str, str], page: bool
) -> httpx.Response:
    """The request as ``person``: with the bearer token (API) or, for pages, as a browser logged in
    with the cookie whose posts carry the session's CSRF token."""
    password = ADMIN_PASSWORD if person == "admin" else PASSWORD
    if not page:
        token = await intake.login(person, password)
        return await send(intake, method, url, case, world, headers={"Authorization": f"Bearer {token}"})
    transport = httpx.ASGITransport(app=intake.app, client=("10.1.2.4", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as browser:
        logged_in = await browser.post("/auth/login", json={"person_id": person, "password": password})
        assert logged_in.status_code == 200, logged_in.text
        start = await browser.get("/web/items/new")  # any page that authenticates; a light one
        token = start.text.split('<meta name="csrf-token" content="', 1)[1].split('"', 1)[0]
        return await send(intake, method, url, case, world, client=browser, headers={HEADER: token})


async def send(
    intake: IntakeHarness,
    method: str,
    url: str,
    case: Case,
    world: dict[str, str],
    client: httpx.AsyncClient | None = None,
    **credentials: Any,
) -> httpx.Response:
    client = client or intake.client
    if client is intake.client:
        client.cookies.clear()
    cookies = credentials.pop("cookies", None)
    if cookies:
        client.cookies.update(cookies)
    upload = {"files": {"file": UPLOADS[case.upload]}} if case.upload else {}
    return await client.request(
        method,
        url,
        params=case.params,
        json=filled(case.json, world),
        data=filled(case.data, world),
        **upload,
        **credentials,
    )


def filled(body: dict[str, Any] | None, world: dict[str, str]) -> dict[str, Any] | None:
    """The body with '{name}' values replaced by the world's ids."""
    if body is None:
        return None
    return {k: v.format(**world) if isinstance(v, str) and v.startswith("{") else v for k, v in body.items()}


def assert_not_logged_in(answer: httpx.Response, page: bool) -> None:
    if page:
        assert answer.status_code == 303, answer.text[:300]
        assert answer.headers["location"].startswith(web.PREFIX + "/login"), answer.headers
    else:
        assert answer.status_code == 401, answer.text[:300]


def assert_refused(answer: httpx.Response, page: bool, case: Case) -> None:
    if not page:
        assert answer.status_code in case.refused, answer.text[:300]
    elif answer.status_code == 303:
        assert flash_of(answer) == "error", answer.headers
    else:
        assert answer.status_code in (403, 404, 422), answer.text[:300]
    if answer.status_code == 422:
        assert "may not" in answer.text or "没有权限" in answer.text, "a refusal, not a malformed request"


def flash_of(answer: httpx.Response) -> str | None:
    """The kind of one-time message a page post sets ('ok', 'error'), if any."""
    raw = answer.cookies.get("xinbao_flash")
    return str(json.loads(unquote(raw.strip('"')))["kind"]) if raw else None

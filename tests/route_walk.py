"""The route-walking tests (issue 10), the same for every service.

A service's ``test_every_route_authenticates.py`` subclasses :class:`RouteWalk` as
``TestEveryRoute``, lists each of its routes in ``ROUTES`` (how to call it, who it is for,
who is outside its scope) and gives a fixture ``walked``: the app with the data the table's
calls need (anything with ``.app`` and ``.tokens``). The tests check that:

* the table and the app's OpenAPI document list the same routes (besides :data:`PUBLIC`),
  so that a new route fails until someone says who may call it;
* each public route answers without a token;
* each other route answers 401 without a token and with every token of :func:`bad_tokens`;
* a person outside the route's scope is refused (403, or 404 where existence must not leak);
* the person the route is for is served (2xx: neither refused nor told it does not exist).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

import httpx
import pytest
from fastapi import FastAPI

from shared.auth.testing import TestTokens, openapi_routes

PUBLIC = frozenset({("GET", "/live"), ("GET", "/health"), ("GET", "/metrics")})
"""Operations only, no data: liveness, readiness and Prometheus metrics."""

Person = Mapping[str, Any]
"""Claims for ``TestTokens.headers``: subject, unit, roles."""

RouteKey = tuple[str, str]
"""(METHOD, path template) as the OpenAPI document names a route."""


@dataclass(frozen=True)
class Route:
    """How to call one route and as whom. ``outside`` None: every logged-in person may (the
    route's description says so); ``refused`` is what ``outside`` is answered."""

    url: str
    right: Person
    outside: Person | None
    refused: int = 403
    json: Any = None
    content: bytes | None = None


def name(key: RouteKey) -> str:
    return f"{key[0]} {key[1]}"


def assert_every_route_listed(app: FastAPI, table: Mapping[RouteKey, Route]) -> None:
    served = openapi_routes(app)
    missing = sorted(served - PUBLIC - set(table))
    stale = sorted(set(table) - served)
    assert not missing, f"routes nobody has said who may call (add them to the table): {missing}"
    assert not stale, f"the table lists routes the app no longer serves: {stale}"
    assert served >= PUBLIC, f"public routes the app does not serve: {sorted(PUBLIC - served)}"


def bad_tokens(tokens: TestTokens, person: Person) -> dict[str, str | None]:
    """Every way a token of ``person`` can be wrong, by what is wrong with it."""
    good = tokens.token(**person)
    header, payload, signature = good.split(".")
    claims = json.loads(_unb64(payload))
    stranger = TestTokens(tokens.clock)
    return {
        "no": None,
        "a garbage": "not-a-jwt",
        "an expired": tokens.token(**person, ttl=timedelta(minutes=-5)),
        "a wrong-audience": tokens.token(**person, audience=("xinbao-intake",)),
        "an unknown key's": stranger.token(**person),
        "an alg-none": ".".join((_b64({"alg": "none", "typ": "JWT", "kid": tokens.key.kid}), payload, "")),
        "a tampered": ".".join((header, _b64({**claims, "unit": None, "roles": ["admin"]}), signature)),
    }


async def call(app: FastAPI, key: RouteKey, route: Route, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    if route.content is not None:
        headers["Content-Type"] = "application/yaml"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        return await client.request(
            key[0], route.url, headers=headers, json=route.json, content=route.content
        )


async def assert_public(app: FastAPI, key: RouteKey) -> None:
    response = await call(app, key, Route(key[1], {}, None), None)
    assert response.status_code not in (401, 403), f"public {name(key)} answered {response.status_code}"


async def assert_refuses_bad_tokens(app: FastAPI, key: RouteKey, route: Route, tokens: TestTokens) -> None:
    for what, token in bad_tokens(tokens, route.right).items():
        response = await call(app, key, route, token)
        assert response.status_code == 401, (
            f"{name(key)} with {what} token answered {response.status_code}, not 401: {response.text[:200]}"
        )


async def assert_refuses_outsider(app: FastAPI, key: RouteKey, route: Route, tokens: TestTokens) -> None:
    assert route.outside is not None, f"{name(key)} has no one outside its scope"
    response = await call(app, key, route, tokens.token(**route.outside))
    assert response.status_code == route.refused, (
        f"{name(key)} as {dict(route.outside)} answered {response.status_code}, "
        f"not {route.refused}: {response.text[:200]}"
    )


async def assert_serves(app: FastAPI, key: RouteKey, route: Route, tokens: TestTokens) -> None:
    response = await call(app, key, route, tokens.token(**route.right))
    assert 200 <= response.status_code < 300, (
        f"{name(key)} as {dict(route.right)} answered {response.status_code}: {response.text[:200]}"
    )


def _b64(claims: dict[str, Any]) -> str:
    raw = json.dumps(claims, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class RouteWalk:
    """The five checks, each route its own test named after it (``[POST /what-if]``)."""

    ROUTES: ClassVar[Mapping[RouteKey, Route]] = {}

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "key" not in metafunc.fixturenames:
            return
        keys = {
            "test_public_routes_answer_without_a_token": PUBLIC,
            "test_a_person_outside_the_scope_is_refused": [k for k, r in self.ROUTES.items() if r.outside],
        }.get(metafunc.function.__name__, self.ROUTES)
        metafunc.parametrize("key", sorted(keys), ids=" ".join)

    def test_every_route_is_in_the_table(self, walked: Any) -> None:
        assert_every_route_listed(walked.app, self.ROUTES)

    async def test_public_routes_answer_without_a_token(self, walked: Any, key: RouteKey) -> None:
        await assert_public(walked.app, key)

    async def test_no_valid_token_no_answer(self, walked: Any, key: RouteKey) -> None:
        await assert_refuses_bad_tokens(walked.app, key, self.ROUTES[key], walked.tokens)

    async def test_a_person_outside_the_scope_is_refused(self, walked: Any, key: RouteKey) -> None:
        await assert_refuses_outsider(walked.app, key, self.ROUTES[key], walked.tokens)

    async def test_the_right_person_is_served(self, walked: Any, key: RouteKey) -> None:
        await assert_serves(walked.app, key, self.ROUTES[key], walked.tokens)

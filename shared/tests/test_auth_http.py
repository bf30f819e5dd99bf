"""The FastAPI side of shared.auth: what a route answers without a token, with a token of the
wrong scheme, with a bad one, and when the domain refuses the verified caller."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.auth import Refused
from shared.auth.http import Caller, install
from shared.auth.testing import TestTokens
from shared.clock import SettableClock


def app_with(tokens: TestTokens) -> FastAPI:
    app = FastAPI()
    app.state.verifier = tokens.verifier("scoring")
    install(app)

    @app.get("/whoami")
    async def whoami(caller: Caller) -> dict[str, object]:
        return {"subject": caller.subject, "unit": caller.unit_id}

    @app.get("/office-only")
    async def office_only(caller: Caller) -> dict[str, str]:
        if not caller.has({"editor"}):
            raise Refused("only an editor may read this")
        return {"ok": "yes"}

    return app


def test_a_valid_bearer_token_names_the_caller(clock: SettableClock) -> None:
    tokens = TestTokens(clock)
    client = TestClient(app_with(tokens))
    answer = client.get("/whoami", headers=tokens.headers("p-1", unit="t-1", roles=("officer",)))
    assert answer.status_code == 200
    assert answer.json() == {"subject": "p-1", "unit": "t-1"}


def test_no_token_another_scheme_or_a_forged_token_is_401_with_a_challenge(clock: SettableClock) -> None:
    tokens = TestTokens(clock)
    client = TestClient(app_with(tokens))
    good = tokens.token("p-1", unit="t-1")
    for headers in ({}, {"Authorization": f"Basic {good}"}, {"Authorization": "Bearer "},
                    {"Authorization": f"Bearer {good[:-4]}AAAA"}):
        answer = client.get("/whoami", headers=headers)
        assert answer.status_code == 401, headers
        assert answer.headers["www-authenticate"].startswith("Bearer")
        assert answer.json()["detail"]


def test_a_token_from_an_untrusted_key_is_401(clock: SettableClock) -> None:
    client = TestClient(app_with(TestTokens(clock)))
    stranger = TestTokens(clock)
    answer = client.get("/whoami", headers=stranger.headers("p-1", unit="t-1"))
    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["www-authenticate"]


def test_refused_below_a_route_is_403_with_its_sentence(clock: SettableClock) -> None:
    tokens = TestTokens(clock)
    client = TestClient(app_with(tokens))
    answer = client.get("/office-only", headers=tokens.headers("p-1", unit="t-1", roles=("officer",)))
    assert answer.status_code == 403
    assert answer.json() == {"detail": "only an editor may read this"}

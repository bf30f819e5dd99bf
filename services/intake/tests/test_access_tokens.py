"""Intake as the issuer of access tokens (issue 10): what log-in hands out, what the other
services verify with intake's JWKS, renewal, key rotation, and revocation through the outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest
from faststream.kafka import KafkaBroker, TestKafkaBroker
from pydantic import ValidationError

from services.intake.app import create_app
from services.intake.settings import IntakeSettings
from services.intake.tests.conftest import ADMIN_PASSWORD, PASSWORD, IntakeHarness
from shared.auth import (
    InvalidToken,
    JwksKeys,
    Principal,
    SigningKey,
    StaticKeys,
    TokenVerifier,
    generate,
    issue,
)
from shared.auth.subscriber import follow_revocations
from shared.auth.testing import TestTokens
from shared.clock import SettableClock
from shared.contracts import topics
from shared.persistence import MemoryDatabase

JWKS_URL = "http://intake/.well-known/jwks.json"


async def log_in(client: httpx.AsyncClient, person_id: str, password: str = PASSWORD) -> dict[str, Any]:
    response = await client.post("/auth/login", json={"person_id": person_id, "password": password})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def jwks_verifier(app: Any, service: str, clock: SettableClock, **options: Any) -> TokenVerifier:
    """A verifier as another service builds it: intake's JWKS fetched over HTTP."""
    transport = httpx.ASGITransport(app=app)
    return TokenVerifier(JwksKeys(JWKS_URL, transport=transport, **options), service, clock)


async def revocations_applied(intake: IntakeHarness, *verifiers: TokenVerifier) -> list[dict[str, Any]]:
    """Relay the outbox (intake follows its own revocations through its broker) and hand the
    SessionRevoked events to a broker of another service whose verifiers follow them."""
    events = [e for e in await intake.published() if e["type"] == "SessionRevoked"]
    other = KafkaBroker()
    for verifier in verifiers:
        follow_revocations(other, verifier.revocations)
    async with TestKafkaBroker(other):
        for event in events:
            await other.publish(event, topic=topics.SESSIONS, key=event["person_id"].encode())
    return events


async def test_login_answers_an_access_token_that_scoring_accepts_with_intakes_jwks(
    intake: IntakeHarness, clock: SettableClock
) -> None:
    answer = await log_in(intake.client, "county-editor")
    assert answer["access_expires_at"] == (clock() + timedelta(minutes=15)).isoformat().replace("+00:00", "Z")
    principal = await jwks_verifier(intake.app, "scoring", clock).verify(answer["access_token"])
    assert (principal.subject, principal.name, principal.unit_id, principal.roles) == (
        "county-editor",
        "王芳",
        "dx",
        ("editor",),
    )
    assert principal.session_id and principal.kind == "person"
    with pytest.raises(InvalidToken, match="expired"):
        clock.advance(minutes=16)
        await jwks_verifier(intake.app, "scoring", clock).verify(answer["access_token"])


async def test_the_jwks_route_is_public_and_cacheable(intake: IntakeHarness) -> None:
    intake.client.cookies.clear()
    response = await intake.client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=300"
    (key,) = response.json()["keys"]
    assert {k: key[k] for k in ("kty", "crv", "alg", "use")} == {
        "kty": "OKP",
        "crv": "Ed25519",
        "alg": "EdDSA",
        "use": "sig",
    }
    assert "d" not in key, "never the private part"


async def test_intake_accepts_its_own_access_token_and_refuses_others(
    intake: IntakeHarness, clock: SettableClock
) -> None:
    answer = await log_in(intake.client, "officer")
    intake.client.cookies.clear()
    me = await intake.client.get("/auth/me", headers=bearer(answer["access_token"]))
    assert me.status_code == 200 and me.json()["person_id"] == "officer"
    listed = await intake.client.get("/submissions", headers=bearer(answer["access_token"]))
    assert listed.status_code == 200
    foreign = TestTokens(clock).token("officer", unit="hs", roles=("officer",))  # another key
    key = intake.app.state.authenticator.access.keys.current
    principal = Principal("officer", "李明", "hs", ("officer",), "any-session")
    for_scoring_only, _ = issue(key, principal, clock(), audience=("xinbao-scoring",))
    for token in (foreign, for_scoring_only):
        assert (await intake.client.get("/auth/me", headers=bearer(token))).status_code == 401


async def test_a_fresh_access_token_comes_with_the_cookie_the_session_token_or_an_access_token(
    intake: IntakeHarness, clock: SettableClock
) -> None:
    answer = await log_in(intake.client, "officer")  # keeps the cookie
    clock.advance(minutes=10)
    by_cookie = await intake.client.post("/auth/token")
    assert by_cookie.status_code == 200, by_cookie.text
    renewed = by_cookie.json()
    assert renewed["access_expires_at"] > answer["access_expires_at"]
    intake.client.cookies.clear()
    for credential in (answer["token"], renewed["access_token"]):
        response = await intake.client.post("/auth/token", headers=bearer(credential))
        assert response.status_code == 200, response.text
    clock.advance(minutes=10)  # the first access token expired; the renewed one still lives
    verifier = jwks_verifier(intake.app, "notify", clock)
    assert (await verifier.verify(renewed["access_token"])).subject == "officer"
    expired = await intake.client.post("/auth/token", headers=bearer(answer["access_token"]))
    assert expired.status_code == 401
    assert (await intake.client.post("/auth/token")).status_code == 401


async def test_an_access_token_never_outlives_its_session(clock: SettableClock) -> None:
    app = create_app(
        memory=MemoryDatabase(),
        clock=clock,
        bcrypt_rounds=4,
        bootstrap_admin_password=ADMIN_PASSWORD,
        session_hours=0.1,
    )
    async with client_of(app) as client:
        answer = await log_in(client, "admin", ADMIN_PASSWORD)
    assert answer["access_expires_at"] == answer["expires_at"]
    principal = await TokenVerifier(
        StaticKeys(app.state.authenticator.access.keys.jwks()), "scoring", clock
    ).verify(answer["access_token"])
    assert principal.unit_id is None and principal.roles == ("admin",)


async def test_logout_revokes_the_session_through_the_outbox(
    intake: IntakeHarness, clock: SettableClock
) -> None:
    answer = await log_in(intake.client, "officer")
    scoring = jwks_verifier(intake.app, "scoring", clock)
    session_id = (await scoring.verify(answer["access_token"])).session_id
    intake.client.cookies.clear()
    out = await intake.client.post("/auth/logout", headers=bearer(answer["access_token"]))
    assert out.status_code == 204
    assert (await intake.client.get("/auth/me", headers=bearer(answer["access_token"]))).status_code == 401
    (event,) = await revocations_applied(intake, scoring)
    assert (event["person_id"], event["session_id"], event["reason"]) == ("officer", session_id, "logout")
    with pytest.raises(InvalidToken, match="ended"):
        await scoring.verify(answer["access_token"])
    other_session = await log_in(intake.client, "officer")
    assert (await scoring.verify(other_session["access_token"])).subject == "officer"


async def test_a_password_change_voids_every_access_token_of_the_person(
    intake: IntakeHarness, clock: SettableClock
) -> None:
    first, second = await log_in(intake.client, "officer"), await log_in(intake.client, "officer")
    intake.client.cookies.clear()
    changed = await intake.client.post(
        "/auth/password",
        headers=bearer(first["token"]),
        json={"old_password": PASSWORD, "new_password": "new-password-1"},
    )
    assert changed.status_code == 204, changed.text
    incentives = jwks_verifier(intake.app, "incentives", clock)
    (event,) = await revocations_applied(intake, incentives)
    assert (event["person_id"], event["session_id"], event["reason"]) == ("officer", None, "password_changed")
    for answer in (first, second):
        with pytest.raises(InvalidToken):
            await incentives.verify(answer["access_token"])
        refused = await intake.client.get("/auth/me", headers=bearer(answer["access_token"]))
        assert refused.status_code == 401, "intake follows its own revocations"
    clock.advance(seconds=1)
    renewed = await intake.client.post("/auth/token", headers=bearer(first["token"]))
    assert (await incentives.verify(renewed.json()["access_token"])).subject == "officer"


async def test_an_admin_reset_or_a_role_change_revokes_the_persons_tokens(
    intake: IntakeHarness, clock: SettableClock
) -> None:
    officer, head = await log_in(intake.client, "officer"), await log_in(intake.client, "head")
    await intake.ok("PUT", "/people/officer/password", as_="county-admin", json={"password": "reset-pass-1"})
    person = {"person_id": "head", "name": "张镇长", "unit_id": "hs", "roles": ["unit_head", "officer"]}
    await intake.ok("POST", "/people", as_="county-admin", json=person)
    await intake.ok("POST", "/people", as_="county-admin", json=person)  # unchanged: nothing revoked
    notify = jwks_verifier(intake.app, "notify", clock)
    events = await revocations_applied(intake, notify)
    assert [(e["person_id"], e["reason"]) for e in events] == [
        ("officer", "password_changed"),
        ("head", "roles_changed"),
    ]
    for answer in (officer, head):
        with pytest.raises(InvalidToken):
            await notify.verify(answer["access_token"])
    clock.advance(seconds=1)
    again = await log_in(intake.client, "head")
    assert (await notify.verify(again["access_token"])).roles == ("unit_head", "officer")


# --- keys: configuration and rotation --------------------------------------------------------


def pems(*keys: SigningKey) -> str:
    return "".join(key.private_pem() for key in keys)


def client_of(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake")


class Deployed:
    """Whichever intake runs right now (a rolling restart swaps it), as one ASGI app."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


@pytest.fixture
def memory() -> MemoryDatabase:
    return MemoryDatabase()


@pytest.fixture
def intake_with_keys(memory: MemoryDatabase, clock: SettableClock) -> Any:
    def build(*keys: SigningKey) -> Any:
        return create_app(
            memory=memory,
            clock=clock,
            bcrypt_rounds=4,
            bootstrap_admin_password=ADMIN_PASSWORD,
            signing_keys=pems(*keys),
        )

    return build


@pytest.fixture
def seconds() -> list[float]:
    """The monotonic clock of the JWKS cache."""
    return [0.0]


async def test_jwks_lists_every_configured_key_and_the_first_signs(
    intake_with_keys: Any, clock: SettableClock
) -> None:
    new, old = generate(), generate()
    app = intake_with_keys(new, old)
    async with client_of(app) as client:
        jwks = (await client.get("/.well-known/jwks.json")).json()
        answer = await log_in(client, "admin", ADMIN_PASSWORD)
    assert [k["kid"] for k in jwks["keys"]] == [new.kid, old.kid]
    assert jwt.get_unverified_header(answer["access_token"])["kid"] == new.kid


async def test_rotation_keeps_old_tokens_valid_while_listed_and_picks_up_the_new_key(
    intake_with_keys: Any, clock: SettableClock, seconds: list[float]
) -> None:
    old, new = generate(), generate()
    deployed = Deployed(intake_with_keys(old))
    verifier = jwks_verifier(deployed, "scoring", clock, monotonic=lambda: seconds[0])
    async with client_of(deployed) as client:
        before = await log_in(client, "admin", ADMIN_PASSWORD)
        assert await verifier.verify(before["access_token"])

        deployed.app = intake_with_keys(new, old)  # step 1: the new key in front
        seconds[0] += 60
        after = await log_in(client, "admin", ADMIN_PASSWORD)
        assert (await verifier.verify(after["access_token"])).subject == "admin", "new key picked up"
        assert (await verifier.verify(before["access_token"])).subject == "admin", "old still listed"

        deployed.app = intake_with_keys(new)  # step 2: the old key dropped
        seconds[0] += 601  # the cache's max age
        with pytest.raises(InvalidToken, match="unknown key id"):
            await verifier.verify(before["access_token"])
        assert await verifier.verify(after["access_token"])


def test_production_refuses_to_start_without_signing_keys() -> None:
    required = {"environment": "production", "secret_key": "s" * 40}
    with pytest.raises(ValidationError, match="INTAKE_SIGNING_KEYS or INTAKE_SIGNING_KEYS_FILE is required"):
        IntakeSettings(**required)
    with pytest.raises(ValidationError, match="no PEM private key"):
        IntakeSettings(**required, signing_keys="not a key")
    assert IntakeSettings(**required, signing_keys=pems(generate())).keys.current


def test_keys_come_from_a_mounted_file_and_locally_one_is_made_per_process(tmp_path: Any) -> None:
    new, old = generate(), generate()
    path = tmp_path / "signing-keys.pem"
    path.write_text(pems(new, old))
    assert [k.kid for k in IntakeSettings(signing_keys_file=str(path)).keys.keys] == [new.kid, old.kid]
    with pytest.raises(ValidationError, match="cannot read the signing key file"):
        IntakeSettings(signing_keys_file=str(tmp_path / "missing.pem"))
    assert IntakeSettings().keys.current.kid != IntakeSettings().keys.current.kid

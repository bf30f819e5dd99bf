"""Access tokens (shared.auth): what a verifier refuses, how intake's JWKS is fetched and cached,
and how revocations void tokens (the scope rule: test_auth_principal.py)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from shared.auth import (
    InvalidToken,
    JwksKeys,
    Principal,
    Revocations,
    StaticKeys,
    TokenVerifier,
    generate,
    issue,
)
from shared.auth.keys import jwks_of
from shared.auth.revocation import KEEP
from shared.auth.subscriber import apply_revocation
from shared.clock import SettableClock
from shared.contracts import SessionRevoked

KEY = generate()
OFFICER = Principal("p-1", "李明", "t-1", ("officer",), "s-1")


def verifier(
    clock: SettableClock, service: str = "scoring", revocations: Revocations | None = None
) -> TokenVerifier:
    return TokenVerifier(StaticKeys(jwks_of([KEY])), service, clock, revocations)


def token(clock: SettableClock, principal: Principal = OFFICER, **options: Any) -> str:
    return issue(KEY, principal, clock(), **options)[0]


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims_of(clock: SettableClock, **changes: Any) -> dict[str, Any]:
    claims = jwt.decode(token(clock), options={"verify_signature": False})
    return {**claims, **changes}


def hs256(header: dict[str, Any], claims: dict[str, Any], secret: bytes) -> str:
    """An HMAC-signed token made by hand (PyJWT itself refuses to sign with a public key)."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


async def refused(clock: SettableClock, forged: str, reason: str, service: str = "scoring") -> None:
    with pytest.raises(InvalidToken, match=reason):
        await verifier(clock, service).verify(forged)


# --- what a verifier accepts and refuses ---------------------------------------------------


async def test_a_token_carries_the_principal_to_every_service(clock: SettableClock) -> None:
    for service in ("intake", "scoring", "incentives", "notify"):
        principal = await verifier(clock, service).verify(token(clock))
        assert principal.subject == "p-1" and principal.unit_id == "t-1"
        assert (principal.roles, principal.session_id, principal.kind) == (("officer",), "s-1", "person")
        assert principal.expires_at == clock() + timedelta(minutes=15)


async def test_a_changed_payload_breaks_the_signature(clock: SettableClock) -> None:
    header, _, signature = token(clock).split(".")
    promoted = b64(json.dumps(claims_of(clock, roles=["admin"], unit=None)).encode())
    await refused(clock, f"{header}.{promoted}.{signature}", "Signature verification failed")


async def test_a_token_signed_with_another_key_is_refused(clock: SettableClock) -> None:
    other = generate()
    same_kid = jwt.encode(claims_of(clock), other.private, algorithm="EdDSA", headers={"kid": KEY.kid})
    await refused(clock, same_kid, "Signature verification failed")
    own_kid = issue(other, OFFICER, clock())[0]
    await refused(clock, own_kid, "unknown key id")


async def test_alg_none_is_refused(clock: SettableClock) -> None:
    unsigned = jwt.encode(claims_of(clock), None, algorithm="none", headers={"kid": KEY.kid})
    await refused(clock, unsigned, "algorithm 'none' is not accepted")
    header = b64(json.dumps({"alg": "none", "kid": KEY.kid}).encode())
    await refused(clock, f"{header}.{b64(json.dumps(claims_of(clock)).encode())}.", "not accepted")


async def test_hs256_signed_with_the_public_key_is_refused(clock: SettableClock) -> None:
    public = KEY.public
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    header = {"alg": "HS256", "kid": KEY.kid, "typ": "JWT"}
    for secret in (raw, pem, KEY.public_jwk()["x"].encode()):
        await refused(clock, hs256(header, claims_of(clock), secret), "algorithm 'HS256' is not accepted")


async def test_an_expired_token_is_refused_after_the_leeway(clock: SettableClock) -> None:
    issued = token(clock, ttl=timedelta(minutes=5))
    clock.advance(minutes=5, seconds=29)
    assert await verifier(clock).verify(issued)
    clock.advance(seconds=1)
    await refused(clock, issued, "expired")


async def test_a_token_from_the_future_is_refused(clock: SettableClock) -> None:
    early = issue(KEY, OFFICER, clock() + timedelta(minutes=2))[0]
    await refused(clock, early, "issued in the future")


async def test_a_token_for_another_audience_is_refused(clock: SettableClock) -> None:
    for_scoring = token(clock, audience=("xinbao-scoring",))
    assert await verifier(clock, "scoring").verify(for_scoring)
    await refused(clock, for_scoring, "not meant for xinbao-incentives", service="incentives")


async def test_unknown_or_missing_key_ids_and_wrong_issuers_are_refused(clock: SettableClock) -> None:
    claims = claims_of(clock)
    await refused(
        clock,
        jwt.encode(claims, KEY.private, algorithm="EdDSA", headers={"kid": "nope"}),
        "unknown key id nope",
    )
    await refused(clock, jwt.encode(claims, KEY.private, algorithm="EdDSA"), "names no key id")
    stranger = jwt.encode(
        {**claims, "iss": "someone-else"}, KEY.private, algorithm="EdDSA", headers={"kid": KEY.kid}
    )
    await refused(clock, stranger, "issuer")
    bad_roles = jwt.encode(
        {**claims, "roles": "admin"}, KEY.private, algorithm="EdDSA", headers={"kid": KEY.kid}
    )
    await refused(clock, bad_roles, "malformed claims")
    await refused(clock, "not-a-jwt", "not a JWT")


# --- intake's JWKS, fetched and cached ---------------------------------------------------


class Intake:
    """A JWKS endpoint whose keys a test changes, counting the fetches."""

    def __init__(self, *keys: Any) -> None:
        self.keys = list(keys)
        self.fetches = 0
        self.down = False

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        if self.down:
            return httpx.Response(503)
        return httpx.Response(200, json=jwks_of(self.keys))


def jwks_keys(intake: Intake, seconds: list[float]) -> JwksKeys:
    return JwksKeys(
        "http://intake/.well-known/jwks.json",
        transport=httpx.MockTransport(intake.handle),
        max_age=600,
        min_interval=10,
        monotonic=lambda: seconds[0],
    )


async def test_an_unknown_key_id_refetches_at_most_every_min_interval() -> None:
    old, new = generate(), generate()
    intake, seconds = Intake(old), [100.0]
    keys = jwks_keys(intake, seconds)
    assert await keys.key(old.kid) is not None and intake.fetches == 1
    assert await keys.key(old.kid) is not None and intake.fetches == 1, "cached"
    intake.keys = [new, old]  # rotation: the new key in front
    seconds[0] += 5
    assert await keys.key(new.kid) is None and intake.fetches == 1, "within min_interval: no fetch"
    assert await keys.key("forged") is None and intake.fetches == 1
    seconds[0] += 5
    assert await keys.key(new.kid) is not None and intake.fetches == 2, "picked up"
    assert await keys.key("forged") is None and intake.fetches == 2
    seconds[0] += 10
    assert await keys.key("forged") is None and intake.fetches == 3, "one fetch per interval"


async def test_the_cache_expires_after_max_age_and_survives_an_outage() -> None:
    old, new = generate(), generate()
    intake, seconds = Intake(old), [0.0]
    keys = jwks_keys(intake, seconds)
    assert await keys.key(old.kid) is not None
    intake.keys = [new]
    seconds[0] += 599
    assert await keys.key(old.kid) is not None and intake.fetches == 1
    seconds[0] += 1
    assert await keys.key(old.kid) is None and intake.fetches == 2, "dropped key gone"
    intake.down = True
    seconds[0] += 600
    assert await keys.key(new.kid) is not None and intake.fetches == 3, "kept through the outage"
    assert await keys.key(new.kid) is not None and intake.fetches == 3, "no fetch on every request"
    seconds[0] += 10
    assert await keys.key(new.kid) is not None and intake.fetches == 4, "retried after min_interval"


async def test_a_verifier_over_jwks_accepts_the_rotated_key(clock: SettableClock) -> None:
    new = generate()
    intake, seconds = Intake(KEY), [0.0]
    jwks_verifier = TokenVerifier(jwks_keys(intake, seconds), "notify", clock)
    old_token = token(clock)
    assert await jwks_verifier.verify(old_token)
    intake.keys = [new, KEY]
    seconds[0] += 30
    assert (await jwks_verifier.verify(issue(new, OFFICER, clock())[0])).subject == "p-1"
    assert await jwks_verifier.verify(old_token)


# --- revocations ---------------------------------------------------------------------------


async def test_a_revoked_session_voids_its_tokens_only(clock: SettableClock) -> None:
    revocations = Revocations()
    logged_out = token(clock)
    elsewhere = token(clock, Principal("p-1", "李明", "t-1", ("officer",), "s-2"))
    apply_revocation(
        revocations,
        SessionRevoked.originated(
            producer="intake", occurred_at=clock(), person_id="p-1", session_id="s-1", reason="logout"
        ),
    )
    checking = verifier(clock, revocations=revocations)
    with pytest.raises(InvalidToken, match="ended"):
        await checking.verify(logged_out)
    assert (await checking.verify(elsewhere)).session_id == "s-2"


async def test_a_revoked_person_loses_the_tokens_issued_until_then(clock: SettableClock) -> None:
    revocations = Revocations()
    before = token(clock)
    revoked_at = clock.advance(seconds=1)
    apply_revocation(
        revocations,
        SessionRevoked.originated(
            producer="intake", occurred_at=revoked_at, person_id="p-1", reason="roles_changed"
        ),
    )
    revocations.revoke_person("p-1", revoked_at - timedelta(minutes=5))  # a late, older event
    clock.advance(milliseconds=1)
    after = token(clock)
    checking = verifier(clock, revocations=revocations)
    with pytest.raises(InvalidToken):
        await checking.verify(before)
    assert await checking.verify(after), "a token issued after the change lives"
    assert await checking.verify(token(clock, Principal("p-2", "", "t-1", ()))), "others unaffected"


def test_revocations_are_forgotten_once_no_token_they_concern_can_live(clock: SettableClock) -> None:
    revocations = Revocations()
    revocations.revoke_session("s-1", clock())
    revocations.revoke_person("p-1", clock())
    issued = clock() - timedelta(seconds=1)
    assert revocations.revoked(OFFICER, issued, clock())
    assert revocations.revoked(OFFICER, issued, clock() + KEEP)
    assert not revocations.revoked(OFFICER, issued, clock() + KEEP + timedelta(seconds=1))
    assert not revocations.sessions and not revocations.people
    assert timedelta(minutes=55, seconds=30) < KEEP, "longer than the longest token lives"

"""Access tokens: short-lived JWTs that intake signs and every service verifies locally.

    header   {"alg": "EdDSA", "kid": <RFC 7638 thumbprint>, "typ": "JWT"}
    claims   iss "xinbao-intake", aud [the four services], sub (person id or svc:<name>),
             name, unit (the unit the caller acts for; null for the bootstrap admin), roles,
             sid (intake's session), kind ("person" | "service"), iat, exp, jti

Verification (PyJWT) accepts EdDSA only, so ``alg: none`` and HMAC tricks with the public
key fail; the key id must be one the key source knows (it refetches intake's JWKS once when
it meets a new id: that is how a rotated key is picked up); the audience must name this
service; expiry is checked against the service's clock with a small leeway. Log-out and
role or password changes reach the services as ``SessionRevoked`` events (see
:mod:`shared.auth.revocation`), so a revoked token stops working within moments, and at
the latest when it expires (15 minutes by default).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.auth.keys import ALGORITHM, SigningKey, public_keys
from shared.auth.principal import Principal
from shared.auth.revocation import Revocations
from shared.clock import Clock, system_clock

ISSUER = "xinbao-intake"
SERVICES = ("intake", "scoring", "incentives", "notify")
AUDIENCES = tuple(f"xinbao-{service}" for service in SERVICES)
DEFAULT_TTL = timedelta(minutes=15)

log = logging.getLogger(__name__)


class InvalidToken(Exception):
    """The token is malformed, forged, expired, revoked or not meant for this service."""


def audience_of(service: str) -> str:
    return f"xinbao-{service}"


def issue(
    key: SigningKey,
    principal: Principal,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
    audience: Sequence[str] = AUDIENCES,
) -> tuple[str, datetime]:
    """A signed access token for ``principal`` and the moment it expires."""
    expires = now + ttl
    claims = {
        "iss": ISSUER,
        "aud": list(audience),
        "sub": principal.subject,
        "name": principal.name,
        "unit": principal.unit_id,
        "roles": list(principal.roles),
        "sid": principal.session_id,
        "kind": principal.kind,
        "iat": round(now.timestamp(), 3),  # ms: a revocation at 12:00:00.5 spares a token of 12:00:00.7
        "exp": int(expires.timestamp()),
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(claims, key.private, algorithm=ALGORITHM, headers={"kid": key.kid, "typ": "JWT"})
    return token, expires


class KeySource(Protocol):
    async def key(self, kid: str) -> Ed25519PublicKey | None:
        """The public key with id ``kid``, or None when there is none."""
        ...


class StaticKeys:
    """Keys given up front (configured JWKS, or intake's own keys in-process)."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self.keys = public_keys(jwks)

    async def key(self, kid: str) -> Ed25519PublicKey | None:
        return self.keys.get(kid)


class JwksKeys:
    """Intake's JWKS fetched over HTTP and cached: refreshed every ``max_age``, and at once
    (but at most every ``min_interval``) when a token names a key id not seen yet."""

    def __init__(
        self,
        url: str,
        *,
        max_age: float = 600.0,
        min_interval: float = 10.0,
        timeout: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.max_age = max_age
        self.min_interval = min_interval
        self.timeout = timeout
        self.transport = transport
        self.monotonic = monotonic
        self.keys: dict[str, Ed25519PublicKey] = {}
        self.fetched_at: float | None = None
        self.lock = asyncio.Lock()

    async def key(self, kid: str) -> Ed25519PublicKey | None:
        now = self.monotonic()
        stale = self.fetched_at is None or now - self.fetched_at >= self.max_age
        may_refetch = self.fetched_at is None or now - self.fetched_at >= self.min_interval
        unknown = kid not in self.keys and may_refetch
        if stale or unknown:
            await self.refresh(now)
        return self.keys.get(kid)

    async def refresh(self, asked_at: float) -> None:
        async with self.lock:
            if self.fetched_at is not None and self.fetched_at >= asked_at:
                return  # another request refreshed while this one waited
            try:
                async with httpx.AsyncClient(timeout=self.timeout, transport=self.transport) as client:
                    response = await client.get(self.url)
                response.raise_for_status()
                keys = public_keys(response.json())
            except (httpx.HTTPError, ValueError) as error:
                log.warning("cannot fetch the JWKS at %s: %s", self.url, error)
                # keep the keys we have; try again after min_interval, not on every request
                self.fetched_at = self.monotonic() - max(0.0, self.max_age - self.min_interval)
                return
            self.keys = keys
            self.fetched_at = self.monotonic()


class TokenVerifier:
    """Verifies access tokens for one service (its audience) against a key source."""

    def __init__(
        self,
        keys: KeySource,
        service: str,
        clock: Clock = system_clock,
        revocations: Revocations | None = None,
        leeway: timedelta = timedelta(seconds=30),
    ) -> None:
        self.keys = keys
        self.audience = audience_of(service)
        self.clock = clock
        self.revocations = revocations or Revocations()
        self.leeway = leeway

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise InvalidToken("not a JWT") from None
        if header.get("alg") != ALGORITHM:
            raise InvalidToken(f"algorithm {header.get('alg')!r} is not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("the token names no key id")
        key = await self.keys.key(kid)
        if key is None:
            raise InvalidToken(f"unknown key id {kid}")
        try:
            claims = jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=self.audience, issuer=ISSUER,
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False,
                         "require": ["exp", "iat", "sub", "aud", "iss"]},
            )
        except jwt.InvalidAudienceError:
            raise InvalidToken(f"the token is not meant for {self.audience}") from None
        except jwt.PyJWTError as error:
            raise InvalidToken(f"invalid token: {error}") from None
        principal, issued = _principal(claims)
        now = self.clock()
        if principal.expires_at is not None and now >= principal.expires_at + self.leeway:
            raise InvalidToken("the token has expired: ask intake for a new one (POST /auth/token)")
        if issued > now + self.leeway:
            raise InvalidToken("the token was issued in the future")
        if self.revocations.revoked(principal, issued, now):
            raise InvalidToken("the session behind this token has ended (logged out or changed)")
        return principal


def _principal(claims: dict[str, Any]) -> tuple[Principal, datetime]:
    try:
        roles = claims.get("roles") or []
        unit = claims.get("unit")
        kind = claims.get("kind", "person")
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise TypeError("roles")
        if unit is not None and not isinstance(unit, str):
            raise TypeError("unit")
        if kind not in ("person", "service"):
            raise TypeError("kind")
        principal = Principal(
            subject=str(claims["sub"]),
            name=str(claims.get("name", "")),
            unit_id=unit,
            roles=tuple(roles),
            session_id=str(claims.get("sid", "")),
            kind=kind,
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
        )
        issued = datetime.fromtimestamp(float(claims["iat"]), UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError) as error:
        raise InvalidToken(f"malformed claims ({error})") from None
    return principal, issued

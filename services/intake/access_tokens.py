"""Access tokens: intake signs them at log-in (and on ``POST /auth/token``) for every service,
publishes its public keys at ``GET /.well-known/jwks.json``, and accepts its own tokens too.

The design is shared/auth/README.md: EdDSA, ``kid`` = the key's thumbprint, 15 minutes by
default, never beyond the session they were issued for. Intake verifies its own tokens like any
service (its keys, audience ``xinbao-intake``, the revocations it follows) and then still looks
the session up, so a log-out takes effect in intake at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from services.intake.domain import User
from shared.auth import (
    AUDIENCES,
    InvalidToken,
    Principal,
    Revocations,
    SigningKeys,
    StaticKeys,
    TokenVerifier,
    issue,
)
from shared.clock import Clock

SERVICE = "intake"
JWKS_PATH = "/.well-known/jwks.json"
JWKS_MAX_AGE = 300
"""Seconds caches may keep the key set (the services refetch at once on an unknown key id)."""


class AccessTokens:
    """Issues access tokens with the current key and verifies intake's own."""

    def __init__(self, keys: SigningKeys, ttl: timedelta, clock: Clock) -> None:
        self.keys = keys
        self.ttl = ttl
        self.clock = clock
        self.verifier = TokenVerifier(StaticKeys(keys.jwks()), SERVICE, clock, Revocations())

    @property
    def revocations(self) -> Revocations:
        return self.verifier.revocations

    def issue_for(
        self,
        user: User,
        session_id: str,
        session_expires: datetime,
        audience: Sequence[str] = AUDIENCES,
        ttl: timedelta | None = None,
    ) -> tuple[str, datetime]:
        """A token for ``user`` in session ``session_id`` and when it expires (at the latest
        when the session does). ``audience`` narrows the services that accept it."""
        now = self.clock()
        principal = Principal(
            subject=user.person_id,
            name=user.name,
            unit_id=user.unit_id,
            roles=tuple(user.roles),
            session_id=session_id,
        )
        lifetime = min(ttl or self.ttl, self.ttl, session_expires - now)
        return issue(self.keys.current, principal, now, lifetime, audience)

    async def principal_of(self, token: str) -> Principal | None:
        """The caller an access token names, or None when it is not valid (any more)."""
        try:
            return await self.verifier.verify(token)
        except InvalidToken:
            return None


def is_access_token(token: str) -> bool:
    """A JWT (three dot-separated parts, not intake's own ``xb1.`` session token)."""
    return token.count(".") == 2 and not token.startswith("xb1.")


def jwks_router(tokens: AccessTokens) -> APIRouter:
    api = APIRouter(tags=["authentication"])

    @api.get(JWKS_PATH, summary="The public keys of access tokens (JWKS), for the other services")
    async def jwks() -> JSONResponse:
        """Every key that may have signed a live token; the first signs new ones. Public."""
        return JSONResponse(tokens.keys.jwks(), headers={"Cache-Control": f"public, max-age={JWKS_MAX_AGE}"})

    return api

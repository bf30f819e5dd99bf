"""Tokens for tests: a key of their own, a verifier that trusts it, and headers to send.

    tokens = TestTokens(clock)
    app = create_app(..., verifier=tokens.verifier("incentives"))
    client.get("/standings", headers=tokens.headers("p-1", unit="county-1", roles=("office_head",)))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from fastapi import FastAPI

from shared.auth.keys import SigningKey, generate, jwks_of
from shared.auth.principal import Principal
from shared.auth.revocation import Revocations
from shared.auth.tokens import AUDIENCES, DEFAULT_TTL, StaticKeys, TokenVerifier, issue
from shared.clock import Clock, system_clock

METHODS = ("get", "post", "put", "patch", "delete")


class TestTokens:
    __test__ = False  # not a pytest test class

    def __init__(self, clock: Clock = system_clock, key: SigningKey | None = None) -> None:
        self.clock = clock
        self.key = key or generate()
        self.revocations = Revocations()

    def jwks(self) -> dict[str, Any]:
        return jwks_of([self.key])

    def verifier(self, service: str) -> TokenVerifier:
        return TokenVerifier(StaticKeys(self.jwks()), service, self.clock, self.revocations)

    def token(
        self,
        subject: str,
        *,
        unit: str | None = None,
        roles: Iterable[str] = (),
        name: str = "",
        session_id: str = "test-session",
        kind: str = "person",
        ttl: timedelta = DEFAULT_TTL,
        audience: Iterable[str] = AUDIENCES,
    ) -> str:
        principal = Principal(subject, name or subject, unit, tuple(roles), session_id, kind)  # type: ignore[arg-type]
        token, _ = issue(self.key, principal, self.clock(), ttl, tuple(audience))
        return token

    def headers(self, subject: str, **claims: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(subject, **claims)}"}  # type: ignore[arg-type]


def openapi_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (METHOD, path template) the app's OpenAPI document lists."""
    paths = app.openapi()["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method in item if method in METHODS}

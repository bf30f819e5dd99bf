"""Building a service's token verifier from its settings (the composition root calls this)."""

from __future__ import annotations

import json
from pathlib import Path

from shared.auth.keys import KeyProblem
from shared.auth.revocation import Revocations
from shared.auth.tokens import JwksKeys, KeySource, StaticKeys, TokenVerifier
from shared.clock import Clock, system_clock


def key_source(jwks_url: str, jwks_file: str = "") -> KeySource:
    """Configured public keys (a mounted JWKS file) when given, else intake's JWKS over HTTP."""
    if jwks_file:
        path = Path(jwks_file)
        try:
            return StaticKeys(json.loads(path.read_text()))
        except (OSError, ValueError) as error:
            raise KeyProblem(f"cannot read the JWKS file {path}: {error}") from None
    return JwksKeys(jwks_url)


def build_verifier(
    service: str, jwks_url: str, jwks_file: str = "", clock: Clock = system_clock,
    revocations: Revocations | None = None,
) -> TokenVerifier:
    return TokenVerifier(key_source(jwks_url, jwks_file), service, clock, revocations)

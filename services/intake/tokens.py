"""Session tokens: ``xb1.<claims>.<signature>``, base64url, signed with HMAC-SHA256.

The claims name the person, the session (so a log-out revokes the token) and the expiry.
A token proves nothing beyond that: the session and the person are looked up on every
request, so revoked sessions and changed roles take effect at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

_PREFIX = "xb1"


class InvalidToken(Exception):
    """The token is malformed, not signed with our key, or expired."""


@dataclass(frozen=True)
class Claims:
    person_id: str
    session_id: str
    expires_at: datetime


def issue(key: bytes, claims: Claims) -> str:
    """A signed token carrying ``claims``."""
    body = json.dumps(
        {"sub": claims.person_id, "sid": claims.session_id, "exp": int(claims.expires_at.timestamp())},
        separators=(",", ":"),
    ).encode()
    payload = _b64(body)
    return f"{_PREFIX}.{payload}.{_b64(_sign(key, payload))}"


def verify(key: bytes, token: str, now: datetime) -> Claims:
    """The claims of a token we signed that has not expired; InvalidToken otherwise."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _PREFIX:
        raise InvalidToken("not a session token")
    _, payload, signature = parts
    try:
        valid = hmac.compare_digest(_unb64(signature), _sign(key, payload))
        if not valid:
            raise InvalidToken("bad signature")
        data = json.loads(_unb64(payload))
        expires = datetime.fromtimestamp(int(data["exp"]), UTC)
        claims = Claims(str(data["sub"]), str(data["sid"]), expires)
    except (ValueError, KeyError, TypeError, OverflowError, OSError) as error:
        raise InvalidToken("malformed token") from error
    if now >= claims.expires_at:
        raise InvalidToken("expired")
    return claims


def _sign(key: bytes, payload: str) -> bytes:
    return hmac.new(key, f"{_PREFIX}.{payload}".encode(), hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

"""Webhook signatures and API-key hashes. Pure (standard library only).

A webhook request carries ``X-Xinbao-Timestamp`` (Unix seconds), ``X-Xinbao-Delivery``
(unique per delivery, the same on every retry of it) and ``X-Xinbao-Signature:
sha256=<hex>``, the HMAC-SHA256 of ``timestamp + "." + body`` under the agency's secret.
A receiver recomputes it, rejects timestamps outside its window (a replayed old request)
and remembers delivery ids it has processed (a replay inside the window, or our retry of
a request it already handled).
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Xinbao-Signature"
TIMESTAMP_HEADER = "X-Xinbao-Timestamp"
DELIVERY_HEADER = "X-Xinbao-Delivery"
EVENT_HEADER = "X-Xinbao-Event"
DEFAULT_TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    now: float,
    tolerance: float = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """True when the signature matches and the timestamp lies within ``tolerance`` of ``now``."""
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs(now - sent) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent, body), signature)


def hash_api_key(key: str) -> str:
    """What is stored of an API key: its SHA-256 (keys are long random tokens, so no salt)."""
    return hashlib.sha256(key.encode()).hexdigest()

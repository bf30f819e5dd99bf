"""Password hashing with bcrypt.

The password is first reduced with SHA-256 (base64, 44 bytes) because bcrypt reads at most
72 bytes, which a long Chinese passphrase exceeds. Hashing is slow on purpose: call these
through ``asyncio.to_thread`` from async code.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

import bcrypt

MIN_LENGTH = 8


def hash_password(password: str, rounds: int) -> str:
    """A bcrypt hash of ``password`` at cost ``rounds``."""
    return bcrypt.hashpw(_reduce(password), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, hashed: str | None, rounds: int = 10) -> bool:
    """Whether ``password`` matches ``hashed``; with no hash, spend the same time and say no
    (so that response times do not tell which person ids exist)."""
    if hashed is None:
        bcrypt.checkpw(_reduce(password), _dummy(rounds))
        return False
    try:
        return bcrypt.checkpw(_reduce(password), hashed.encode())
    except ValueError:
        return False


def _reduce(password: str) -> bytes:
    return base64.b64encode(hashlib.sha256(password.encode()).digest())


@cache
def _dummy(rounds: int) -> bytes:
    return bcrypt.hashpw(b"never-a-password", bcrypt.gensalt(rounds))

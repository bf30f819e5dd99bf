"""Signing keys and the JWKS document: Ed25519 (JOSE ``EdDSA``), key ids by RFC 7638.

Intake holds the private keys; the first of :class:`SigningKeys` signs, every key in it is
published, so a key can be rotated without downtime: add the new key first, keep the old
one listed until the longest-lived token it signed has expired, then drop it.

Keys come from PEM text (``-----BEGIN PRIVATE KEY-----``, PKCS#8), from an environment
variable or a mounted file (Kubernetes Secret), or are generated for local development.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "EdDSA"


class KeyProblem(ValueError):
    """A key could not be read: the message says which and why."""


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    kid: str

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def public_jwk(self) -> dict[str, Any]:
        return {**_okp(self.public), "kid": self.kid, "alg": ALGORITHM, "use": "sig"}

    def private_pem(self) -> str:
        return self.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()


def _okp(public: Ed25519PublicKey) -> dict[str, str]:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}


def thumbprint(public: Ed25519PublicKey) -> str:
    """The RFC 7638 JWK thumbprint (SHA-256, base64url): a key id that names the key itself."""
    canonical = json.dumps(_okp(public), sort_keys=True, separators=(",", ":")).encode()
    return _b64(hashlib.sha256(canonical).digest())


def signing_key(private: Ed25519PrivateKey) -> SigningKey:
    return SigningKey(private, thumbprint(private.public_key()))


def generate() -> SigningKey:
    """A new random key (local development and tests)."""
    return signing_key(Ed25519PrivateKey.generate())


def from_pem(text: str, where: str = "the key") -> SigningKey:
    try:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    except (ValueError, TypeError) as error:
        raise KeyProblem(f"{where} is not an unencrypted PEM private key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{where} is a {type(key).__name__}; an Ed25519 key is needed "
                        "(openssl genpkey -algorithm ed25519)")
    return signing_key(key)


def read_pems(text: str, where: str) -> list[SigningKey]:
    """Every PEM private key in ``text`` (several may follow each other), in order."""
    marker = "-----BEGIN PRIVATE KEY-----"
    blocks = [marker + block for block in text.split(marker)[1:]]
    if not blocks:
        raise KeyProblem(f"{where} holds no PEM private key ({marker} ...)")
    return [from_pem(block, f"{where} (key {n})") for n, block in enumerate(blocks, start=1)]


@dataclass(frozen=True)
class SigningKeys:
    """The keys intake publishes; ``current`` (the first) signs new tokens."""

    keys: tuple[SigningKey, ...]

    @property
    def current(self) -> SigningKey:
        return self.keys[0]

    def jwks(self) -> dict[str, Any]:
        return {"keys": [key.public_jwk() for key in self.keys]}


def load_signing_keys(pem: str | None, pem_file: str | None) -> SigningKeys | None:
    """Keys from PEM text or a file of PEM blocks (newest first); None when neither is set."""
    if pem:
        return SigningKeys(tuple(read_pems(pem, "the signing key setting")))
    if pem_file:
        path = Path(pem_file)
        try:
            text = path.read_text()
        except OSError as error:
            raise KeyProblem(f"cannot read the signing key file {path}: {error.strerror}") from None
        return SigningKeys(tuple(read_pems(text, str(path))))
    return None


def public_keys(jwks: dict[str, Any]) -> dict[str, Ed25519PublicKey]:
    """The Ed25519 keys of a JWKS document by key id; other kinds of key are ignored."""
    found: dict[str, Ed25519PublicKey] = {}
    for jwk in jwks.get("keys", []) if isinstance(jwks, dict) else []:
        if not isinstance(jwk, dict) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            continue
        kid, x = jwk.get("kid"), jwk.get("x")
        if not isinstance(kid, str) or not isinstance(x, str):
            continue
        try:
            found[kid] = Ed25519PublicKey.from_public_bytes(_unb64(x))
        except ValueError:
            continue
    return found


def jwks_of(keys: Sequence[SigningKey]) -> dict[str, Any]:
    return SigningKeys(tuple(keys)).jwks()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

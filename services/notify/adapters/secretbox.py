"""Secrets sealed at rest with Fernet (AES-128-CBC + HMAC-SHA256, ``cryptography``).

Webhook signing secrets must be readable again (notify signs every request with them),
so they are encrypted, with the key from ``NOTIFY_SECRETS_KEY`` (or the file
``NOTIFY_SECRETS_KEY_FILE``, a mounted Secret). Several keys, newest first, rotate it:
the first seals, every one opens. Agency API keys only need checking, so they are kept
as hashes instead (see ``domain.signing.hash_api_key``).

Without a configured key, a development key is generated on first start and kept in
``NOTIFY_DEV_SECRETS_KEY_FILE`` (``.run/notify-secrets.key``, git-ignored), so a local
stack can still read its secrets after a restart; the in-memory store of the tests uses
a key that lives as long as the process.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from services.notify.ports import SecretBox, SecretUnreadable

log = logging.getLogger("xinbao.notify.secrets")


class KeyProblem(ValueError):
    """The secrets key setting cannot be used: the message says which and why."""


class FernetBox(SecretBox):
    """Seals with the first key, opens with any."""

    def __init__(self, keys: Sequence[str], where: str = "NOTIFY_SECRETS_KEY") -> None:
        if not keys:
            raise KeyProblem(f"{where} holds no key")
        try:
            self.fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError:
            raise KeyProblem(
                f"{where} must hold Fernet keys (32 url-safe base64 bytes each, comma-separated; "
                "make one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())')"
            ) from None
        self.where = where

    def seal(self, plain: str) -> str:
        return self.fernet.encrypt(plain.encode()).decode()

    def unseal(self, sealed: str) -> str:
        try:
            return self.fernet.decrypt(sealed.encode()).decode()
        except (InvalidToken, ValueError):
            raise SecretUnreadable(
                f"the stored secret does not open with {self.where}: the key was changed without "
                "keeping the old one after it (or the stored value was altered)"
            ) from None


def generate_key() -> str:
    return Fernet.generate_key().decode()


def split_keys(text: str) -> list[str]:
    return [key.strip() for key in text.replace("\n", ",").split(",") if key.strip()]


def secret_box(key: str, key_file: str, dev_key_file: str, *, ephemeral: bool) -> FernetBox:
    """The configured box: the key setting, else the key file, else a development key
    (in memory when ``ephemeral``, else kept in ``dev_key_file``)."""
    if key:
        return FernetBox(split_keys(key))
    if key_file:
        try:
            text = Path(key_file).read_text()
        except OSError as error:
            raise KeyProblem(f"cannot read NOTIFY_SECRETS_KEY_FILE {key_file}: {error.strerror}") from None
        return FernetBox(split_keys(text), key_file)
    if ephemeral:
        return FernetBox([generate_key()], "the in-memory development key")
    if not dev_key_file:
        raise KeyProblem(
            "set NOTIFY_SECRETS_KEY (or NOTIFY_SECRETS_KEY_FILE): webhook secrets are encrypted at rest"
        )
    return FernetBox(split_keys(_development_key(Path(dev_key_file))), str(dev_key_file))


def _development_key(path: Path) -> str:
    """The key in ``path``, made (readable by this user only) on first use."""
    try:
        return path.read_text()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = generate_key()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another instance made it first
        return path.read_text()
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    log.warning("generated a development secrets key in %s; set NOTIFY_SECRETS_KEY in production", path)
    return key

"""Secrets at rest: an agency's webhook secret is stored sealed with NOTIFY_SECRETS_KEY
(Fernet), opens with that key only, and a wrong key fails with a sentence that says so;
its API key is stored only as a hash."""

from __future__ import annotations

import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from services.notify.adapters.secretbox import FernetBox, KeyProblem, generate_key, secret_box
from services.notify.domain.signing import hash_api_key
from services.notify.ports import SecretUnreadable
from services.notify.tests.harness import (
    Clock,
    HttpReceiver,
    Notify,
    adopted,
    received,
    running,
)
from services.notify.usecases.feeds import SEALED_SECRET
from shared.persistence import MemoryDatabase

KEY, OTHER_KEY = generate_key(), generate_key()


@pytest.fixture
def settings(receiver: HttpReceiver) -> dict[str, Any]:
    return {
        "workers_enabled": False,
        "webhook_allow_http": True,
        "webhook_allowed_networks": ["127.0.0.0/8"],
        "secrets_key": KEY,
    }


async def register(notify: Notify, receiver: HttpReceiver) -> dict[str, Any]:
    body = {"agency_id": "acme", "name": "Acme", "delivery": ["webhook"], "webhook_url": f"{receiver.url}/h"}
    made = dict(await notify.ok("POST", "/agencies", json=body))
    await notify.ok("POST", "/agencies/acme/subscriptions", json={"levels": ["city"]})
    return made


async def test_the_stored_agency_holds_neither_the_secret_nor_the_key(
    notify: Notify, receiver: HttpReceiver
) -> None:
    made = await register(notify, receiver)
    stored = notify.memory.table("agencies")["acme"]
    assert made["webhook_secret"] not in str(stored) and made["api_key"] not in str(stored)
    assert stored["api_key_hash"] == hash_api_key(made["api_key"])
    assert FernetBox([KEY]).unseal(stored[SEALED_SECRET]) == made["webhook_secret"]
    listed = await notify.ok("GET", "/agencies")
    assert SEALED_SECRET not in listed[0] and "api_key_hash" not in listed[0]


async def test_the_sealed_secret_does_not_open_with_another_key(
    notify: Notify, receiver: HttpReceiver
) -> None:
    await register(notify, receiver)
    sealed = notify.memory.table("agencies")["acme"][SEALED_SECRET]
    with pytest.raises(SecretUnreadable, match="does not open with NOTIFY_SECRETS_KEY"):
        FernetBox([OTHER_KEY]).unseal(sealed)
    with pytest.raises(SecretUnreadable):
        FernetBox([KEY]).unseal(sealed[:-4] + "AAAA")


async def test_a_rotated_key_list_still_opens_what_the_old_key_sealed() -> None:
    sealed = FernetBox([KEY]).seal("s3cret")
    rotated = FernetBox([OTHER_KEY, KEY])
    assert rotated.unseal(sealed) == "s3cret"
    assert FernetBox([OTHER_KEY]).unseal(rotated.seal("new")) == "new", "the first key seals"


@pytest.fixture
async def restarted_with_another_key(clock: Clock, receiver: HttpReceiver) -> AsyncIterator[Notify]:
    """Agency registered under KEY; the same database then served by an app with OTHER_KEY."""
    memory = MemoryDatabase()
    common: dict[str, Any] = {
        "workers_enabled": False,
        "webhook_allow_http": True,
        "webhook_allowed_networks": ["127.0.0.0/8"],
    }
    async with running(clock, memory, secrets_key=KEY, **common) as first:
        await register(first, receiver)
    async with running(clock, memory, secrets_key=OTHER_KEY, **common) as second:
        yield second


async def test_a_wrong_key_kills_the_webhook_with_a_clear_reason(
    restarted_with_another_key: Notify, receiver: HttpReceiver
) -> None:
    notify = restarted_with_another_key
    await notify.send(received())
    await notify.send(adopted(level="city"))
    assert await notify.dispatch() == 1
    [delivery] = await notify.deliveries(channel="webhook")
    assert delivery["status"] == "dead" and receiver.requests == []
    assert "does not open with NOTIFY_SECRETS_KEY" in delivery["last_error"]


def test_a_malformed_key_setting_is_refused_with_how_to_make_one() -> None:
    with pytest.raises(KeyProblem, match=r"Fernet\.generate_key"):
        secret_box("not-a-key", "", "", ephemeral=False)


def test_without_a_key_a_development_key_is_made_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "notify-secrets.key"
    sealed = secret_box("", "", str(path), ephemeral=False).seal("s3cret")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_box("", "", str(path), ephemeral=False).unseal(sealed) == "s3cret", "a restart reads it"
    with pytest.raises(KeyProblem, match="set NOTIFY_SECRETS_KEY"):
        secret_box("", "", "", ephemeral=False)


def test_a_key_file_holds_one_key_a_line(tmp_path: Path) -> None:
    path = tmp_path / "secrets-key"
    path.write_text(f"{OTHER_KEY}\n{KEY}\n")
    assert secret_box("", str(path), "", ephemeral=False).unseal(FernetBox([KEY]).seal("x")) == "x"

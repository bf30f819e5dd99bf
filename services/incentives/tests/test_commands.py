"""The commands against SecantusDB: `rebuild` checks and repairs the projection, `close` closes once."""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from services.incentives import close, rebuild
from services.incentives.adapters import MongoIncentivesUnitOfWork
from services.incentives.app import ensure_indexes
from services.incentives.domain import UnitProfile, replay
from services.incentives.tests.sample_ledger import POLICY, facts
from services.incentives.usecases import record_entries
from shared.auth.cli import TOKEN_ENV
from shared.auth.testing import TestTokens
from shared.clock import SettableClock


@pytest.fixture
def tokens(clock: SettableClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestTokens:
    """Tokens the commands verify with a mounted JWKS file, as a deployment may configure them."""
    tokens = TestTokens(clock)
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(tokens.jwks()))
    monkeypatch.setenv("INCENTIVES_AUTH_JWKS_FILE", str(jwks))
    return tokens


async def a_ledger_with_totals_for_october_only(uri: str, name: str) -> None:
    """The ledger as the service wrote it, but totals kept only for October's entries."""
    client: AsyncMongoClient = AsyncMongoClient(uri, tz_aware=True)
    db = client[name]
    await ensure_indexes(db)
    entries = replay(facts(), POLICY)
    for _, group in itertools.groupby(entries, key=lambda e: e.cause_event_id):
        batch = list(group)
        async with MongoIncentivesUnitOfWork(client, db) as uow:
            if batch[0].period == "2026-10":
                await record_entries(uow, batch, cause=None)
            else:
                for entry in batch:
                    await uow.ledger.append(entry)
            await uow.commit()
    await client.close()


def test_the_command_finds_and_repairs_a_stale_projection(
    mongo_server_uri: str,
    database_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tokens: TestTokens,
) -> None:
    asyncio.run(a_ledger_with_totals_for_october_only(mongo_server_uri, database_name))
    monkeypatch.setenv("INCENTIVES_MONGO_URI", mongo_server_uri)
    monkeypatch.setenv("INCENTIVES_MONGO_DB", database_name)
    monkeypatch.setenv(TOKEN_ENV, tokens.token("ops", roles=("admin",)))
    assert rebuild.main(["--period", "2026-10", "--check"]) == 0
    assert rebuild.main(["--check"]) == 1
    assert rebuild.main(["--period", "2026-11"]) == 0
    assert rebuild.main(["--period", "2026-09", "--check"]) == 1
    assert rebuild.main([]) == 0
    assert rebuild.main(["--check"]) == 0
    err = capsys.readouterr().err
    assert "reading the ledger" in err and "rewriting totals" in err and "█" in err
    assert "0 cells differ from the ledger (all periods)" in err


def test_the_command_refuses_a_malformed_period(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        rebuild.main(["--period", "November"])
    assert "not a period" in capsys.readouterr().err


async def register_towns(uri: str, name: str) -> None:
    client: AsyncMongoClient = AsyncMongoClient(uri, tz_aware=True)
    async with MongoIncentivesUnitOfWork(client, client[name]) as uow:
        for n in range(4):
            town = UnitProfile(f"u{n}", unit_class="I", parent_id="county-office")
            await uow.units.save(town, reports_to="county-office")
        # another county's town: not the default policy's office's to close
        elsewhere = UnitProfile("elsewhere", unit_class="I", parent_id="other-county")
        await uow.units.save(elsewhere, reports_to="other-county")
        await uow.commit()
    await client.close()


async def pending_close_events(uri: str, name: str) -> list[str]:
    client: AsyncMongoClient = AsyncMongoClient(uri, tz_aware=True)
    rows = await client[name]["outbox"].find({"published": False}).to_list(None)
    await client.close()
    return sorted(
        row["payload"]["entry_id"] for row in rows if row["payload"]["entry_id"].startswith("close:")
    )


def test_the_close_command_closes_a_past_period_once(
    mongo_server_uri: str,
    database_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tokens: TestTokens,
) -> None:
    asyncio.run(a_ledger_with_totals_for_october_only(mongo_server_uri, database_name))
    asyncio.run(register_towns(mongo_server_uri, database_name))
    monkeypatch.setenv("INCENTIVES_MONGO_URI", mongo_server_uri)
    monkeypatch.setenv("INCENTIVES_MONGO_DB", database_name)
    monkeypatch.setenv(TOKEN_ENV, tokens.token("county.head", unit="county-office", roles=("office_head",)))
    assert close.main(["2026-10"]) == 0
    assert close.main(["2026-10"]) == 0
    assert close.main(["2999-01"]) == 2
    err = capsys.readouterr().err
    assert "4 entries appended now, 4 in all" in err and "0 entries appended now, 4 in all" in err
    assert "has not ended yet" in err
    pending = asyncio.run(pending_close_events(mongo_server_uri, database_name))
    assert pending == [f"close:2026-10:quota_shortfall:u{n}" for n in range(4)]


def test_the_commands_act_for_someone_and_check_their_scope(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tokens: TestTokens,
    tmp_path: Path,
) -> None:
    """Refused before any database is reached (no MongoDB in this test)."""
    monkeypatch.setenv("INCENTIVES_MONGO_URI", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200")
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert close.main(["2026-10"]) == 3
    assert "XINBAO_ACCESS_TOKEN" in capsys.readouterr().err
    stranger = TestTokens(tokens.clock)
    monkeypatch.setenv(TOKEN_ENV, stranger.token("county.head", unit="county-office", roles=("office_head",)))
    assert close.main(["2026-10"]) == 3
    assert "not valid for incentives" in capsys.readouterr().err
    other_office = tokens.token("city.head", unit="city-office", roles=("office_head",))
    monkeypatch.setenv(TOKEN_ENV, other_office)
    assert close.main(["2026-10"]) == 4
    assert "only office_head of county-office may" in capsys.readouterr().err
    editor = tokens.token("county.editor", unit="county-office", roles=("editor",))
    token_file = tmp_path / "editor-token"
    token_file.write_text(editor + "\n")
    monkeypatch.delenv(TOKEN_ENV)
    assert close.main(["2026-10", "--token-file", str(token_file)]) == 4
    assert rebuild.main(["--check", "--token-file", str(token_file)]) == 4
    assert "only an administrator may" in capsys.readouterr().err

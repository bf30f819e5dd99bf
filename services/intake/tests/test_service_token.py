"""Service accounts: a token minted with intake's signing key, verified by the other services
like a person's, and refused when it is minted without intake's key configured."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from services.intake import service_token
from services.intake.settings import IntakeSettings
from shared.auth import InvalidToken, StaticKeys, TokenVerifier, generate
from shared.auth.cli import NotAuthenticated, command_caller
from shared.clock import SettableClock

KEY = generate()


def settings(**changes: object) -> IntakeSettings:
    return IntakeSettings(signing_keys=KEY.private_pem(), bcrypt_rounds=4, **changes)  # type: ignore[arg-type]


async def test_a_minted_token_names_the_account_and_only_its_audience_takes_it(
    clock: SettableClock, capsys: pytest.CaptureFixture[str]
) -> None:
    code = service_token.main(
        ["close-job", "--role", "office_head", "--unit", "jn-lj-dx", "--audience", "incentives"],
        settings(),
    )
    assert code == 0
    token = capsys.readouterr().out.strip()
    keys = StaticKeys(settings().keys.jwks())
    caller = await TokenVerifier(keys, "incentives", clock).verify(token)
    assert (caller.subject, caller.kind, caller.unit_id, caller.roles) == (
        "svc:close-job", "service", "jn-lj-dx", ("office_head",)
    )
    with pytest.raises(InvalidToken, match="not meant for xinbao-notify"):
        await TokenVerifier(keys, "notify", clock).verify(token)


async def test_a_command_takes_the_token_until_its_minutes_are_up(
    clock: SettableClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert service_token.main(["nightly", "--role", "admin", "--minutes", "5"], settings()) == 0
    token = capsys.readouterr().out.strip()
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(settings().keys.jwks()))
    caller = await command_caller("scoring", "", str(jwks), token, clock)
    assert caller.is_global_admin and caller.subject == "svc:nightly"
    clock.advance(timedelta(minutes=6))
    with pytest.raises(NotAuthenticated, match="expired"):
        await command_caller("scoring", "", str(jwks), token, clock)


def test_bad_requests_are_refused_with_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, reason in (
        (["Close Job", "--role", "admin"], "not an account name"),
        (["job", "--role", "admin", "--minutes", "2000"], "between 1 and 1440"),
        (["job", "--role", "editor"], "only with --role admin"),
        (["job", "--role", "service"], "invalid choice"),
    ):
        with pytest.raises(SystemExit):
            service_token.main(argv, settings())
        assert reason in capsys.readouterr().err


def test_without_intakes_signing_key_nothing_is_minted(capsys: pytest.CaptureFixture[str]) -> None:
    unconfigured = IntakeSettings(bcrypt_rounds=4)
    assert service_token.main(["job", "--role", "admin"], unconfigured) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "INTAKE_SIGNING_KEYS" in captured.err

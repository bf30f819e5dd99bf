"""Who runs an operator command (close a period, rebuild totals, rescore).

The commands reach their database directly, but they act for someone, like the HTTP routes
that do the same: the caller hands in an access token, the command verifies it as its service
would (intake's keys: ``<SERVICE>_AUTH_JWKS_URL`` or ``<SERVICE>_AUTH_JWKS_FILE``) and applies
the same scope rule before it changes anything.

    XINBAO_ACCESS_TOKEN=<token> python -m services.incentives.close 2026-11
    python -m services.incentives.close 2026-11 --token-file /run/secrets/xinbao-token

The token is a person's (POST /auth/login answers ``access_token``) or a named service
account's, minted by whoever holds intake's signing key (``python -m
services.intake.service_token``), e.g. for a cron job. Never on the command line: other users
of the machine could read it in the process list.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, Protocol

from shared.auth.principal import Principal, Refused
from shared.auth.setup import build_verifier
from shared.auth.tokens import InvalidToken
from shared.clock import Clock, system_clock

TOKEN_ENV = "XINBAO_ACCESS_TOKEN"
EXIT_UNAUTHENTICATED = 3
EXIT_REFUSED = 4


class AuthSettings(Protocol):
    auth_jwks_url: str
    auth_jwks_file: str


class NotAuthenticated(Exception):
    """No token, or one that is not valid for this service."""


def add_token_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--token-file",
        type=Path,
        help=f"file holding the access token to act with (default: the {TOKEN_ENV} variable)",
    )


def token_from(token_file: Path | None, environ: dict[str, str] | None = None) -> str:
    """The token in ``token_file``, else in ``$XINBAO_ACCESS_TOKEN``; NotAuthenticated if none."""
    environ = dict(os.environ) if environ is None else environ
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise NotAuthenticated(f"cannot read the token file {token_file}: {error}") from None
    else:
        token = environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise NotAuthenticated(
            f"this command acts for someone: set {TOKEN_ENV} (or --token-file) to an access token "
            "(POST /auth/login answers one; service accounts: python -m services.intake.service_token)"
        )
    return token


async def command_caller(
    service: str, jwks_url: str, jwks_file: str, token: str, clock: Clock = system_clock
) -> Principal:
    """The verified caller of a command of ``service``; NotAuthenticated with the reason."""
    verifier = build_verifier(service, jwks_url, jwks_file, clock)
    try:
        return await verifier.verify(token)
    except InvalidToken as error:
        raise NotAuthenticated(f"the access token is not valid for {service}: {error}") from None


async def authorize(
    service: str,
    settings: AuthSettings,
    token_file: Path | None,
    check: Callable[[Principal], None],
    clock: Clock = system_clock,
    environ: dict[str, str] | None = None,
) -> Principal:
    """The verified caller, once ``check`` (a ``require_*`` of the scope rule) lets them act;
    raises NotAuthenticated or Refused before the command touches anything."""
    token = token_from(token_file, environ)
    caller = await command_caller(service, settings.auth_jwks_url, settings.auth_jwks_file, token, clock)
    check(caller)
    print(f"acting as {caller.describe()}", file=sys.stderr)
    return caller


def run_command(work: Coroutine[Any, Any, int]) -> int:
    """Run a command's coroutine; a missing or invalid token exits 3, a refusal 4, each with
    the reason on stderr."""
    try:
        return asyncio.run(work)
    except NotAuthenticated as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNAUTHENTICATED
    except Refused as error:
        print(f"refused: {error}", file=sys.stderr)
        return EXIT_REFUSED

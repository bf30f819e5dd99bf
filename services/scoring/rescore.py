"""Rescore a period under the rubric in force (or another rubric file).

    python -m services.scoring.rescore --period 2026-11 [--rubric path/to/rubric.yaml]

Items already scored under that rubric version are skipped, so the command can be re-run
after an interruption. Each rescored item gets a SubmissionScored(rescore=True) through the
outbox; the command publishes them itself at the end (running scoring instances would too),
and incentives reverses the old quality points and awards the new ones. It acts for an
administrator (or an admin service account): ``XINBAO_ACCESS_TOKEN`` or ``--token-file``
(shared/auth/cli.py); exit 3 without a valid token, 4 refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from services.scoring import usecases
from services.scoring.adapters.mongo import MongoScoringUnitOfWork
from services.scoring.app import SERVICE
from services.scoring.domain import load_rubric
from services.scoring.settings import ScoringSettings
from shared.auth import require_admin
from shared.auth.cli import add_token_option, authorize, run_command
from shared.clock import system_clock
from shared.contracts import new_id
from shared.runtime import ServiceStorage, build_runtime


class ProgressBar:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int, width: int = 40) -> None:
        self.total, self.width = max(total, 1), width

    def __call__(self, done: int) -> None:
        filled = int(self.width * done / self.total)
        bar = "█" * filled + "·" * (self.width - filled)
        print(f"\r  [{bar}] {done}/{self.total}", end="", file=sys.stderr, flush=True)


async def rescore(
    settings: ScoringSettings, period: str, rubric_path: str | None, token_file: Path | None = None
) -> int:
    rubric = load_rubric(rubric_path or settings.rubric_path)
    doing = f"rescore {period}"
    await authorize(SERVICE, settings, token_file, lambda caller: require_admin(caller, doing))
    storage = ServiceStorage(
        settings, memory=None, memory_uow=MongoScoringUnitOfWork, mongo_uow=MongoScoringUnitOfWork
    )
    runtime = build_runtime(f"{SERVICE}-rescore", settings.kafka(), storage.outbox)
    new_uow = storage.attach(runtime)
    async with new_uow() as uow:
        total = await uow.items.count_in_period(period)
    print(f"Rescoring {total} items of {period} under rubric {rubric.version}", file=sys.stderr)
    changed = await usecases.rescore_period(
        new_uow, rubric, period, correlation_id=f"rescore-{new_id()}", clock=system_clock,
        progress=ProgressBar(total), zone=settings.timezone,
    )
    print(f"\n{changed} rescored, {total - changed} already under {rubric.version}", file=sys.stderr)
    await runtime.broker.connect()
    try:
        published = await runtime.relay.publish_pending()
    finally:
        await runtime.broker.stop()
        await storage.client.close()
    print(f"{published} events published", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rescore a period under a rubric version.")
    parser.add_argument("--period", required=True, help="e.g. 2026-11")
    parser.add_argument("--rubric", default=None, help="rubric YAML (default: the one in force)")
    add_token_option(parser)
    args = parser.parse_args(argv)
    return run_command(rescore(ScoringSettings(), args.period, args.rubric, args.token_file))


if __name__ == "__main__":
    sys.exit(main())

"""Recompute the totals projection (standings of units and officers) from the ledger.

    python -m services.incentives.rebuild [--period 2026 | 2026-Q4 | 2026-11] [--check]

Without ``--period`` every period is rebuilt. ``--check`` only compares the projection with
the ledger and exits 1 when they differ. Safe beside running instances: each unit's and each
officer's cells are rewritten in a transaction of their own, and re-running changes nothing.
Connection settings come from the INCENTIVES_* environment variables, as for the service.
An administrator's (or an admin service account's) access token is needed:
``XINBAO_ACCESS_TOKEN`` or ``--token-file`` (shared/auth/cli.py); exit 3 without one, 4 refused.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from services.incentives.adapters import MongoIncentivesUnitOfWork
from services.incentives.app import ensure_indexes
from services.incentives.settings import IncentivesSettings
from services.incentives.usecases import rebuild_totals, verify_totals
from shared.auth import require_admin
from shared.auth.cli import add_token_option, authorize, run_command
from shared.persistence import connect

STAGES = {"scan": "reading the ledger", "rebuild": "rewriting totals"}


class ProgressBar:
    """One line per stage on stderr, redrawn in place: [████····] done/total."""

    def __init__(self, width: int = 36) -> None:
        self.width = width
        self.stage = ""
        self.started = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            if self.stage:
                print(file=sys.stderr)
            self.stage, self.started = stage, time.perf_counter()
        filled = self.width * done // max(total, 1)
        bar = "█" * filled + "·" * (self.width - filled)
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        label = STAGES.get(stage, stage)
        print(
            f"\r  {label:<18} [{bar}] {done:,}/{total:,} ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True
        )

    def finish(self) -> None:
        if self.stage:
            print(file=sys.stderr)


async def run(
    settings: IncentivesSettings, period: str | None, check: bool, token_file: Path | None = None
) -> int:
    doing = "check the totals against the ledger" if check else "rebuild the totals"
    await authorize("incentives", settings, token_file, lambda caller: require_admin(caller, doing))
    client = connect(settings.mongo_uri, app_name=settings.instance_id or "incentives-rebuild")
    db = client[settings.mongo_db]
    try:
        await ensure_indexes(db)

        def new_uow() -> MongoIncentivesUnitOfWork:
            return MongoIncentivesUnitOfWork(client, db)

        bar = ProgressBar()
        scope = period or "all periods"
        if check:
            differences = await verify_totals(new_uow, period, bar)
            bar.finish()
            for d in differences[:20]:
                print(
                    f"  {d.subject} {d.subject_id} {d.period}: stored {d.stored} ledger {d.expected}",
                    file=sys.stderr,
                )
            print(f"{len(differences)} cells differ from the ledger ({scope})", file=sys.stderr)
            return 1 if differences else 0
        report = await rebuild_totals(new_uow, period, bar)
        bar.finish()
        print(
            f"totals rebuilt for {scope}: {report.entries:,} entries, {report.subjects:,} units "
            f"and officers, {report.cells_changed:,} cells changed",
            file=sys.stderr,
        )
        return 0
    finally:
        await client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Recompute the standings projection from the ledger.")
    parser.add_argument("--period", default=None, help="2026, 2026-Q4 or 2026-11 (default: all)")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on differences")
    add_token_option(parser)
    args = parser.parse_args(argv)
    if args.period and not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?", args.period):
        parser.error(f"not a period: {args.period!r} (2026, 2026-Q4 or 2026-11)")
    return run_command(run(IncentivesSettings(), args.period, args.check, args.token_file))


if __name__ == "__main__":
    sys.exit(main())

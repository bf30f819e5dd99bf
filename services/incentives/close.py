"""Close a period from the command line (a cron job at the start of each month, say).

    python -m services.incentives.close 2026-10 [--publish]

The same use case as POST /periods/{period}/close: quota base, shortfall and adoption-rate
entries appended once and PointsAwarded written to the outbox. Running instances publish
the outbox; ``--publish`` publishes it from here as well (the relay's lease keeps them apart).
It acts for the office head (or a service account) whose access token it is given, checked as
the route checks it (shared/auth/cli.py: ``XINBAO_ACCESS_TOKEN`` or ``--token-file``).
Exit status: 0 closed (or closed before), 2 the period has not ended yet, 3 no valid token,
4 the token's holder may not close it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from services.incentives.access import require_assessor
from services.incentives.adapters import MongoIncentivesUnitOfWork
from services.incentives.app import SERVICE, ensure_indexes
from services.incentives.domain import load_policy_book
from services.incentives.settings import IncentivesSettings
from services.incentives.usecases import PeriodStillOpen, close_period
from shared.auth.cli import add_token_option, authorize, run_command
from shared.contracts import new_id, utcnow
from shared.persistence import MongoOutboxStore, connect
from shared.runtime import build_runtime


async def run(
    settings: IncentivesSettings, period: str, publish: bool, token_file: Path | None = None
) -> int:
    book = load_policy_book(settings.policy_files)
    policy = book.for_period(period)
    await authorize(
        SERVICE, settings, token_file, lambda caller: require_assessor(caller, policy, f"close {period}")
    )
    client = connect(settings.mongo_uri, app_name=f"{SERVICE}-close")
    db = client[settings.mongo_db]
    try:
        await ensure_indexes(db)
        try:
            closed = await close_period(
                lambda: MongoIncentivesUnitOfWork(client, db), book, period, utcnow(), f"close-{new_id()}"
            )
        except PeriodStillOpen as error:
            print(error, file=sys.stderr)
            return 2
        print(
            f"{period} closed under {closed.closure.policy_version}: {len(closed.appended)} entries "
            f"appended now, {closed.closure.appended} in all",
            file=sys.stderr,
        )
        if publish:
            await _publish(settings, MongoOutboxStore(db))
        return 0
    finally:
        await client.close()


async def _publish(settings: IncentivesSettings, outbox: MongoOutboxStore) -> None:
    runtime = build_runtime(f"{SERVICE}-close", settings.kafka(), outbox)
    await runtime.broker.connect()
    try:
        published = await runtime.relay.publish_pending()
        await outbox.release(runtime.owner)
        left = await outbox.count_pending()
    finally:
        await runtime.broker.stop()
    print(f"{published} events published", file=sys.stderr)
    if left:  # a running incentives service holds the relay lease
        print(f"{left} events left to the running service's relay", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Close an assessment period.")
    parser.add_argument("period", help="2026-10, 2026-Q4 or 2026")
    parser.add_argument("--publish", action="store_true", help="publish the outbox from here too")
    add_token_option(parser)
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?", args.period):
        parser.error(f"not a period: {args.period!r} (2026, 2026-Q4 or 2026-10)")
    return run_command(run(IncentivesSettings(), args.period, args.publish, args.token_file))


if __name__ == "__main__":
    sys.exit(main())

"""Run the date-sensitive tests at the instants that break real systems.

    python -m tests.frozen_dates            every instant below, one pytest run each
    python -m tests.frozen_dates --list     the instants, and what each one tries

``./xinbao test`` (and so CI) runs this after the main suite. Each leg is a separate pytest
process started with ``--frozen-now``: the ``clock`` fixture and the wall clock of the test
process stand at that instant (see the root ``conftest.py``), so a test that pins a month,
reads the machine's calendar or computes a period in UTC instead of the office's zone fails
in one of the legs. One leg also runs with the machine in another time zone (``TZ``), which
catches code that reads local time instead of the office's zone.

The legs run the in-process tests (``-m "not e2e and not browser"``): the end-to-end and
browser tests start real processes and a real browser, which keep the machine's time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("shared", "services", "tests/demo")
"""Where the date-sensitive tests live: every service's domain, component and projection
tests (incentives' periods and standings, notify's reminders and bulletins, intake's
deadlines and quotas, scoring's timeliness), the shared contracts and the demo data."""


@dataclass(frozen=True)
class Leg:
    instant: str
    why: str
    tz: str | None = None


LEGS = (
    Leg("2026-11-30T16:30:00Z", "00:30 on 1 December in Beijing, still 30 November in UTC",
        tz="America/Los_Angeles"),
    Leg("2026-11-30T15:59:30Z", "the last minute of November in Beijing"),
    Leg("2026-12-31T16:30:00Z", "00:30 on 1 January 2027 in Beijing: a new year, a new annual period"),
    Leg("2027-03-31T16:30:00Z", "00:30 on 1 April in Beijing: the end of the first quarter"),
    Leg("2028-02-29T04:00:00Z", "29 February 2028, a leap day"),
    Leg("2027-12-06T04:00:00Z", "a date a year from now"),
)

_SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed|errors?|skipped|deselected).*?) in [\d.]+s")


def run_leg(leg: Leg, extra: list[str]) -> tuple[int, str, float]:
    """One pytest process at ``leg``'s instant; its exit code, summary line and duration."""
    env = dict(os.environ, XINBAO_FROZEN_NOW=leg.instant)
    if leg.tz:
        env["TZ"] = leg.tz
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "-m", "not e2e and not browser", "--frozen-now", leg.instant, *PATHS, *extra,
    ]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    lines = done.stdout.splitlines()
    summary = next((m.group(1) for line in reversed(lines) if (m := _SUMMARY.match(line))), "")
    if done.returncode != 0:
        sys.stdout.write(done.stdout[-20000:])
        sys.stderr.write(done.stderr[-5000:])
    return done.returncode, summary or (lines[-1] if lines else "no output"), elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--list", action="store_true", help="list the instants and stop")
    parser.add_argument("pytest_args", nargs="*", help="passed on to each pytest run")
    args = parser.parse_args(argv)
    if args.list:
        for leg in LEGS:
            print(f"{leg.instant}  {leg.why}" + (f" (TZ={leg.tz})" if leg.tz else ""))
        return 0
    failed = []
    print(f"Frozen-date legs: {len(LEGS)} runs of {' '.join(PATHS)} (in-process tests)", flush=True)
    for leg in LEGS:
        code, summary, elapsed = run_leg(leg, args.pytest_args)
        zone = f" TZ={leg.tz}" if leg.tz else ""
        mark = "ok  " if code == 0 else "FAIL"
        print(f"  {mark} {leg.instant}{zone}: {summary} ({elapsed:.0f}s) -- {leg.why}", flush=True)
        if code != 0:
            failed.append(leg.instant)
    if failed:
        print(f"Frozen-date legs failed at: {', '.join(failed)}", flush=True)
        return 1
    print("Frozen-date legs: all passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m deploy.demo [--intake URL]``: load the demo data into a running intake service.

Exit status: 0 loaded (or already loaded), 1 data unreadable, intake unreachable, or
something refused.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date

from deploy.demo.dataset import read_demo_data
from deploy.demo.errors import DemoDataError, IntakeRejected, IntakeUnreachable
from deploy.demo.intake_client import IntakeClient
from deploy.demo.loader import load_demo

DEFAULT_INTAKE_URL = "http://127.0.0.1:8001"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        data = read_demo_data()
    except DemoDataError as error:
        return _fail(f"demo data unreadable: {error}")
    try:
        with IntakeClient(args.intake) as intake:
            report = load_demo(data, intake, date.today())
    except IntakeUnreachable as error:
        return _fail(
            f"{error}; start the stack first (python -m deploy.localstack up) or pass --intake URL"
        )
    except IntakeRejected as error:
        return _fail(f"intake refused the demo data: {error}")
    print(report.summary())
    for refusal in report.refused_steps:
        print(f"error: {refusal}", file=sys.stderr)
    return 1 if report.refused_steps else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.demo",
        description="Load Xinbao's demo org tree, people and information items through "
        "intake's HTTP API.",
    )
    parser.add_argument(
        "--intake",
        default=os.environ.get("XINBAO_INTAKE_URL", DEFAULT_INTAKE_URL),
        metavar="URL",
        help="intake service base URL (default: $XINBAO_INTAKE_URL or %(default)s)",
    )
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1

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
from deploy.demo.loader import Admin, load_demo
from deploy.demo.model import DEMO_PASSWORD, DemoData

DEFAULT_INTAKE_URL = "http://127.0.0.1:8001"
# intake's local defaults (services/intake/settings.py); a stack started with other values
# passes them through the same environment variables.
DEFAULT_ADMIN_ID = "admin"
DEFAULT_ADMIN_PASSWORD = "xinbao-admin"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        data = read_demo_data()
    except DemoDataError as error:
        return _fail(f"demo data unreadable: {error}")
    admin = Admin(
        os.environ.get("INTAKE_BOOTSTRAP_ADMIN_ID", DEFAULT_ADMIN_ID),
        os.environ.get("INTAKE_BOOTSTRAP_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD),
    )
    try:
        with IntakeClient(args.intake) as intake:
            report = load_demo(data, intake, date.today(), admin)
    except IntakeUnreachable as error:
        return _fail(
            f"{error}; start the stack first (python -m deploy.localstack up) or pass --intake URL"
        )
    except IntakeRejected as error:
        return _fail(f"intake refused the demo data: {error}")
    print(report.summary())
    print(_how_to_log_in(data, admin))
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


def _how_to_log_in(data: DemoData, admin: Admin) -> str:
    examples = {}
    deepest_first = sorted(data.people, key=lambda p: -p.unit_id.count("-"))
    for person in deepest_first:
        for role in person.roles:
            examples.setdefault(role, person)
    lines = [
        f"log in   every demo person's password is {DEMO_PASSWORD!r} (POST /auth/login "
        '{"person_id": ..., "password": ...}), for example:'
    ]
    lines += [f"           {role:<12} {p.person_id:<24} {p.name}" for role, p in examples.items()]
    lines.append(f"           bootstrap admin: {admin.person_id!r} with $INTAKE_BOOTSTRAP_ADMIN_PASSWORD "
                 f"(locally {DEFAULT_ADMIN_PASSWORD!r} unless set)")
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1

"""Mint an access token for a named service account (a cron job closing periods, say).

    python -m services.intake.service_token close-job --role office_head --unit jn-lj-dx \\
        [--audience incentives] [--minutes 30] > /run/secrets/xinbao-token

Only whoever holds intake's signing key (``INTAKE_SIGNING_KEYS`` / ``INTAKE_SIGNING_KEYS_FILE``,
the Secret ``xinbao-intake`` in Kubernetes) can run this: the account is not stored anywhere,
the token is the account. Its subject is ``svc:<name>`` and ``kind`` is ``service``, so logs and
audit trails name it; it carries the roles and the unit given here and the scope rule treats it
like a person with them. Keep it short-lived (default 30 minutes, at most 24 hours): there is
no session behind it to log out of, so only its expiry ends it.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta

from services.intake.settings import IntakeSettings
from shared.auth import Principal, issue
from shared.auth.principal import ROLES
from shared.auth.tokens import SERVICES, audience_of
from shared.clock import Clock, system_clock

NAME = re.compile(r"[a-z][a-z0-9-]{1,40}")
LONGEST = timedelta(hours=24)
GRANTABLE = [role for role in ROLES if role != "service"]


def mint(
    settings: IntakeSettings,
    name: str,
    roles: tuple[str, ...],
    unit_id: str | None,
    audience: tuple[str, ...],
    ttl: timedelta,
    clock: Clock = system_clock,
) -> str:
    principal = Principal(f"svc:{name}", name, unit_id, roles, session_id=f"svc:{name}", kind="service")
    token, _ = issue(settings.keys.current, principal, clock(), ttl, tuple(audience_of(s) for s in audience))
    return token


def main(argv: list[str] | None = None, settings: IntakeSettings | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mint a service account's access token.")
    parser.add_argument("name", help="the account's name, e.g. close-job (lower case, digits, -)")
    parser.add_argument("--role", action="append", required=True, choices=GRANTABLE,
                        help="a role the account holds (repeat for several)")
    parser.add_argument("--unit", default=None,
                        help="the unit it acts for (none: the whole tree, admins only)")
    parser.add_argument("--audience", action="append", choices=SERVICES,
                        help="a service that accepts it (repeat; default: every service)")
    parser.add_argument("--minutes", type=int, default=30, help="lifetime (default 30, at most 1440)")
    args = parser.parse_args(argv)
    if not NAME.fullmatch(args.name):
        parser.error(f"not an account name: {args.name!r} (lower case letters, digits and '-')")
    if not 1 <= args.minutes <= LONGEST.total_seconds() // 60:
        parser.error("--minutes must be between 1 and 1440")
    if args.unit is None and "admin" not in args.role:
        parser.error("an account without --unit acts on the whole tree: only with --role admin")
    settings = settings or IntakeSettings()
    if not (settings.signing_keys or settings.signing_keys_file):
        print("error: set INTAKE_SIGNING_KEYS or INTAKE_SIGNING_KEYS_FILE to intake's signing keys; "
              "a token signed with any other key is refused everywhere", file=sys.stderr)
        return 3
    token = mint(settings, args.name, tuple(args.role), args.unit, tuple(args.audience or SERVICES),
                 timedelta(minutes=args.minutes))
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())

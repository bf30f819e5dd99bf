"""Errors of the demo loader.

DemoError
├── DemoDataError           a YAML file under deploy/demo/data is missing or malformed
└── IntakeError
    ├── IntakeUnreachable   the intake service did not answer at all
    └── IntakeRejected      intake answered a request with an error status
        └── RouteMissing    ... because it has no such route yet (404/405 for the route)
"""

from __future__ import annotations


class DemoError(Exception):
    """Base of the demo loader's errors."""


class DemoDataError(DemoError):
    """The demo data cannot be read: names the file and the entry at fault."""


class IntakeError(DemoError):
    """Talking to the intake service failed."""


class IntakeUnreachable(IntakeError):
    """No HTTP answer from intake (refused, timed out, name not resolved)."""

    def __init__(self, base_url: str, cause: str) -> None:
        super().__init__(f"intake service not reachable at {base_url} ({cause})")
        self.base_url = base_url
        self.cause = cause


class IntakeRejected(IntakeError):
    """Intake answered an error status for one request."""

    def __init__(self, method: str, path: str, status: int, detail: object) -> None:
        super().__init__(f"{method} {path} answered {status}: {detail}")
        self.method = method
        self.path = path
        self.status = status
        self.detail = detail


class RouteMissing(IntakeRejected):
    """Intake has no route for the request (the endpoint is not built yet)."""

"""Errors of the notify domain; the HTTP layer maps them to status codes.

NotifyError
├── NotFound   (404) something named does not exist
├── Conflict   (409) the request does not fit the current state
├── Invalid    (422) a field's value is unacceptable
├── Unauthorized (401/403) a feed key is missing, wrong or someone else's
└── Unavailable (503) a system notify needs (Kafka's admin API) cannot do its part now
"""

from __future__ import annotations


class NotifyError(Exception):
    """Base of notify's domain errors."""


class NotFound(NotifyError):
    """Something named in the request does not exist."""


class Conflict(NotifyError):
    """The request does not fit the current state (e.g. replaying a sent delivery)."""


class Invalid(NotifyError):
    """A field's value is unacceptable."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Unauthorized(NotifyError):
    """An API key is missing or wrong (``forbidden``: valid, but for another agency)."""

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.forbidden = forbidden


class Unavailable(NotifyError):
    """A system the request needs cannot do its part now; nothing was saved."""

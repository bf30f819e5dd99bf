"""How consumers classify failures.

- ``PermanentError`` (and pydantic validation errors, undecodable JSON): the message can
  never be processed; it goes to ``<topic>.dlq`` with the reason and the partition moves on.
- Infrastructure errors (database or broker unreachable): retried with back-off for as long
  as it takes, because every following message would fail the same way.
- Anything else: retried a few times, then dead-lettered, so a poison message cannot stall
  its partition.
"""

from __future__ import annotations

import json

import pydantic
from pymongo import errors as mongo_errors


class PermanentError(Exception):
    """The message is invalid for the domain and retrying cannot help."""


_INFRASTRUCTURE = (
    mongo_errors.ConnectionFailure,
    mongo_errors.ServerSelectionTimeoutError,
    mongo_errors.NetworkTimeout,
    ConnectionError,
    TimeoutError,
)


def is_permanent(error: BaseException) -> bool:
    """True when the message itself is at fault."""
    return isinstance(
        error, PermanentError | pydantic.ValidationError | json.JSONDecodeError | UnicodeDecodeError
    )


def is_unknown_event_type(error: BaseException) -> bool:
    """True for a well-formed event of a type this consumer does not know (a newer producer)."""
    if not isinstance(error, pydantic.ValidationError):
        return False
    kinds = {detail["type"] for detail in error.errors()}
    return kinds == {"union_tag_invalid"}


def is_infrastructure(error: BaseException) -> bool:
    """True when a dependency is down: retry without limit."""
    if isinstance(error, mongo_errors.PyMongoError) and error.has_error_label(
        "TransientTransactionError"
    ):
        return True
    return isinstance(error, _INFRASTRUCTURE)

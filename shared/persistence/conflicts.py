"""Telling "another instance did this first" apart from a real database failure.

Two replicas that do the same claimed work at once collide in MongoDB: one transaction
commits, the other fails with a write conflict (labelled transient) or a duplicate key (the
inbox claim, a document id, the outbox's unique event id). The loser drops its work.
"""

from __future__ import annotations

from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

WRITE_CONFLICT = 112
DUPLICATE_KEY = 11000


def lost_race(error: PyMongoError) -> bool:
    """True when ``error`` means another transaction wrote the same thing first."""
    if error.has_error_label("TransientTransactionError") or getattr(error, "code", None) == WRITE_CONFLICT:
        return True
    if isinstance(error, BulkWriteError):
        written = error.details.get("writeErrors") or []
        return bool(written) and all(e.get("code") == DUPLICATE_KEY for e in written)
    return isinstance(error, DuplicateKeyError)

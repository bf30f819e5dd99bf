"""Intake's use cases, one module per area; the HTTP routes and handlers call these."""

from services.intake.usecases.common import PRODUCER, UnitOfWorkFactory
from services.intake.usecases.downstream import (
    record_ledger_entry,
    record_notification,
    record_score,
)
from services.intake.usecases.org import register_person, register_unit
from services.intake.usecases.submission import submit_item
from services.intake.usecases.workflow import (
    Actor,
    adopt_item,
    forward_item,
    record_instruction,
    revise_item,
    screen_item,
    withdraw_item,
)

__all__ = [
    "PRODUCER",
    "Actor",
    "UnitOfWorkFactory",
    "adopt_item",
    "forward_item",
    "record_instruction",
    "record_ledger_entry",
    "record_notification",
    "record_score",
    "register_person",
    "register_unit",
    "revise_item",
    "screen_item",
    "submit_item",
    "withdraw_item",
]

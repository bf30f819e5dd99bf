"""Intake's use cases, one module per area; the HTTP routes and handlers call these."""

from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory
from services.intake.usecases.downstream import (
    keep_ledger_entry,
    keep_notification,
    keep_score,
    record_score,
)
from services.intake.usecases.org import people_of, register_person, register_unit
from services.intake.usecases.reading import item_audit, item_revisions, list_items, read_item
from services.intake.usecases.rules import IntakeRules
from services.intake.usecases.sessions import AuthPolicy, Session, reset_password
from services.intake.usecases.submission import (
    edit_item_draft,
    request_sign_off,
    return_item_to_author,
    sign_off_item,
    start_item,
)
from services.intake.usecases.workflow import (
    InstructionNote,
    adopt_item,
    forward_item,
    give_instruction_feedback,
    record_instruction,
    revise_item,
    screen_item,
    withdraw_item,
)

__all__ = [
    "PRODUCER",
    "Actor",
    "AuthPolicy",
    "InstructionNote",
    "IntakeRules",
    "Session",
    "UnitOfWorkFactory",
    "adopt_item",
    "edit_item_draft",
    "forward_item",
    "give_instruction_feedback",
    "item_audit",
    "item_revisions",
    "keep_ledger_entry",
    "keep_notification",
    "keep_score",
    "list_items",
    "people_of",
    "read_item",
    "record_instruction",
    "record_score",
    "register_person",
    "register_unit",
    "request_sign_off",
    "reset_password",
    "return_item_to_author",
    "revise_item",
    "screen_item",
    "sign_off_item",
    "start_item",
    "withdraw_item",
]

"""The intake domain: org tree, people, information items, their workflow and who may act. Pure."""

from services.intake.domain import access, workflow
from services.intake.domain.access import User, View
from services.intake.domain.errors import (
    Forbidden,
    IllegalTransition,
    IntakeError,
    InvalidInput,
    LoginRefused,
    NotFound,
    RowsRejected,
    TooLarge,
)
from services.intake.domain.model import (
    Attachment,
    Item,
    ItemState,
    Person,
    Unit,
    detect_language,
    period_of,
)
from services.intake.domain.submission import Draft, edit_draft, sign_off, start

__all__ = [
    "Attachment",
    "Draft",
    "Forbidden",
    "IllegalTransition",
    "IntakeError",
    "InvalidInput",
    "Item",
    "ItemState",
    "LoginRefused",
    "NotFound",
    "Person",
    "RowsRejected",
    "TooLarge",
    "Unit",
    "User",
    "View",
    "access",
    "detect_language",
    "edit_draft",
    "period_of",
    "sign_off",
    "start",
    "workflow",
]

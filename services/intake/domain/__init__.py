"""The intake domain: org tree, people, information items and their workflow. Pure."""

from services.intake.domain import workflow
from services.intake.domain.errors import IllegalTransition, IntakeError, InvalidInput, NotFound
from services.intake.domain.model import (
    Item,
    ItemState,
    Person,
    Unit,
    detect_language,
    period_of,
)
from services.intake.domain.submission import Draft, receive

__all__ = [
    "Draft",
    "IllegalTransition",
    "IntakeError",
    "InvalidInput",
    "Item",
    "ItemState",
    "NotFound",
    "Person",
    "Unit",
    "detect_language",
    "period_of",
    "receive",
    "workflow",
]

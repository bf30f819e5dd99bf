"""The notify domain: composing messages from facts. Pure."""

from services.notify.domain.messages import (
    ItemFacts,
    Message,
    ScoreFacts,
    adopted_message,
    instruction_message,
    points_message,
    returned_message,
    score_message,
)

__all__ = [
    "ItemFacts",
    "Message",
    "ScoreFacts",
    "adopted_message",
    "instruction_message",
    "points_message",
    "returned_message",
    "score_message",
]

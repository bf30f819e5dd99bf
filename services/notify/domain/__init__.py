"""The notify domain: messages, preferences, deliveries, reminders and feeds. Pure."""

from services.notify.domain.delivery import Attempt, Delivery, Outcome, RetryPolicy
from services.notify.domain.errors import Conflict, Invalid, NotFound, NotifyError, Unauthorized, Unavailable
from services.notify.domain.feeds import Adoption, FeedItem, Subscription
from services.notify.domain.messages import (
    ItemFacts,
    Message,
    ScoreFacts,
    adopted_message,
    instruction_message,
    leader_adoption_message,
    leader_instruction_message,
    points_message,
    returned_message,
    score_message,
)
from services.notify.domain.preferences import Preferences, QuietHours, UnitContacts
from services.notify.domain.reminders import Obligation, ReminderSchedule

__all__ = [
    "Adoption",
    "Attempt",
    "Conflict",
    "Delivery",
    "FeedItem",
    "Invalid",
    "ItemFacts",
    "Message",
    "NotFound",
    "NotifyError",
    "Obligation",
    "Outcome",
    "Preferences",
    "QuietHours",
    "ReminderSchedule",
    "RetryPolicy",
    "ScoreFacts",
    "Subscription",
    "Unauthorized",
    "Unavailable",
    "UnitContacts",
    "adopted_message",
    "instruction_message",
    "leader_adoption_message",
    "leader_instruction_message",
    "points_message",
    "returned_message",
    "score_message",
]

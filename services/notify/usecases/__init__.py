"""Notify's use cases: the transaction boundary between handlers/API and the domain."""

from services.notify.usecases.bulletins import (
    bulletin_document,
    publish_bulletin,
    publish_due_bulletins,
    set_bulletin_schedule,
)
from services.notify.usecases.common import Cause, Clock, Deps, NotifyRules, UnitOfWorkFactory
from services.notify.usecases.digest import make_due_digests
from services.notify.usecases.dispatch import dispatch_due, replay
from services.notify.usecases.feeds import (
    FeedPage,
    NewAgency,
    add_subscription,
    read_feed,
    register_agency,
    rotate_key,
    set_release,
)
from services.notify.usecases.items import (
    on_adopted,
    on_adoption_revoked,
    on_feedback_given,
    on_instruction,
    on_points,
    on_received,
    on_revised,
    on_scored,
    on_screened,
    on_withdrawn,
)
from services.notify.usecases.reminders import close_obligation, fire_due_reminders, set_schedule, status_of
from services.notify.usecases.units import (
    lineage,
    on_deadline_missed,
    on_deadline_set,
    on_quota_set,
    on_sign_off_requested,
    on_unit_registered,
    set_contacts,
    set_preferences,
)

__all__ = [
    "Cause",
    "Clock",
    "Deps",
    "FeedPage",
    "NewAgency",
    "NotifyRules",
    "UnitOfWorkFactory",
    "add_subscription",
    "bulletin_document",
    "close_obligation",
    "dispatch_due",
    "fire_due_reminders",
    "lineage",
    "make_due_digests",
    "on_adopted",
    "on_adoption_revoked",
    "on_deadline_missed",
    "on_deadline_set",
    "on_feedback_given",
    "on_instruction",
    "on_points",
    "on_quota_set",
    "on_received",
    "on_revised",
    "on_scored",
    "on_screened",
    "on_sign_off_requested",
    "on_unit_registered",
    "on_withdrawn",
    "publish_bulletin",
    "publish_due_bulletins",
    "read_feed",
    "register_agency",
    "replay",
    "rotate_key",
    "set_bulletin_schedule",
    "set_contacts",
    "set_preferences",
    "set_release",
    "set_schedule",
    "status_of",
]

"""Notify's repositories and its unit of work (bound by the Mongo and memory adapters)."""

from __future__ import annotations

from collections.abc import Sequence

from services.notify.repositories.bulletins import BulletinArchive, BulletinFactsRepository, BulletinSchedules
from services.notify.repositories.deliveries import (
    AttemptLog,
    DeliveryRepository,
    ObligationRepository,
    ScheduleRepository,
)
from services.notify.repositories.feeds import (
    AgencyRepository,
    Counters,
    DocumentFeedEntries,
    FeedEntries,
    SubscriptionRepository,
)
from services.notify.repositories.people import (
    ItemRepository,
    NotificationRepository,
    PeopleRepository,
    UnitRepository,
)
from shared.contracts.envelope import Event, submission_ids
from shared.persistence import UnitOfWork


class NotifyUnitOfWork(UnitOfWork):
    """Notify's state in one transaction; feed events go to per-agency topics through
    ``emit(event, topic=...)`` of the shared unit of work."""

    feed_entries: FeedEntries

    def bind_repositories(self) -> None:
        self.items = ItemRepository(self.documents("items"))
        self.notifications = NotificationRepository(self.documents("notifications"))
        self.people = PeopleRepository(self.documents("people"))
        self.units = UnitRepository(self.documents("units"))
        self.deliveries = DeliveryRepository(self.documents("deliveries"))
        self.attempts = AttemptLog(self.documents("attempts"))
        self.obligations = ObligationRepository(self.documents("reminders"))
        self.schedules = ScheduleRepository(self.documents("reminder_schedules"))
        self.agencies = AgencyRepository(self.documents("agencies"))
        self.subscriptions = SubscriptionRepository(self.documents("subscriptions"))
        self.counters = Counters(self.documents("counters"))
        self.bulletin_facts = BulletinFactsRepository(
            self.documents("bulletin_items"), self.documents("bulletin_points")
        )
        self.bulletins = BulletinArchive(self.documents("bulletins"))
        self.bulletin_schedules = BulletinSchedules(self.documents("bulletin_schedules"))
        self.feed_entries = self.bind_feed_entries()

    async def prefetch(self, events: Sequence[Event]) -> None:
        """Most of notify's steps read the item (its author, unit, title) and its bulletin
        row: read the batch's in one query each."""
        ids = submission_ids(events)
        await self.documents("items").load(ids)
        await self.documents("bulletin_items").load(ids)

    def bind_feed_entries(self) -> FeedEntries:
        """The feed-entry repository; the Mongo adapter overrides it with native range reads."""
        return DocumentFeedEntries(self.documents("feed_entries"))


__all__ = [
    "AgencyRepository",
    "AttemptLog",
    "BulletinArchive",
    "BulletinFactsRepository",
    "BulletinSchedules",
    "Counters",
    "DeliveryRepository",
    "FeedEntries",
    "ItemRepository",
    "NotificationRepository",
    "NotifyUnitOfWork",
    "ObligationRepository",
    "PeopleRepository",
    "ScheduleRepository",
    "SubscriptionRepository",
    "UnitRepository",
]

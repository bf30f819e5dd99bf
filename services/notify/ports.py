"""Ports notify's use cases call out through: the delivery channels.

Each outside channel (SMTP e-mail, the SMS gateway, agency webhooks) implements
:class:`Channel`; the dispatcher never sees smtplib or httpx.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from services.notify.domain import Delivery, Outcome


@dataclass(frozen=True)
class Outgoing:
    """A delivery as a channel sends it, with the signing secret where one applies."""

    delivery: Delivery
    secret: str | None = None


class Channel(ABC):
    """Sends one delivery and reports the outcome; it never raises for a failed send."""

    name: str

    @abstractmethod
    async def send(self, outgoing: Outgoing) -> Outcome: ...


class Unconfigured(Channel):
    """A channel the service has no settings for: every delivery fails for good (an operator
    replays them from the dead-letter list once the channel is configured)."""

    def __init__(self, name: str, setting: str) -> None:
        self.name = name
        self.setting = setting

    async def send(self, outgoing: Outgoing) -> Outcome:
        return Outcome(ok=False, error=f"{self.name} is not configured (set {self.setting})", permanent=True)

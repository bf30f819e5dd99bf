"""Ports notify's use cases call out through: the delivery channels, the check of
webhook targets and the box that seals secrets at rest.

Each outside channel (SMTP e-mail, the SMS gateway, agency webhooks) implements
:class:`Channel`; the dispatcher never sees smtplib or httpx. :class:`TargetCheck`
resolves a webhook URL and refuses non-public addresses; :class:`SecretBox` encrypts
what must be readable again later (webhook signing secrets) with the key from the
environment.
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
    secret_problem: str = ""
    """Why there is no secret when one was expected (e.g. it cannot be decrypted)."""


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


class TargetCheck(ABC):
    """Whether notify may call a webhook URL."""

    @abstractmethod
    async def check(self, url: str) -> None:
        """Return when every address ``url`` resolves to may be called; raise
        :class:`~services.notify.domain.targets.TargetRefused` otherwise."""


class SecretUnreadable(Exception):
    """A sealed secret cannot be opened with the configured key(s)."""


class SecretBox(ABC):
    """Authenticated encryption of short secrets stored in the database."""

    @abstractmethod
    def seal(self, plain: str) -> str:
        """``plain`` encrypted (text safe to store)."""

    @abstractmethod
    def unseal(self, sealed: str) -> str:
        """The plain text of :meth:`seal`'s output; :class:`SecretUnreadable` when the key
        does not open it or it was tampered with."""

"""A person's channels, contact details, language, quiet hours and digest choice. Pure.

The in-app inbox always receives; ``channels`` adds e-mail and SMS. Quiet hours are local
wall-clock times in the person's zone; a non-urgent message that would arrive inside them
is held until the window ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.notify.domain.errors import Invalid

EXTERNAL_CHANNELS = ("email", "sms")
CHANNELS = ("inbox", *EXTERNAL_CHANNELS)
_WINDOW = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class QuietHours:
    """A daily window, e.g. 22:00-07:00 (it may run past midnight)."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """'HH:MM-HH:MM'; Invalid otherwise, and for an empty window (start == end)."""
        found = _WINDOW.match(text.strip())
        if not found:
            raise Invalid("quiet_hours", f"expected 'HH:MM-HH:MM', got {text!r}")
        h1, m1, h2, m2 = (int(g) for g in found.groups())
        if (h1, m1) == (h2, m2):
            raise Invalid("quiet_hours", "start and end are the same")
        return cls(time(h1, m1), time(h2, m2))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def contains(self, local: time) -> bool:
        """True when the wall-clock time ``local`` falls inside the window."""
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def release(self, now: datetime, zone: str) -> datetime:
        """``now`` when outside the window, else the window's end (UTC)."""
        tz = ZoneInfo(zone)
        local = now.astimezone(tz)
        if not self.contains(local.time()):
            return now
        end = datetime.combine(local.date(), self.end, tz)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self.end, tz)
        return end.astimezone(UTC)


@dataclass(frozen=True)
class Preferences:
    """How one person wants to hear from Xinbao."""

    person_id: str
    channels: tuple[str, ...] = ("inbox",)
    email: str | None = None
    phone: str | None = None
    language: str | None = None
    quiet_hours: QuietHours | None = None
    digest: bool = False
    timezone: str | None = None
    name: str = field(default="")

    def __post_init__(self) -> None:
        unknown = set(self.channels) - set(CHANNELS)
        if unknown:
            raise Invalid("channels", f"unknown channels {sorted(unknown)}; choose from {CHANNELS}")
        if "email" in self.channels and not self.email:
            raise Invalid("email", "the e-mail channel needs an e-mail address")
        if "sms" in self.channels and not self.phone:
            raise Invalid("phone", "the SMS channel needs a phone number")
        if self.language not in (None, "zh", "en"):
            raise Invalid("language", "choose 'zh' or 'en'")
        if self.timezone:
            try:
                ZoneInfo(self.timezone)
            except (ValueError, KeyError, ZoneInfoNotFoundError):
                raise Invalid("timezone", f"unknown time zone {self.timezone!r}") from None

    def external(self) -> list[tuple[str, str]]:
        """(channel, address) for every channel beyond the inbox."""
        addresses = {"email": self.email, "sms": self.phone}
        return [(c, addresses[c] or "") for c in EXTERNAL_CHANNELS if c in self.channels]

    def holds_for_digest(self, urgent: bool, highlight: bool) -> bool:
        """True when a message goes into the weekly digest instead of being sent singly."""
        return self.digest and not (urgent or highlight) and bool(self.external())


def release_at(now: datetime, quiet: QuietHours | None, zone: str, urgent: bool) -> datetime:
    """When a message may go out: at once if urgent or outside quiet hours."""
    if urgent or quiet is None:
        return now
    return quiet.release(now, zone)


@dataclass(frozen=True)
class UnitContacts:
    """Who speaks for a unit: its information officers, heads, main leader and editors.

    Filled through the API until intake announces people and roles (no contract event yet).
    """

    unit_id: str
    name: str = ""
    officers: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    main_leader: str | None = None
    editors: tuple[str, ...] = ()
    """Editors of the office this unit runs (they hear of overdue urgent reports)."""

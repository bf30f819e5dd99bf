"""Office rules the use cases apply, from the settings: deadlines and the local time zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class IntakeRules:
    """Report-within deadlines of urgent items, and the zone that dates are read in."""

    report_within_minutes: dict[str, int] = field(default_factory=lambda: {"突发事件": 120})
    urgent_report_minutes: int = 120
    timezone: str = "Asia/Shanghai"
    resubmission_needs_sign_off: bool = True
    """Default for offices that chose nothing: an officer's resubmission waits for the head."""

    def report_within(self, category: str, urgent: bool) -> timedelta | None:
        """How soon after the event an item must be submitted; None when no limit applies."""
        minutes = self.report_within_minutes.get(category)
        if minutes is None and urgent:
            minutes = self.urgent_report_minutes
        return timedelta(minutes=minutes) if minutes is not None else None

    def end_of_day(self, day: date) -> datetime:
        """The last second of ``day`` in the office's zone, in UTC (a date deadline includes the day)."""
        return datetime.combine(day, time(23, 59, 59), ZoneInfo(self.timezone)).astimezone(UTC)

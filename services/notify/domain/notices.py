"""Reminders, office alerts, unit notices and the weekly digest, composed from facts. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from services.notify.domain.messages import Message, compose
from services.notify.domain.reminders import Obligation, Slot, time_left
from services.notify.domain.templates import phrase


def reminder_message(
    ob: Obligation,
    recipient_id: str,
    unit_name: str,
    slot: Slot,
    now: datetime,
    zone: str,
    language: str = "zh",
) -> Message:
    """Remind a unit's people of what it owes; an overdue reminder is highlighted."""
    due = f"{ob.due_at.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"
    unit, count = time_left(ob.due_at, now)

    def fields(lang: str) -> dict[str, Any]:
        detail = (
            phrase(lang, "quota_detail", required=ob.required, submitted=ob.submitted)
            if ob.subject == "quota"
            else ""
        )
        return {
            "what": phrase(lang, ob.subject),
            "unit": unit_name,
            "reference": ob.reference_id,
            "due": due,
            "left": phrase(lang, unit, n=count),
            "detail": detail,
        }

    kind = "overdue" if slot.overdue else "reminder"
    return compose(kind, recipient_id, _item_of(ob), language, fields, highlight=slot.overdue)


def missed_deadline_message(
    recipient_id: str,
    *,
    subject: str,
    reference_id: str,
    submission_id: str | None,
    due_at: datetime,
    unit_name: str,
    zone: str,
    to_office: bool,
) -> Message:
    """Tell a unit (or the office that set the deadline) that a deadline passed unanswered."""
    due = f"{due_at.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"
    return compose(
        "deadline_missed_office" if to_office else "deadline_missed",
        recipient_id,
        submission_id,
        "zh",
        lambda lang: {
            "what": phrase(lang, subject), "unit": unit_name, "reference": reference_id, "due": due,
        },
        urgent=subject == "urgent_report",
        highlight=True,
    )


def sign_off_message(
    recipient_id: str, *, submission_id: str, title: str, by: str, resubmission: bool
) -> Message:
    """Tell a unit head that an item waits for their sign-off."""
    return compose(
        "sign_off_requested",
        recipient_id,
        submission_id,
        "zh",
        lambda lang: {
            "title": title, "by": by,
            "what": phrase(lang, "revision" if resubmission else "draft"),
        },
        highlight=True,
    )


def commission_message(
    recipient_id: str, *, kind: str, theme: str, description: str, office_name: str,
    deadline: datetime | None, zone: str,
) -> Message:
    """Tell a unit's officers that their office asks for items on a theme."""
    due = f"{deadline.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}" if deadline else None

    def fields(lang: str) -> dict[str, Any]:
        return {
            "what": phrase(lang, f"kind_{kind}"), "theme": theme, "description": description,
            "office": office_name, "due": phrase(lang, "commission_due", due=due) if due else "",
        }

    return compose("commission_published", recipient_id, None, "zh", fields, highlight=deadline is not None)


def briefing_message(
    recipient_id: str, *, name: str, issue_no: str, office_name: str, titles: list[str]
) -> Message:
    """Tell a unit that an issued briefing carries its items."""
    listed = "；".join(f"《{t}》" for t in titles)
    return compose(
        "briefing_issued", recipient_id, None, "zh",
        lambda _: {"name": name, "issue_no": issue_no, "office": office_name, "titles": listed},
    )


@dataclass(frozen=True)
class RankMove:
    """A unit's rank among its peers in a period, now and before (None: newly ranked)."""

    period: str
    peer_group: str
    rank: int
    previous_rank: int | None
    group_size: int
    total_points: Decimal


def standing_message(recipient_id: str, *, unit_name: str, move: RankMove) -> Message:
    """Tell a unit's leader that its rank among its peers moved."""
    if move.previous_rank is None:
        change = "rank_new"
    else:
        change = "rank_up" if move.rank < move.previous_rank else "rank_down"

    def fields(lang: str) -> dict[str, Any]:
        group = (
            phrase(lang, "peer_group_all")
            if move.peer_group == "all"
            else phrase(lang, "peer_group", group=phrase(lang, move.peer_group))
        )
        return {
            "unit": unit_name, "period": move.period, "rank": move.rank, "size": move.group_size,
            "group": group, "total": move.total_points,
            "change": phrase(lang, change, previous=move.previous_rank, rank=move.rank),
        }

    return compose("standing_changed", recipient_id, None, "zh", fields)


@dataclass(frozen=True)
class DigestLine:
    """One message waiting in a person's inbox, as the digest lists it."""

    subject: str
    at: datetime
    highlight: bool = False


def digest_message(recipient_id: str, name: str, lines: list[DigestLine], language: str) -> Message:
    """One message listing a person's waiting messages, overdue ones first."""
    ordered = sorted(lines, key=lambda line: (not line.highlight, line.at))
    overdue = sum(1 for line in lines if line.highlight)

    def fields(lang: str) -> dict[str, Any]:
        listed = "\n".join(
            f"- {phrase(lang, 'overdue_mark') if line.highlight else ''}{line.subject}" for line in ordered
        )
        return {
            "count": len(lines),
            "name": name or recipient_id,
            "lines": listed,
            "overdue": phrase(lang, "overdue_count", n=overdue) if overdue else "",
        }

    return compose("digest", recipient_id, None, language, fields)


def digest_slot(now: datetime, zone: str, weekday: int, hour: int) -> datetime:
    """The latest weekly digest time at or before ``now`` (``weekday`` 0 = Monday), UTC."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    slot = datetime.combine(day, time(hour), tz)
    if slot > local:
        slot = datetime.combine(day - timedelta(days=7), time(hour), tz)
    return slot.astimezone(UTC)


def _item_of(ob: Obligation) -> str | None:
    return ob.reference_id if ob.subject == "urgent_report" else None

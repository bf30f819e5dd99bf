"""Who may call which notify route: notify's table over the one scope rule of
``shared.auth`` (every route but /live, /health, /metrics and the agency feed needs an
access token from intake).

    inbox (/notifications, …/read),       the person; the bootstrap admin (support)
    /people/{id}/preferences
    GET /units/{id}/contacts              people acting on the unit: its own, offices above it
    PUT /units/{id}/contacts              of those, unit heads, editors, office heads; admins
    /offices/{id}/reminder-schedule,      editors and office heads of that office
    /offices/{id}/bulletin-schedule,
    POST /bulletins
    POST /reminders/{id}/close            editors and office heads of the office that set it
    GET /bulletins?office_id=,            editors, office heads and leaders of the office
    /bulletins/{id}, /bulletins/{id}.fmt
    agencies, subscriptions, keys,        administrators
    releases, deliveries, attempts,
    replays, webhook log, GET /reminders,
    GET /bulletins of every office
    GET /feeds/{agency}.json              that agency's own API key

Refusals are 403 with the sentence, except where existence must not leak: another
person's notification answers 404, like one that does not exist.
"""

from __future__ import annotations

from shared.auth import Principal, require_acts_on, require_heads_office

OFFICE_STAFF = ("editor", "office_head")
BULLETIN_READERS = (*OFFICE_STAFF, "leader")
CONTACT_EDITORS = ("unit_head", *OFFICE_STAFF)


def require_office_staff(caller: Principal, office_id: str, doing: str) -> None:
    require_heads_office(caller, office_id, doing, OFFICE_STAFF)


def require_bulletin_reader(caller: Principal, office_id: str, doing: str) -> None:
    require_heads_office(caller, office_id, doing, BULLETIN_READERS)


def require_contacts_reader(caller: Principal, lineage: tuple[str, ...]) -> None:
    require_acts_on(caller, lineage, f"read the contacts of {lineage[0]}")


def require_contacts_editor(caller: Principal, lineage: tuple[str, ...]) -> None:
    require_acts_on(caller, lineage, f"change the contacts of {lineage[0]}", CONTACT_EDITORS)


def owns(caller: Principal, person_id: str) -> bool:
    """The person themself, or the bootstrap admin (``shared.auth.require_self``'s rule)."""
    return caller.subject == person_id or caller.is_global_admin

"""Who is calling, and the one scope rule every service applies. Pure: no framework, no I/O.

A :class:`Principal` is what a verified access token says: the person (or named service
account), their roles and the org unit they act for. Scope is read off the org tree as a
*lineage*: a unit followed by its ancestors up to the root (``("t-1", "county-1",
"city-1")``). Each service keeps the tree it needs from intake's ``UnitRegistered`` events
and hands the lineage of the unit in question to these functions.

    acts_on(p, lineage)            the unit is in the subtree p is responsible for: p's unit is
                                   the unit itself or one of its ancestors (an office acts on
                                   its subordinate units); the bootstrap admin acts everywhere
    heads_office(p, office_id)     p is an office head (or admin) of exactly that office
    administers(p)                 p is an administrator (operator routes)

Roles are intake's: officer, unit_head, editor, office_head, leader, admin (see
``services/intake/domain/access.py`` for what each does in the editorial workflow).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ROLES = ("officer", "unit_head", "editor", "office_head", "leader", "admin", "service")
UNIT_ROLES = frozenset({"officer", "unit_head"})
OFFICE_ROLES = frozenset({"editor", "office_head"})
Kind = Literal["person", "service"]


class Refused(Exception):
    """The principal may not do this; the message says who may (HTTP 403)."""


@dataclass(frozen=True)
class Principal:
    """An authenticated caller. ``unit_id`` is None only for the bootstrap admin and for
    service accounts that act across the whole tree."""

    subject: str
    name: str
    unit_id: str | None
    roles: tuple[str, ...]
    session_id: str = ""
    kind: Kind = "person"
    expires_at: datetime | None = None

    def has(self, roles: Iterable[str]) -> bool:
        return bool(set(self.roles) & set(roles))

    @property
    def is_global_admin(self) -> bool:
        """The bootstrap admin (admin without a unit): the top of the tree."""
        return self.unit_id is None and "admin" in self.roles

    def describe(self) -> str:
        where = f" of {self.unit_id}" if self.unit_id else ""
        return f"{self.name or self.subject} ({'/'.join(self.roles) or 'no role'}{where})"


def acts_on(principal: Principal, lineage: Sequence[str], roles: Iterable[str] | None = None) -> bool:
    """Whether ``principal`` (holding one of ``roles``, when given) acts on the unit whose
    lineage (the unit, then its ancestors) is ``lineage``."""
    if roles is not None and not principal.has(roles) and not principal.has({"admin"}):
        return False
    if principal.is_global_admin:
        return True
    return principal.unit_id is not None and principal.unit_id in lineage


def require_acts_on(
    principal: Principal, lineage: Sequence[str], doing: str, roles: Iterable[str] | None = None
) -> None:
    if not acts_on(principal, lineage, roles):
        unit = lineage[0] if lineage else "an unknown unit"
        who = f"{'/'.join(sorted(roles))} of " if roles is not None else "people of "
        raise Refused(f"{principal.describe()} may not {doing}: only {who}{unit} or an office above it may")


def heads_office(principal: Principal, office_id: str, roles: Iterable[str] = ("office_head",)) -> bool:
    """``principal`` holds one of ``roles`` at ``office_id`` itself, or is an admin over it."""
    if principal.is_global_admin:
        return True
    return principal.unit_id == office_id and principal.has({*roles, "admin"})


def require_heads_office(
    principal: Principal, office_id: str, doing: str, roles: Iterable[str] = ("office_head",)
) -> None:
    if not heads_office(principal, office_id, roles):
        raise Refused(
            f"{principal.describe()} may not {doing}: only {'/'.join(sorted(roles))} of {office_id} may"
        )


def administers(principal: Principal) -> bool:
    """An administrator: the bootstrap admin, an admin of any unit, or the ``service`` account
    given the admin role. Operator routes (agencies, webhooks, dead deliveries) need this."""
    return principal.has({"admin"})


def require_admin(principal: Principal, doing: str) -> None:
    if not administers(principal):
        raise Refused(f"{principal.describe()} may not {doing}: only an administrator may")


def require_self(principal: Principal, person_id: str, doing: str) -> None:
    """A person's own inbox and preferences: that person, or an administrator."""
    if principal.subject != person_id and not principal.is_global_admin:
        raise Refused(f"{principal.describe()} may not {doing} of {person_id}: only {person_id} may")

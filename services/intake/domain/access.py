"""Who may do what, and where: the authenticated user and the scope rules. Pure.

    officer, unit_head   act for their own unit: write, sign off (unit_head), withdraw,
                         report back on instructions; read their unit's items
    editor, office_head  act at their own office: screen, edit, adopt, forward, commission,
                         set quotas, compile briefings (office_head signs issues off); read
                         every item that reached their office
    leader               reads items adopted by their office or any office below it;
                         records instructions on them
    admin                keeps the org tree and people at and below their unit; the
                         bootstrap admin (no unit) everywhere

Every refusal raises Forbidden with a sentence saying who may do it instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from services.intake.domain.errors import Forbidden
from services.intake.domain.model import Item, ItemState

ROLES = ("officer", "unit_head", "editor", "office_head", "leader", "admin")
UNIT_ROLES = frozenset({"officer", "unit_head"})
OFFICE_ROLES = frozenset({"editor", "office_head"})


@dataclass(frozen=True)
class User:
    """The authenticated person; ``unit_id`` is None only for the bootstrap admin."""

    person_id: str
    name: str
    unit_id: str | None
    roles: tuple[str, ...]

    def has(self, roles: Iterable[str]) -> bool:
        """True when the user holds at least one of ``roles``."""
        return bool(set(self.roles) & set(roles))

    def describe(self) -> str:
        where = f" of {self.unit_id}" if self.unit_id else ""
        return f"{self.name} ({'/'.join(self.roles) or 'no role'}{where})"


class View(StrEnum):
    """The lists of items a user can page through, one per kind of scope."""

    UNIT = "unit"
    """Items of the user's own unit, drafts included (officers, unit heads)."""
    OFFICE = "office"
    """Items that reached the user's office, now or on their way up (editors, office heads)."""
    ADOPTED = "adopted"
    """Items adopted by the user's office or an office below it (leaders)."""


_VIEW_ROLES = {View.OFFICE: OFFICE_ROLES, View.UNIT: UNIT_ROLES, View.ADOPTED: {"leader"}}


def views(user: User) -> list[View]:
    """The views ``user`` may list, the most useful first."""
    if user.unit_id is None:
        return []
    return [view for view, roles in _VIEW_ROLES.items() if user.has(roles)]


def require_view(user: User, view: View) -> None:
    if view not in views(user):
        allowed = "/".join(sorted(_VIEW_ROLES[view]))
        raise Forbidden(f"{user.describe()} cannot list the {view.value} view: it needs {allowed}")


def can_read(user: User, item: Item) -> bool:
    """Whether ``user`` may read ``item`` (its text, history, revisions and audit trail)."""
    unit = user.unit_id
    if unit is None:
        return False
    if user.has(UNIT_ROLES) and item.unit_id == unit:
        return True
    if user.has(OFFICE_ROLES) and item.state != ItemState.DRAFT and unit in item.offices_reached:
        return True
    return user.has({"leader"}) and unit in item.adopted_under


def require_read(user: User, item: Item) -> None:
    if not can_read(user, item):
        raise Forbidden(
            f"{user.describe()} may not read item {item.submission_id}: it belongs to "
            f"{item.unit_id} and is with {item.office_id}"
        )


def require_unit_role(user: User, unit_id: str, roles: Iterable[str], doing: str) -> None:
    """``user`` holds one of ``roles`` in ``unit_id`` itself."""
    wanted = sorted(roles)
    if user.unit_id != unit_id or not user.has(wanted):
        raise Forbidden(f"{user.describe()} may not {doing}: only {'/'.join(wanted)} of {unit_id} may")


def require_office_role(user: User, office_id: str, roles: Iterable[str], doing: str) -> None:
    """``user`` holds one of ``roles`` at the office ``office_id``."""
    require_unit_role(user, office_id, roles, doing)


def require_admin_over(user: User, lineage: Sequence[str], doing: str) -> None:
    """``user`` is an admin at a unit of ``lineage`` (a unit and its ancestors), or the bootstrap admin."""
    if "admin" in user.roles and (user.unit_id is None or user.unit_id in lineage):
        return
    where = lineage[0] if lineage else "the top of the tree"
    raise Forbidden(
        f"{user.describe()} may not {doing}: only an admin at or above {where} may"
    )

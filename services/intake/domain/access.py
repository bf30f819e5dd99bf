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

from services.intake.domain.errors import Forbidden, InvalidInput
from services.intake.domain.model import Item, ItemState, Unit
from services.intake.domain.publications import CATALOGUE, Publication, find_publication, publications_at
from shared.contracts.vocabulary import OrgLevel

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
        raise Forbidden(
            f"{user.describe()} cannot list the {view.value} view: it needs {allowed}",
            code="view_roles", roles=sorted(_VIEW_ROLES[view]),
        )


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
            f"{item.unit_id} and is with {item.office_id}",
            code="read_scope", unit=item.unit_id, office=item.office_id,
        )


def require_unit_role(user: User, unit_id: str, roles: Iterable[str], doing: str) -> None:
    """``user`` holds one of ``roles`` in ``unit_id`` itself."""
    wanted = sorted(roles)
    if user.unit_id != unit_id or not user.has(wanted):
        raise Forbidden(
            f"{user.describe()} may not {doing}: only {'/'.join(wanted)} of {unit_id} may",
            code="unit_role", roles=wanted, unit=unit_id, doing=doing,
        )


def require_office_role(user: User, office_id: str, roles: Iterable[str], doing: str) -> None:
    """``user`` holds one of ``roles`` at the office ``office_id``."""
    require_unit_role(user, office_id, roles, doing)


def require_admin_over(user: User, lineage: Sequence[str], doing: str) -> None:
    """``user`` is an admin at a unit of ``lineage`` (a unit and its ancestors), or the bootstrap admin."""
    if "admin" in user.roles and (user.unit_id is None or user.unit_id in lineage):
        return
    if not lineage:
        raise Forbidden(
            f"{user.describe()} may not {doing}: only an admin at or above the top of the tree may",
            code="admin_top", doing=doing,
        )
    raise Forbidden(
        f"{user.describe()} may not {doing}: only an admin at or above {lineage[0]} may",
        code="admin_over", unit=lineage[0], doing=doing,
    )


RANKS = (OrgLevel.NATIONAL, OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY, OrgLevel.TOWNSHIP)
"""Leaders' ranks (and offices' levels), highest first."""


def instruction_ranks(level: OrgLevel) -> tuple[OrgLevel, ...]:
    """The ranks of instructions an office of ``level`` may record: its own and below (a city
    office: 市级, 县级, 乡镇; an instruction from higher up is recorded by the office there,
    which the item reached too when it was adopted)."""
    return RANKS[RANKS.index(OrgLevel(level)):]


def require_instruction_rank(user: User, office: Unit, rank: OrgLevel) -> None:
    """``user`` (a leader or editor of ``office``) may record an instruction of ``rank``."""
    if OrgLevel(rank) not in instruction_ranks(office.level):
        allowed = "/".join(r.value for r in instruction_ranks(office.level))
        raise Forbidden(
            f"{user.describe()} may not record an instruction of rank {OrgLevel(rank).value}: "
            f"a {office.level.value} office records instructions of rank {allowed}; one from higher "
            "up is recorded by that office",
            code="rank_above_office", field="leader_rank", level=OrgLevel(rank), office_level=office.level,
        )


def require_own_publication(
    user: User, office: Unit, code: str, catalogue: tuple[Publication, ...] = CATALOGUE
) -> Publication:
    """The publication ``code`` if it is one of ``office``'s own; Forbidden for another
    level's, InvalidInput for a code no office publishes."""
    own = publications_at(office.level, catalogue)
    listed = ", ".join(p.code for p in own) or "none"
    publication = find_publication(code, catalogue)
    if publication is None:
        raise InvalidInput(
            "publication", f"no publication has the code {code!r}; {office.unit_id} publishes: {listed}",
            code="publication_unknown", publication=code, own=[p.name for p in own],
        )
    if publication not in own:
        raise Forbidden(
            f"{user.describe()} may not adopt into or compile {publication.code} ({publication.name}): it is "
            f"published by {publication.level.value} offices; {office.unit_id} publishes: {listed}",
            code="publication_not_own", field="publication", publication=publication.code,
            name=publication.name, level=publication.level, own=[p.name for p in own],
        )
    return publication

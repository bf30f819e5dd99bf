"""Who may use scoring: the shared scope rule (shared/auth/principal.py) applied to its routes.

    GET  /scores/{id}   officers and unit heads of the item's unit; editors and office heads
                        of that unit or an office above it; leaders of an office that adopted
                        the item or of one above that office (intake's reading rule); an admin
                        at or above the unit. Anyone else is told 404, as for an unknown item.
    POST /preview       people who write or edit items: officer, unit_head, editor, office_head
                        (and admins); leaders only read, so they are refused.
    GET  /agreement     editors and office heads (and admins): the report pools the editors'
                        decisions of every office and is there to calibrate the rubric.
    GET  /rubric        anyone logged in.

A unit scoring has not heard of (its UnitRegistered not consumed yet) is its own whole
lineage: until the tree arrives only the unit's own people and the bootstrap admin read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shared.auth import OFFICE_ROLES, UNIT_ROLES, Principal, Refused, acts_on

WRITERS = UNIT_ROLES | OFFICE_ROLES
CALIBRATORS = OFFICE_ROLES


def may_read_score(caller: Principal, lineage: Sequence[str], adopted_under: Iterable[Sequence[str]]) -> bool:
    """``lineage``: the item's unit and its ancestors; ``adopted_under``: the lineage of each
    office that adopted the item."""
    return (
        acts_on(caller, lineage[:1], UNIT_ROLES)
        or acts_on(caller, lineage, OFFICE_ROLES)
        or any(acts_on(caller, office, {"leader"}) for office in adopted_under)
    )


def require_role(caller: Principal, roles: Iterable[str], doing: str) -> None:
    """``caller`` holds one of ``roles`` (or is an admin), wherever they work."""
    wanted = sorted(roles)
    if not caller.has({*wanted, "admin"}):
        raise Refused(f"{caller.describe()} may not {doing}: only {'/'.join(wanted)} may")

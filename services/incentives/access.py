"""Who may use incentives: the shared scope rule (shared/auth/principal.py) applied to its routes.

    GET  /units/{id}/balance, /units/{id}/entries
                        people of the unit or of an office above it (officer, unit_head,
                        editor, office_head, leader; admins at or above it); 403 otherwise
    GET  /standings, /standings/people, /quotas
                        anyone holding one of those roles; the answer holds only the rows of
                        units the caller acts on: their own unit, or every unit under their
                        office. Ranks stay those among all peers, so a township sees that it
                        is 3rd without seeing who is 1st and 2nd. Only the units the policy's
                        office assesses are ranked at all (domain/assessed.py: its subtree,
                        rolled up into counties where the policy says so)
    POST /periods/{period}/close, GET /assessments/{year}(.xlsx|.docx), /rewards, POST /what-if
                        office heads of the office whose policy governs the period (the
                        policy's ``office_id``: one incentives deployment assesses for one
                        office, see PolicyBook); 403 for the heads of any other office
    GET  /policy        anyone logged in

A unit whose UnitRegistered has not arrived yet is its own whole lineage: until it does,
only the unit's own people (and the bootstrap admin) reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.incentives import usecases
from services.incentives.domain import Policy, lineage
from shared.auth import (
    OFFICE_ROLES,
    UNIT_ROLES,
    Principal,
    Refused,
    acts_on,
    require_acts_on,
    require_heads_office,
)

READERS = UNIT_ROLES | OFFICE_ROLES | {"leader"}


class Scope:
    """The units ``caller`` reads, off the org tree ``parents`` (unit -> parent)."""

    def __init__(self, caller: Principal, parents: Mapping[str, str | None]) -> None:
        self.caller = caller
        self.parents = parents

    def covers(self, unit_id: str) -> bool:
        return acts_on(self.caller, lineage(unit_id, self.parents), READERS)

    def covers_any(self, unit_ids: Iterable[str]) -> bool:
        """One of ``unit_ids`` is covered (an officer's home units); none given: only the
        bootstrap admin, who acts everywhere."""
        units = list(unit_ids)
        return any(self.covers(u) for u in units) if units else acts_on(self.caller, (), READERS)

    def require(self, unit_id: str, doing: str) -> None:
        require_acts_on(self.caller, lineage(unit_id, self.parents), doing, READERS)


async def reader_scope(new_uow: usecases.UnitOfWorkFactory, caller: Principal, doing: str) -> Scope:
    """The caller's scope; Refused when they hold none of the roles that read points."""
    if not caller.has({*READERS, "admin"}):
        raise Refused(f"{caller.describe()} may not {doing}: only {'/'.join(sorted(READERS))} may")
    return Scope(caller, await usecases.unit_parents(new_uow))


def require_assessor(caller: Principal, policy: Policy, doing: str) -> None:
    """``caller`` heads the office whose ``policy`` it is."""
    require_heads_office(caller, policy.office_id, doing)

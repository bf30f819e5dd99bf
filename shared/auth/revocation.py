"""Revoked sessions and people, as every service learns of them from intake.

Intake publishes ``SessionRevoked`` (topic ``intake.session.v1``) when someone logs out
(one session), changes their password, has their roles or unit changed or is disabled
(every token of that person issued before that moment). Each service instance reads the
topic from the beginning of its short retention (no consumer group: every instance needs
every revocation) into a :class:`Revocations`, which the token verifier consults. Entries
are dropped once every token they could concern has expired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shared.auth.principal import Principal

KEEP = timedelta(hours=1)
"""How long a revocation is remembered: longer than any access token lives."""


@dataclass
class Revocations:
    sessions: dict[str, datetime] = field(default_factory=dict)
    """session id -> when it was revoked"""
    people: dict[str, datetime] = field(default_factory=dict)
    """person id -> tokens issued before this moment are void"""

    def revoke_session(self, session_id: str, at: datetime) -> None:
        self.sessions[session_id] = at

    def revoke_person(self, person_id: str, at: datetime) -> None:
        known = self.people.get(person_id)
        if known is None or at > known:
            self.people[person_id] = at

    def revoked(self, principal: Principal, issued: datetime, now: datetime) -> bool:
        self._forget_before(now - KEEP)
        if principal.session_id and principal.session_id in self.sessions:
            return True
        before = self.people.get(principal.subject)
        return before is not None and issued <= before

    def _forget_before(self, moment: datetime) -> None:
        for table in (self.sessions, self.people):
            for key in [k for k, at in table.items() if at < moment]:
                del table[key]

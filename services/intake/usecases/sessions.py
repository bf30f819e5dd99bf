"""Log-in, log-out, sessions and passwords. Every log-in attempt goes to the audit trail.

bcrypt runs outside any unit of work (it is slow on purpose): read, check in a thread,
then record the outcome in a second unit of work.

Access tokens outlive nothing here: a log-out (one session) and a password change (every
token of the person issued until then) emit ``SessionRevoked`` in the same unit of work as
the change, which every service follows (shared/auth/README.md).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.intake import passwords
from services.intake.domain import Forbidden, InvalidInput, LoginRefused, NotFound, Person, User
from services.intake.domain.access import require_admin_over
from services.intake.repositories import IntakeUnitOfWork
from services.intake.usecases.common import PRODUCER, Actor, UnitOfWorkFactory, audit
from shared.contracts import SessionRevoked, new_id

_REFUSED = "wrong person id or password"


@dataclass(frozen=True)
class AuthPolicy:
    """How log-ins work; built from the settings by the composition root."""

    bootstrap_admin_id: str
    bootstrap_admin_password: str | None
    bcrypt_rounds: int
    session_ttl: timedelta

    def bootstrap_user(self) -> User:
        return User(self.bootstrap_admin_id, "系统管理员", None, ("admin",))

    def is_bootstrap(self, person_id: str) -> bool:
        return self.bootstrap_admin_password is not None and person_id == self.bootstrap_admin_id


@dataclass(frozen=True)
class Session:
    """A successful log-in."""

    session_id: str
    user: User
    expires_at: datetime


async def log_in(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, person_id: str, password: str,
    origin: str, now: datetime,
) -> Session:
    """A new session for ``person_id``; LoginRefused (and an audit entry) otherwise.
    Repeated failures are throttled by the caller (services.intake.login_throttle)."""
    bootstrap = policy.is_bootstrap(person_id)
    async with new_uow() as uow:
        person = None if bootstrap else await uow.people.get(person_id)
        credential = await uow.credentials.get(person_id) if bootstrap or person else None
    user = policy.bootstrap_user() if bootstrap else (_user(person) if person else None)
    if bootstrap:
        ok = _same(password, policy.bootstrap_admin_password or "")
    else:
        hashed = credential.get("hash") if credential else None
        ok = await asyncio.to_thread(passwords.check_password, password, hashed, policy.bcrypt_rounds)
    actor = Actor(user or User(person_id[:64], "", None, ()), origin)
    async with new_uow() as uow:
        if not ok:
            detail = "wrong password" if credential or bootstrap else "unknown person or no password"
            await audit(uow, actor, "login-failed", actor.person_id, now, detail)
            await uow.commit()
            raise LoginRefused(_REFUSED, code="login_refused")
        assert user is not None
        session = Session(new_id(), user, now + policy.session_ttl)
        await uow.sessions.put({
            "_id": session.session_id, "person_id": person_id, "created_at": now,
            "expires_at": session.expires_at, "revoked_at": None, "origin": origin,
        })
        await audit(uow, actor, "login", person_id, now)
        await uow.commit()
    return session


async def live_session(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, person_id: str, session_id: str, now: datetime
) -> Session | None:
    """The live session ``session_id`` of ``person_id`` (with the user's roles as they are
    now), or None when it ended, expired or is someone else's."""
    async with new_uow() as uow:
        session = await uow.sessions.get(session_id)
        if not session or session["person_id"] != person_id or session["revoked_at"] is not None:
            return None
        if session["expires_at"] <= now:
            return None
        if policy.is_bootstrap(person_id):
            return Session(session_id, policy.bootstrap_user(), session["expires_at"])
        person = await uow.people.get(person_id)
    return Session(session_id, _user(person), session["expires_at"]) if person else None


async def log_out(new_uow: UnitOfWorkFactory, actor: Actor, session_id: str, now: datetime) -> None:
    """Revoke the session: its session token stops working at once, its access tokens as soon
    as the services read the SessionRevoked (key: person_id) that goes out with it."""
    async with new_uow() as uow:
        session = await uow.sessions.get(session_id)
        if session and session["revoked_at"] is None:
            await uow.sessions.put({**session, "revoked_at": now})
            uow.emit(revoked(session["person_id"], "logout", now, session_id))
            await audit(uow, actor, "logout", actor.person_id, now)
            await uow.commit()


def revoked(
    person_id: str, reason: str, now: datetime, session_id: str | None = None
) -> SessionRevoked:
    """The event voiding one session's access tokens, or (no ``session_id``) every token of
    ``person_id`` issued up to ``now``."""
    return SessionRevoked.originated(
        producer=PRODUCER, occurred_at=now, person_id=person_id, session_id=session_id,
        reason=reason,
    )


async def revoke_if_changed(
    uow: IntakeUnitOfWork, person: Person, password_set: bool, now: datetime
) -> None:
    """Inside a unit of work that changes ``person``: void their access tokens when their roles
    or unit change (what tokens carry) or their password is replaced. A new person has none."""
    existing = await uow.people.get(person.person_id)
    if existing is None:
        return
    if existing.unit_id != person.unit_id or sorted(existing.roles) != sorted(person.roles):
        uow.emit(revoked(person.person_id, "roles_changed", now))
    elif password_set:
        uow.emit(revoked(person.person_id, "password_changed", now))


async def change_own_password(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, actor: Actor, old: str, new: str, now: datetime
) -> None:
    """The user replaces their password, proving the old one."""
    if policy.is_bootstrap(actor.person_id):
        raise Forbidden(
            "the bootstrap admin's password is set in INTAKE_BOOTSTRAP_ADMIN_PASSWORD",
            code="bootstrap_password",
        )
    async with new_uow() as uow:
        credential = await uow.credentials.get(actor.person_id)
    hashed = credential.get("hash") if credential else None
    if not await asyncio.to_thread(passwords.check_password, old, hashed, policy.bcrypt_rounds):
        raise InvalidInput("old_password", "does not match", code="password_mismatch")
    await _store_password(new_uow, policy, actor, actor.person_id, new, now, "password-changed")


async def reset_password(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, actor: Actor, person_id: str, new: str,
    now: datetime,
) -> None:
    """An admin over the person's unit sets a new password."""
    async with new_uow() as uow:
        person = await uow.people.get(person_id)
        if person is None:
            raise NotFound(f"person {person_id!r}", code="no_person", person=person_id)
        require_admin_over(actor.user, await uow.units.lineage(person.unit_id), "reset passwords")
    await _store_password(new_uow, policy, actor, person_id, new, now, "password-reset")


async def hash_new_password(policy: AuthPolicy, password: str) -> str:
    """The hash to store for a new password; InvalidInput when it is too short."""
    if len(password) < passwords.MIN_LENGTH:
        raise InvalidInput(
            "password", f"at least {passwords.MIN_LENGTH} characters",
            code="too_short", limit=passwords.MIN_LENGTH,
        )
    return await asyncio.to_thread(passwords.hash_password, password, policy.bcrypt_rounds)


def credential_record(person_id: str, hashed: str, now: datetime) -> dict[str, object]:
    return {"_id": person_id, "hash": hashed, "changed_at": now}


async def _store_password(
    new_uow: UnitOfWorkFactory, policy: AuthPolicy, actor: Actor, person_id: str, new: str,
    now: datetime, action: str,
) -> None:
    hashed = await hash_new_password(policy, new)
    async with new_uow() as uow:
        await uow.credentials.put(credential_record(person_id, hashed, now))
        uow.emit(revoked(person_id, "password_changed", now))
        await audit(uow, actor, action, person_id, now)
        await uow.commit()


def _user(person: Person) -> User:
    return User(person.person_id, person.name, person.unit_id, tuple(person.roles))


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(
        hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest()
    )

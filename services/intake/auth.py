"""Authentication for intake's API and web pages (see AUTH.md).

    POST /auth/login     {person_id, password} -> {token, expires_at, access_token,
                         access_expires_at, person}; sets the cookie
    POST /auth/token     a fresh access token for the caller's live session
    POST /auth/logout    revokes the session and clears the cookie
    GET  /auth/me        the authenticated user
    POST /auth/password  {old_password, new_password}: change one's own password
    GET  /.well-known/jwks.json   the public keys of access tokens (services.intake.access_tokens)

Dependencies for routes: ``current_user`` (401 without a valid session), ``optional_user``
(None instead), ``current_actor`` (the user plus the client address, for use cases).
The session token travels as ``Authorization: Bearer <token>`` or in the HttpOnly cookie
``xinbao_session``; an access token intake issued is accepted as the bearer token too (its
session is still looked up, so a log-out ends it here at once).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from services.intake import tokens
from services.intake.access_tokens import AccessTokens, is_access_token
from services.intake.domain import User
from services.intake.login_throttle import LoginThrottle, policy_of
from services.intake.settings import IntakeSettings
from services.intake.usecases import sessions
from services.intake.usecases.common import Actor, UnitOfWorkFactory
from shared.clock import Clock, system_clock
from shared.runtime.app import errors

SESSION_COOKIE = "xinbao_session"


class Authenticator:
    """Logs people in and recognises their tokens; one per app, at ``app.state.authenticator``."""

    def __init__(
        self, new_uow: UnitOfWorkFactory, settings: IntakeSettings, clock: Clock = system_clock
    ) -> None:
        assert settings.secret_key is not None and settings.bcrypt_rounds is not None
        self.new_uow = new_uow
        self.clock = clock
        self.key = settings.secret_key.get_secret_value().encode()
        self.cookie_secure = bool(settings.cookie_secure)
        password = settings.bootstrap_admin_password
        self.policy = sessions.AuthPolicy(
            bootstrap_admin_id=settings.bootstrap_admin_id,
            bootstrap_admin_password=password.get_secret_value() if password else None,
            bcrypt_rounds=settings.bcrypt_rounds,
            session_ttl=timedelta(hours=settings.session_hours),
        )
        self.throttle = LoginThrottle(policy_of(settings))
        self.access = AccessTokens(
            settings.keys, timedelta(minutes=settings.access_token_minutes), clock
        )

    async def log_in(self, person_id: str, password: str, origin: str) -> tuple[str, sessions.Session]:
        """A token and its session; LoginRefused (HTTP 401) for a wrong id or password,
        LoginThrottled (429) after too many."""
        now = self.clock()
        async with self.throttle.attempt(person_id, origin, now):
            session = await sessions.log_in(self.new_uow, self.policy, person_id, password, origin, now)
        claims = tokens.Claims(session.user.person_id, session.session_id, session.expires_at)
        return tokens.issue(self.key, claims), session

    async def session_for(self, token: str) -> sessions.Session | None:
        """The live session behind a session token or an access token of ours, or None when
        the token is not (or no longer) valid."""
        now = self.clock()
        if is_access_token(token):
            principal = await self.access.principal_of(token)
            if principal is None:
                return None
            person_id, session_id = principal.subject, principal.session_id
        else:
            try:
                claims = tokens.verify(self.key, token, now)
            except tokens.InvalidToken:
                return None
            person_id, session_id = claims.person_id, claims.session_id
        return await sessions.live_session(self.new_uow, self.policy, person_id, session_id, now)

    def access_token(self, session: sessions.Session) -> dict[str, Any]:
        """A new access token for a live session, as the routes answer it."""
        token, expires = self.access.issue_for(session.user, session.session_id, session.expires_at)
        return {"access_token": token, "access_expires_at": expires}


def token_of(request: Request) -> str | None:
    """The bearer token, else the session cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(SESSION_COOKIE)


def origin_of(request: Request) -> str:
    """The client address for the audit trail."""
    return request.client.host if request.client else ""


async def optional_user(request: Request) -> User | None:
    """The authenticated user, or None (pages that redirect to the log-in form use this)."""
    cached = getattr(request.state, "auth", None)
    if cached is None:
        token = token_of(request)
        session = await request.app.state.authenticator.session_for(token) if token else None
        request.state.session = session
        cached = request.state.auth = (session.user, session.session_id) if session else (None, None)
    return cached[0]


async def current_user(request: Request) -> User:
    """The authenticated user; 401 when there is no valid session."""
    user = await optional_user(request)
    if user is None:
        raise HTTPException(
            401, "log in first: POST /auth/login, then send the token as 'Authorization: Bearer "
            "<token>' or keep the xinbao_session cookie", headers={"WWW-Authenticate": "Bearer"},
        )
    return user


async def current_actor(request: Request, user: Annotated[User, Depends(current_user)]) -> Actor:
    """The authenticated user and their address, as use cases take them."""
    return Actor(user, origin_of(request))


CurrentUser = Annotated[User, Depends(current_user)]
CurrentActor = Annotated[Actor, Depends(current_actor)]


def set_session_cookie(response: Response, token: str, expires_at: datetime, secure: bool) -> None:
    """Keep the session in an HttpOnly, SameSite=Lax cookie until it expires."""
    response.set_cookie(
        SESSION_COOKIE, token, expires=expires_at, httponly=True, secure=secure,
        samesite="lax", path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


class LoginIn(BaseModel):
    person_id: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class PasswordIn(BaseModel):
    old_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=8, max_length=256)


def user_out(user: User) -> dict[str, Any]:
    return {**asdict(user), "roles": list(user.roles)}


def router() -> APIRouter:
    api = APIRouter(prefix="/auth", tags=["authentication"])

    @api.post("/login", summary="Log in: a session token and cookie, and an access token",
              responses=errors(401, 429))
    async def login(body: LoginIn, request: Request, response: Response) -> dict[str, Any]:
        """``token`` (intake's session, also set as the cookie) and ``access_token`` (a short-lived
        JWT every service accepts as ``Authorization: Bearer``; renew it with POST /auth/token)."""
        authenticator: Authenticator = request.app.state.authenticator
        token, session = await authenticator.log_in(body.person_id, body.password, origin_of(request))
        set_session_cookie(response, token, session.expires_at, authenticator.cookie_secure)
        return {"token": token, "expires_at": session.expires_at,
                **authenticator.access_token(session), "person": user_out(session.user)}

    @api.post("/token", summary="A fresh access token for the caller's session",
              dependencies=[Depends(current_user)], responses=errors(401))
    async def access_token(request: Request) -> dict[str, Any]:
        """With the session cookie, the session token or a still-valid access token: a new access
        token, valid at most until the session ends."""
        authenticator: Authenticator = request.app.state.authenticator
        session: sessions.Session = request.state.session
        return authenticator.access_token(session)

    @api.post("/logout", status_code=204, summary="Log out: the token stops working", responses=errors(401))
    async def logout(request: Request, actor: CurrentActor) -> Response:
        _, session_id = request.state.auth
        authenticator: Authenticator = request.app.state.authenticator
        await sessions.log_out(authenticator.new_uow, actor, session_id, authenticator.clock())
        response = Response(status_code=204)
        clear_session_cookie(response)
        return response

    @api.get("/me", summary="Who is logged in", responses=errors(401))
    async def me(user: CurrentUser) -> dict[str, Any]:
        return user_out(user)

    @api.post("/password", status_code=204, summary="Change one's own password",
              responses=errors(401, 403))
    async def change_password(body: PasswordIn, request: Request, actor: CurrentActor) -> Response:
        authenticator: Authenticator = request.app.state.authenticator
        await sessions.change_own_password(
            authenticator.new_uow, authenticator.policy, actor, body.old_password,
            body.new_password, authenticator.clock(),
        )
        return Response(status_code=204)

    return api

"""What every page route shares: the viewer, the use-case plumbing and error pages.

Routes are declared with :func:`page_router`, whose route class turns what the use cases
raise into pages: not logged in → the log-in form; a refused form post → back to the
page it came from with the reason; a refused page → a short page saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, fields
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute

from services.intake.auth import optional_user, origin_of
from services.intake.domain import (
    Forbidden,
    IllegalTransition,
    IntakeError,
    InvalidInput,
    Item,
    NotFound,
    Unit,
    User,
)
from services.intake.domain.access import OFFICE_ROLES, UNIT_ROLES
from services.intake.domain.standing import moved_on, state_at
from services.intake.usecases import Actor, IntakeRules, UnitOfWorkFactory
from services.intake.web.csrf import BadToken, CrossSiteRequest, WrongOrigin, check_origin, check_page_post
from services.intake.web.i18n import Translator
from services.intake.web.preview import Previewer
from services.intake.web.publications import Publications
from services.intake.web.rendering import PREFIX, Pages, redirect, safe_next
from services.intake.web.settings import WebSettings
from shared.clock import Clock

BEARER_TTL = timedelta(minutes=2)
"""Tokens the pages mint to call another service as the viewer live for one call or so."""
NO_SESSION_YET = frozenset({PREFIX + "/login"})
"""Form posts made before logging in: their origin is checked, they carry no CSRF token."""


class LoginNeeded(Exception):
    """The page needs a logged-in user; answered with a redirect to the log-in form."""


@dataclass(frozen=True)
class Viewer:
    """The logged-in user as the pages show them, with their unit."""

    user: User
    unit: Unit | None

    @property
    def person_id(self) -> str:
        return self.user.person_id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def unit_id(self) -> str:
        return self.user.unit_id or ""

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else ""

    @property
    def writes(self) -> bool:
        return self.user.has(UNIT_ROLES)

    @property
    def edits(self) -> bool:
        return self.user.has(OFFICE_ROLES)

    @property
    def leads(self) -> bool:
        return self.user.has({"leader"})

    def state_of(self, item: Item) -> str:
        """The item's state as this viewer's unit sees it (domain/standing.py)."""
        return state_at(item, self.user.unit_id)

    def moved_on(self, item: Item) -> bool:
        """Whether the item has gone on above what this viewer's unit sees."""
        return moved_on(item, self.user.unit_id)

    @property
    def administers(self) -> bool:
        return "admin" in self.user.roles

    @property
    def home(self) -> str:
        places = (
            (self.edits, "/inbox"), (self.writes, "/items"), (self.leads, "/leader"),
            (self.administers, "/admin"),
        )
        for allowed, url in places:
            if allowed:
                return PREFIX + url
        return PREFIX + "/items"

    @property
    def nav(self) -> list[tuple[str, str]]:
        links = []
        if self.writes:
            links += [("nav.my_items", "/items"), ("nav.new_item", "/items/new")]
        if self.user.has({"unit_head"}):
            links += [("nav.signoff", "/signoff")]
        if self.edits:
            links += [("nav.inbox", "/inbox"), ("nav.briefing", "/briefing"), ("nav.quota", "/quota")]
        if self.leads:
            links += [("nav.leader", "/leader")]
        if self.administers:
            links += [("nav.admin", "/admin")]
        return [(key, PREFIX + url) for key, url in links]


@dataclass
class Web:
    """The pages' dependencies, built once by :func:`services.intake.web.router`."""

    new_uow: UnitOfWorkFactory
    rules: IntakeRules
    pages: Pages
    previewer: Previewer
    settings: WebSettings
    publications: Publications
    clock: Clock

    async def viewer(self, request: Request) -> Viewer:
        """The logged-in viewer; LoginNeeded otherwise."""
        user = await optional_user(request)
        if user is None:
            raise LoginNeeded
        unit = None
        if user.unit_id:
            async with self.new_uow() as uow:
                unit = await uow.units.get(user.unit_id)
        return Viewer(user, unit)

    async def bearer_for(self, request: Request, service: str) -> str | None:
        """A short access token of the logged-in person for ``service`` only (the pages call
        scoring as the person who is looking), or None without a live session."""
        if await optional_user(request) is None:
            return None
        session = request.state.session
        token, _ = request.app.state.authenticator.access.issue_for(
            session.user, session.session_id, session.expires_at,
            audience=(f"xinbao-{service}",), ttl=BEARER_TTL,
        )
        return str(token)

    async def actor(self, request: Request) -> Actor:
        """The logged-in user and their address, as use cases take them."""
        return Actor((await self.viewer(request)).user, origin_of(request))

    def t(self, request: Request) -> Translator:
        return self.pages.translator(request)

    def refuse(self, request: Request, error: IntakeError | CrossSiteRequest) -> Response:
        """A page saying why, in the viewer's language, with the fitting status."""
        t = self.t(request)
        refused = isinstance(error, Forbidden | CrossSiteRequest)
        status = 404 if isinstance(error, NotFound) else 403 if refused else 409
        heading = t("common.not_found") if isinstance(error, NotFound) else t("common.forbidden")
        return self.pages.render(
            request, "message.html", status=status, heading=heading, text=explain(t, error)
        )


def explain(t: Translator, error: Exception) -> str:
    """A sentence for the user about a refused action, in the page's language.

    A domain error names its rule (``code``) and figures; the sentence is ``why.<code>``.
    An error without a known code shows its English detail only on English pages: a
    Chinese page says in Chinese what kind of refusal it was, never in English.
    """
    if isinstance(error, IllegalTransition):
        state = error.state.split(" ")[0]
        if t.knows(f"state.{state}"):
            return t("error.illegal", state=t.value("state", state))
        return t("error.illegal_now") if t.lang == "zh" else t("common.error", detail=str(error))
    if isinstance(error, NotFound):
        return _reason(t, error) or t("common.not_found")
    if isinstance(error, WrongOrigin):
        return t("common.bad_origin")
    if isinstance(error, BadToken):
        return t("common.bad_csrf")
    reason = _reason(t, error)
    if isinstance(error, InvalidInput):
        message = reason or (error.message if t.lang == "en" else t("why.invalid"))
        return t("error.invalid", field=t.value("field", error.field), message=message)
    if isinstance(error, Forbidden):
        return t("error.forbidden", detail=reason or (str(error) if t.lang == "en" else t("why.forbidden")))
    return t("common.error", detail=reason or (str(error) if t.lang == "en" else t("why.failed")))


def _reason(t: Translator, error: Exception) -> str | None:
    code = getattr(error, "code", None)
    if not code or not t.knows(f"why.{code}"):
        return None
    params = getattr(error, "params", {})
    return t(f"why.{code}", **{name: t.param(name, value) for name, value in params.items()})


def page_router(web: Web) -> APIRouter:
    """An APIRouter whose routes answer with pages, also when a use case refuses."""

    class PageRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handle = super().get_route_handler()

            async def answer(request: Request) -> Response:
                try:
                    if request.method == "POST":
                        check_origin(request)
                        if request.url.path not in NO_SESSION_YET:
                            await check_page_post(request)
                except CrossSiteRequest as error:
                    return web.refuse(request, error)
                try:
                    return await handle(request)
                except LoginNeeded:
                    target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
                    return redirect(f"{PREFIX}/login?next={target}")
                except IntakeError as error:
                    if request.method != "POST":
                        return web.refuse(request, error)
                    form = await request.form()
                    back = safe_next(str(form.get("next") or ""), PREFIX + "/")
                    return redirect(back, message=explain(web.t(request), error), kind="error")

            return answer

    return APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)


def as_item(record: dict[str, Any]) -> Item:
    """An item back from the dict a reading use case returns."""
    return Item(**{f.name: record[f.name] for f in fields(Item) if f.name in record})

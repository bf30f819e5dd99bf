"""HTTP routes for feeds to other agencies: agencies, subscriptions, release decisions
(administrators) and the pull feed (JSON Feed 1.1, cursor pagination), which takes the
agency's own API key instead of an access token."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Query

from services.notify import usecases
from services.notify.domain import Invalid, NotFound, Subscription
from services.notify.domain.feeds import JSON_FEED_VERSION
from services.notify.schemas import AgencyIn, ReleaseIn, SubscriptionIn
from services.notify.usecases.feeds import SEALED_SECRET
from shared.auth import require_admin
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors

_HIDDEN = ("api_key_hash", SEALED_SECRET)


def router(deps: usecases.Deps, public_url: str, page_size: int) -> APIRouter:
    api = APIRouter(tags=["feeds"], responses=PROTECTED)
    base = public_url.rstrip("/")

    @api.post(
        "/agencies",
        status_code=201,
        summary="Register an agency; its API key is shown once",
        responses=errors(409, 503),
    )
    async def add_agency(body: AgencyIn, caller: Caller) -> dict[str, Any]:
        require_admin(caller, "register agencies")
        url = str(body.webhook_url) if body.webhook_url else None
        if "webhook" in body.delivery and not url:
            raise Invalid("webhook_url", "webhook delivery needs a webhook_url")
        made = await usecases.register_agency(deps, body.agency_id, body.name, list(body.delivery), url)
        return {**_public(made.agency), "api_key": made.api_key, "webhook_secret": made.webhook_secret}

    @api.get("/agencies", summary="Agencies and their subscriptions (no secrets)")
    async def list_agencies(caller: Caller) -> list[dict[str, Any]]:
        require_admin(caller, "list agencies")
        async with deps.new_uow() as uow:
            agencies = await uow.agencies.list()
            subs = await uow.subscriptions.all()
        return [
            {**_public(a), "subscriptions": [asdict(s) for s in subs if s.agency_id == a["_id"]]}
            for a in agencies
        ]

    @api.post(
        "/agencies/{agency_id}/keys",
        status_code=201,
        summary="Issue a new API key (the old one stops)",
        responses=errors(404),
    )
    async def rotate_key(agency_id: str, caller: Caller) -> dict[str, str]:
        require_admin(caller, "issue agency keys")
        return {"agency_id": agency_id, "api_key": await usecases.rotate_key(deps, agency_id)}

    @api.post(
        "/agencies/{agency_id}/subscriptions",
        status_code=201,
        summary="What the agency wants",
        responses=errors(404),
    )
    async def add_subscription(agency_id: str, body: SubscriptionIn, caller: Caller) -> dict[str, Any]:
        require_admin(caller, "change subscriptions")
        sub = Subscription(
            "",
            agency_id,
            tuple(body.levels),
            tuple(body.categories),
            tuple(body.units),
            body.adopted_only,
            body.min_score,
        )
        return asdict(await usecases.add_subscription(deps, sub))

    @api.get("/agencies/{agency_id}/subscriptions", responses=errors(404))
    async def list_subscriptions(agency_id: str, caller: Caller) -> list[dict[str, Any]]:
        require_admin(caller, "read subscriptions")
        async with deps.new_uow() as uow:
            if await uow.agencies.get(agency_id) is None:
                raise NotFound(f"agency {agency_id!r}")
            return [asdict(s) for s in await uow.subscriptions.of_agency(agency_id)]

    @api.put("/items/{submission_id}/release", summary="Clear an item for release to agencies, or block it")
    async def set_release(submission_id: str, body: ReleaseIn, caller: Caller) -> dict[str, Any]:
        require_admin(caller, "decide what is released to agencies")
        return await usecases.set_release(deps, submission_id, body.cleared)

    @api.get(
        "/feeds/{agency_id}.json",
        summary="The agency's pull feed (JSON Feed 1.1); its own API key, not an access token",
        responses=errors(404),
    )
    async def feed(
        agency_id: str,
        cursor: str | None = Query(None, description="Opaque cursor from the previous page."),
        limit: int = Query(page_size, ge=1, le=500),
        x_api_key: str | None = Header(None),
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        key = x_api_key or (
            authorization[7:] if authorization and authorization.startswith("Bearer ") else None
        )
        page = await usecases.read_feed(deps, agency_id, key, cursor, limit)
        url = f"{base}/feeds/{agency_id}.json"
        document: dict[str, Any] = {
            "version": JSON_FEED_VERSION,
            "title": f"信报 Xinbao — {page.agency['name']}",
            "home_page_url": base,
            "feed_url": f"{url}?{urlencode({'cursor': page.cursor})}" if cursor else url,
            "description": "Released government information items matching this agency's subscriptions.",
            "items": page.items,
            "_xinbao": {"cursor": page.cursor, "next_cursor": page.next_cursor, "has_more": page.has_more},
        }
        if page.has_more:
            document["next_url"] = f"{url}?{urlencode({'cursor': page.next_cursor, 'limit': limit})}"
        return document

    return api


def _public(agency: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in agency.items() if k not in _HIDDEN and k != "_id"}
    return {"agency_id": agency["_id"], **shown}

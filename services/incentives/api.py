"""HTTP routes of incentives: balances, the entries behind them, standings, the policy.
Every route needs an access token from intake; who may call which: services/incentives/access.py."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response

from services.incentives import usecases
from services.incentives.access import reader_scope
from services.incentives.handlers import IncentivesDeps
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors

PERIOD_PATTERN = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])|-Q[1-4])?$"
"""Years 1000-9999 in ASCII digits: Python's calendar has no year 0 ('0000' was a 500)."""
PERIOD = Query(pattern=PERIOD_PATTERN, description="2026, 2026-Q4 or 2026-11")
RankBy = Literal["total", "average"]
SCOPED_ROWS = (
    "Only the rows of units the caller acts on: their own unit, or every unit under their office "
    "(officer, unit_head, editor, office_head, leader)."
)
ASSESSORS = "For office heads of the office whose policy governs the period (its office_id, see GET /policy)."


def router(deps: IncentivesDeps) -> APIRouter:
    api = APIRouter(tags=["points"], responses=PROTECTED)

    @api.get(
        "/units/{unit_id}/balance",
        summary="A unit's points and money in a period",
        description="For the unit's own people and those of the offices above it.",
    )
    async def unit_balance(unit_id: str, caller: Caller, period: str = PERIOD) -> dict[str, Any]:
        scope = await reader_scope(deps.new_uow, caller, "read balances")
        scope.require(unit_id, f"read the balance of {unit_id}")
        return asdict(await usecases.unit_balance(deps.new_uow, unit_id, period))

    @api.get(
        "/units/{unit_id}/entries",
        summary="Why a unit has these points, entry by entry",
        description="Each entry names its cause event, rule, policy version and reason. "
        "Paginated with skip/limit; X-Total-Count gives the number of entries, Link the next page. "
        "For the unit's own people and those of the offices above it.",
    )
    async def unit_entries(
        request: Request,
        response: Response,
        unit_id: str,
        caller: Caller,
        period: str = PERIOD,
        skip: int = Query(0, ge=0),
        limit: int = Query(100, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        scope = await reader_scope(deps.new_uow, caller, "read ledger entries")
        scope.require(unit_id, f"read the entries of {unit_id}")
        page = await usecases.unit_entries(deps.new_uow, unit_id, period, skip, limit)
        response.headers["X-Total-Count"] = str(page.total)
        if skip + len(page.entries) < page.total:
            following = request.url.include_query_params(skip=skip + limit, limit=limit)
            response.headers["Link"] = f'<{following}>; rel="next"'
        return [asdict(e) for e in page.entries]

    @api.get(
        "/standings",
        summary="Units ranked among their peers for a period",
        description=SCOPED_ROWS + " Ranks are those among all peers.",
    )
    async def unit_standings(
        caller: Caller, period: str = PERIOD, by: RankBy | None = None
    ) -> list[dict[str, Any]]:
        scope = await reader_scope(deps.new_uow, caller, "read the standings")
        table = await usecases.period_standings(deps.new_uow, deps.book, period, by)
        rows = [s for s in table.rows if scope.covers(s.unit_id)]
        return [{**asdict(s), "name": table.names.get(s.unit_id, "")} for s in rows]

    @api.get(
        "/standings/people",
        summary="Information officers ranked for a period",
        description="An officer's peers are the officers of units in the same peer group as their "
        "unit. Only the officers of units the caller acts on; ranks are those among all peers.",
    )
    async def officer_standings(
        caller: Caller, period: str = PERIOD, by: RankBy | None = None
    ) -> list[dict[str, Any]]:
        scope = await reader_scope(deps.new_uow, caller, "read the standings")
        table = await usecases.period_standings(deps.new_uow, deps.book, period, by, subject="person")
        rows = []
        for s in table.rows:
            if not scope.covers_any(table.unit_ids.get(s.unit_id, ())):
                continue
            row = {k: v for k, v in asdict(s).items() if k != "unit_id"}
            rows.append(
                {
                    "person_id": s.unit_id,
                    "name": table.names.get(s.unit_id, ""),
                    "unit_ids": list(table.unit_ids.get(s.unit_id, ())),
                    **row,
                }
            )
        return rows

    @api.get(
        "/policy",
        summary="Policy versions in force and their effective dates",
        description="For anyone logged in.",
        responses=errors(404),
    )
    async def policy(_: Caller) -> list[dict[str, Any]]:
        if not deps.book.versions:
            raise HTTPException(404, "no policy loaded")
        return [
            {
                "version": p.version,
                "effective_from": p.effective_from,
                "office_id": p.office_id,
                "name": p.name,
            }
            for p in deps.book.versions
        ]

    return api

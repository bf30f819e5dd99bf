"""HTTP routes of incentives: balances, the entries behind them, standings, the policy."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query

from services.incentives import usecases
from services.incentives.handlers import IncentivesDeps

PERIOD = Query(pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", description="2026, 2026-Q4 or 2026-11")


def router(deps: IncentivesDeps) -> APIRouter:
    api = APIRouter(tags=["points"])

    @api.get("/units/{unit_id}/balance", summary="A unit's points and money in a period")
    async def unit_balance(unit_id: str, period: str = PERIOD) -> dict[str, Any]:
        return asdict(await usecases.unit_balance(deps.new_uow, unit_id, period))

    @api.get("/units/{unit_id}/entries", summary="Why a unit has these points, entry by entry")
    async def unit_entries(
        unit_id: str,
        period: str = PERIOD,
        skip: int = Query(0, ge=0),
        limit: int = Query(100, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        entries = await usecases.unit_entries(deps.new_uow, unit_id, period, skip, limit)
        return [asdict(e) for e in entries]

    @api.get("/standings", summary="Units ranked among their peers for a period")
    async def period_standings(
        period: str = PERIOD, by: Literal["total", "average"] | None = None
    ) -> list[dict[str, Any]]:
        return [asdict(s) for s in await usecases.period_standings(deps.new_uow, deps.book, period, by)]

    @api.get("/policy", summary="Policy versions in force and their effective dates")
    async def policy() -> list[dict[str, Any]]:
        if not deps.book.versions:
            raise HTTPException(404, "no policy loaded")
        return [
            {"version": p.version, "effective_from": p.effective_from, "office_id": p.office_id}
            for p in deps.book.versions
        ]

    return api

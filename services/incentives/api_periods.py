"""HTTP routes for quotas and closing periods."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Path, Query

from services.incentives import usecases
from services.incentives.access import reader_scope, require_assessor
from services.incentives.api import ASSESSORS, PERIOD, PERIOD_PATTERN, SCOPED_ROWS
from services.incentives.handlers import IncentivesDeps
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors


def router(deps: IncentivesDeps) -> APIRouter:
    api = APIRouter(tags=["periods"], responses=PROTECTED)

    @api.get(
        "/quotas",
        summary="Units against their quotas in a period: who is behind",
        description=SCOPED_ROWS,
    )
    async def quotas(
        caller: Caller,
        period: str = PERIOD,
        office_id: str | None = Query(None, description="Only units that report to this office."),
    ) -> dict[str, Any]:
        scope = await reader_scope(deps.new_uow, caller, "read the quota board")
        board = await usecases.quota_board(deps.new_uow, deps.book, period, office_id)
        rows = [row for row in board.rows if scope.covers(row.unit_id)]
        units = [
            {
                "unit_id": row.unit_id,
                "name": board.names.get(row.unit_id, ""),
                "unit_class": board.classes.get(row.unit_id),
                **{k: v for k, v in asdict(row).items() if k != "unit_id"},
                "quota_source": _source(row.required, row.unit_id in board.quota_set),
                "behind": row.behind,
            }
            for row in rows
        ]
        return {
            "period": board.period,
            "office_id": board.office_id,
            "policy_version": board.policy_version,
            "counts": board.counts,
            "behind": sum(1 for row in rows if row.behind),
            "units": units,
        }

    @api.post(
        "/periods/{period}/close",
        summary="Close a period: quota base, shortfall and adoption-rate entries, once",
        description="Appends the period-end entries under the policy in force at the period's end "
        "and announces each as PointsAwarded. Closing again appends nothing. 409 before the period ends. "
        + ASSESSORS,
        responses=errors(409),
    )
    async def close(caller: Caller, period: str = Path(pattern=PERIOD_PATTERN)) -> dict[str, Any]:
        require_assessor(caller, deps.book.for_period(period), f"close {period}")
        try:
            closed = await usecases.close_period(deps.new_uow, deps.book, period, deps.clock())
        except usecases.PeriodStillOpen as error:
            raise HTTPException(409, str(error)) from None
        deps.metrics.closed(period, closed.appended)
        return {
            **asdict(closed.closure),
            "appended_now": len(closed.appended),
            "entries": [asdict(e) for e in closed.appended],
        }

    return api


def _source(required: int | None, quota_set: bool) -> str | None:
    if required is None:
        return None
    return "quota_set" if quota_set else "unit_class"

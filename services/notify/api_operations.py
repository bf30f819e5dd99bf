"""HTTP routes for operators and offices: deliveries and the dead-letter list, the webhook
log, reminders and reminder schedules (who may call each: ``services.notify.access``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, Query

from services.notify import access, usecases
from services.notify.domain import NotFound, ReminderSchedule
from services.notify.domain.reminders import OPEN
from services.notify.schemas import ScheduleIn
from shared.auth import require_admin
from shared.auth.http import PROTECTED, Caller
from shared.runtime.app import errors

DeliveryStatus = Literal["pending", "sent", "failed", "dead", "cancelled"]


def router(deps: usecases.Deps) -> APIRouter:
    api = APIRouter(responses=PROTECTED)
    new_uow = deps.new_uow

    @api.get(
        "/deliveries",
        tags=["deliveries"],
        summary="Deliveries, newest first; status=dead is the dead-letter list",
    )
    async def list_deliveries(
        caller: Caller,
        status: DeliveryStatus | None = None,
        channel: Literal["email", "sms", "webhook"] | None = None,
        recipient_id: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        require_admin(caller, "list deliveries")
        filters = {"status": status, "channel": channel, "recipient_id": recipient_id}
        where = {k: v for k, v in filters.items() if v is not None}
        async with new_uow() as uow:
            found, total = await uow.deliveries.list(where, skip=skip, limit=limit)
        return {"total": total, "skip": skip, "limit": limit, "items": [asdict(d) for d in found]}

    @api.get(
        "/deliveries/{delivery_id:path}/attempts",
        tags=["deliveries"],
        summary="A delivery's attempts",
        responses=errors(404),
    )
    async def delivery_attempts(delivery_id: str, caller: Caller) -> dict[str, Any]:
        require_admin(caller, "read delivery attempts")
        async with new_uow() as uow:
            delivery = await uow.deliveries.get(delivery_id)
            if delivery is None:
                raise NotFound(f"delivery {delivery_id!r}")
            attempts, _ = await uow.attempts.list({"delivery_id": delivery_id}, limit=0)
        return {"delivery": asdict(delivery), "attempts": attempts}

    @api.post(
        "/deliveries/{delivery_id:path}/replay",
        tags=["deliveries"],
        summary="Send a dead delivery again (a fresh round of attempts)",
        responses=errors(404, 409),
    )
    async def replay(delivery_id: str, caller: Caller) -> dict[str, Any]:
        require_admin(caller, "replay deliveries")
        return asdict(await usecases.replay(deps, delivery_id))

    @api.get("/webhooks/log", tags=["feeds"], summary="Webhook attempts, newest first")
    async def webhook_log(
        caller: Caller,
        agency_id: str | None = None,
        skip: int = Query(0, ge=0),
        limit: int = Query(100, ge=1, le=1000),
    ) -> dict[str, Any]:
        require_admin(caller, "read the webhook log")
        where: dict[str, Any] = {"channel": "webhook"}
        if agency_id:
            where["recipient_id"] = agency_id
        async with new_uow() as uow:
            found, total = await uow.attempts.list(where, skip=skip, limit=limit)
        return {"total": total, "skip": skip, "limit": limit, "items": found}

    @api.get("/reminders", tags=["reminders"], summary="Obligations with their reminder state; overdue first")
    async def list_reminders(
        caller: Caller,
        unit_id: str | None = None,
        office_id: str | None = None,
        status: Literal["open", "overdue", "met", "closed"] | None = None,
        limit: int = Query(200, ge=1, le=1000),
    ) -> dict[str, Any]:
        require_admin(caller, "list every reminder")
        filters = {
            "unit_id": unit_id,
            "office_id": office_id,
            "status": OPEN if status == "overdue" else status,
        }
        now = deps.clock()
        async with new_uow() as uow:
            found = await uow.obligations.find({k: v for k, v in filters.items() if v is not None})
        rows = [{**asdict(ob), "state": usecases.status_of(ob, now)} for ob in found]
        rows = [r for r in rows if status is None or r["state"] == status]
        rows.sort(key=lambda r: (r["state"] != "overdue", r["due_at"]))
        return {"total": len(rows), "items": rows[:limit]}

    @api.post(
        "/reminders/{obligation_id:path}/close",
        tags=["reminders"],
        summary="Mark an obligation done (e.g. instruction feedback given)",
        responses=errors(404, 409),
    )
    async def close(obligation_id: str, caller: Caller) -> dict[str, Any]:
        async with new_uow() as uow:
            found = await uow.obligations.get(obligation_id)
        if found is None:
            raise NotFound(f"reminder {obligation_id!r}")
        access.require_office_staff(caller, found.office_id, f"close the reminder {obligation_id}")
        return asdict(await usecases.close_obligation(deps, obligation_id))

    @api.put(
        "/offices/{office_id}/reminder-schedule",
        tags=["reminders"],
        summary="Change when an office's units are reminded",
    )
    async def put_schedule(office_id: str, body: ScheduleIn, caller: Caller) -> dict[str, Any]:
        access.require_office_staff(caller, office_id, "change the reminder schedule")
        schedule = ReminderSchedule(tuple(body.before_hours), body.overdue, body.overdue_repeat_hours)
        rearmed = await usecases.set_schedule(deps, office_id, schedule)
        return {"office_id": office_id, **asdict(schedule), "rearmed": rearmed}

    @api.get("/offices/{office_id}/reminder-schedule", tags=["reminders"])
    async def get_schedule(office_id: str, caller: Caller) -> dict[str, Any]:
        access.require_office_staff(caller, office_id, "read the reminder schedule")
        async with new_uow() as uow:
            schedule = await uow.schedules.get(office_id)
        chosen = schedule or deps.rules.schedule
        return {"office_id": office_id, **asdict(chosen), "default": schedule is None}

    return api

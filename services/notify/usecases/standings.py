"""StandingChanged in: the unit's leaders hear of its new rank among its peers, once a day.

Runs in the unit of work of the consumer's batch, which has claimed the event id (a replay
sends nothing). Idempotency key of the messages: ``standing:<unit>:<local date>``, the date
the rank changed on the office's clock (``NOTIFY_TIMEZONE``), so the day's first change is
told and later changes that day find the message already there and send nothing.
"""

from __future__ import annotations

from services.notify.domain.notices import RankMove, standing_message
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases.common import Cause, Deps
from services.notify.usecases.outbound import send_message
from shared.clock import local_date
from shared.contracts import StandingChanged


def standing_cause(event: StandingChanged, zone: str) -> Cause:
    """The cause the day's rank message of ``event``'s unit is keyed by."""
    day = local_date(event.occurred_at, zone)
    return Cause(f"standing:{event.unit_id}:{day.isoformat()}", event.correlation_id, event.event_id)


async def on_standing_changed(deps: Deps, uow: NotifyUnitOfWork, event: StandingChanged) -> None:
    """Each head of the unit (the unit's inbox if it names none) is told its new rank."""
    if event.rank is None:
        return
    unit = await uow.units.get(event.unit_id)
    move = RankMove(
        event.period, event.peer_group, event.rank, event.previous_rank, event.group_size,
        event.total_points,
    )
    cause, now = standing_cause(event, deps.rules.timezone), deps.clock()
    for head in list(unit.heads) or [event.unit_id]:
        message = standing_message(head, unit_name=unit.name or event.unit_id, move=move)
        await send_message(uow, message, cause, now, deps.rules)

"""StandingChanged in: the unit's heads hear of its new rank, at most once a Beijing day;
a unit naming no head hears in its own inbox; a replay sends nothing."""

from __future__ import annotations

from decimal import Decimal

from services.notify.tests.harness import Notify, local
from services.notify.tests.test_reminders import contacts
from shared.contracts import StandingChanged


def changed(at: str, rank: int, previous: int | None, unit: str = "hs") -> StandingChanged:
    return StandingChanged.originated(
        producer="incentives", occurred_at=local(at), unit_id=unit, period="2026-11",
        peer_group="township", rank=rank, previous_rank=previous, group_size=12,
        total_points=Decimal("18.50"), entries=7,
    )


async def standing_messages(notify: Notify, person: str) -> list[dict[str, object]]:
    return [m for m in await notify.inbox(person) if m["kind"] == "standing_changed"]


async def test_the_head_hears_of_a_rank_change_once_a_day(notify: Notify) -> None:
    await contacts(notify)
    notify.clock.now = local("2026-11-18 00:10")
    await notify.send(changed("2026-11-18 00:05", rank=3, previous=5))
    notify.clock.now = local("2026-11-18 23:59")
    await notify.send(changed("2026-11-18 23:55", rank=2, previous=3))   # same Beijing day
    [told] = await standing_messages(notify, "head")
    assert "第3名" in told["subject"] and "河山镇" in told["subject"]
    assert "由第5名上升至第3名" in told["body"] and "共12个" in told["body"] and "18.50" in told["body"]
    assert "乡镇类单位" in told["body"]
    assert await standing_messages(notify, "officer") == []
    assert len(notify.events("NotificationDelivered")) == 1


async def test_the_next_beijing_day_brings_another_message(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(changed("2026-11-18 23:55", rank=3, previous=2))
    notify.clock.now = local("2026-11-19 00:01")
    await notify.send(changed("2026-11-19 00:00", rank=4, previous=3))   # 16:00 UTC, still the 18th there
    bodies = sorted(str(m["body"]) for m in await standing_messages(notify, "head"))
    assert len(bodies) == 2
    assert any("由第2名下降至第3名" in b for b in bodies) and any("由第3名下降至第4名" in b for b in bodies)


async def test_a_replayed_change_sends_nothing_more(notify: Notify) -> None:
    await contacts(notify)
    event = changed("2026-11-18 09:00", rank=1, previous=2)
    await notify.send(event)
    notify.clock.now = local("2026-11-19 10:00")
    await notify.send(event)                                            # redelivered a day later
    assert len(await standing_messages(notify, "head")) == 1
    assert len(notify.events("NotificationDelivered")) == 1


async def test_a_unit_naming_no_head_hears_in_its_own_inbox(notify: Notify) -> None:
    await notify.send(changed("2026-11-18 09:00", rank=7, previous=None, unit="ls"))
    [told] = await standing_messages(notify, "ls")
    assert "为第7名" in told["body"] and told["recipient_id"] == "ls"


async def test_a_change_without_a_rank_tells_nobody(notify: Notify) -> None:
    await contacts(notify)
    await notify.send(StandingChanged.originated(
        producer="incentives", unit_id="hs", period="2026-11", total_points=Decimal(3), entries=1,
    ))
    assert await standing_messages(notify, "head") == []

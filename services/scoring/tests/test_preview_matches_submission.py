"""A draft's preview is the score its submission gets (issue 18): one scoring function with
the same inputs (text, category, language, the clock's now as the submission time, the
store's near-duplicates), and what a draft cannot know said on the card, in Chinese."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.scoring.tests.conftest import OFFICER, OTHER_OFFICER, Scoring, received
from services.scoring.tests.dongxi import BODY, TITLE
from shared.clock import SettableClock, local_date, system_clock
from shared.contracts import DraftPreviewRequested, topics

TWENTY_SIX_DAYS_ON = datetime(2026, 12, 20, 2, 0, tzinfo=UTC)
"""10:00 on 20 December in Beijing: 26 days after the 11月24日 the item reports."""


def _by_criterion(card: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {c["criterion"]: (c["score"], c["weight"]) for c in card["criteria"]}


def _criterion(card: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in card["criteria"] if c["criterion"] == name)


def _stored(service: Scoring, submission_id: str) -> dict[str, Any]:
    (scored,) = [
        r.payload
        for r in service.memory.outbox
        if r.event_type == "SubmissionScored" and r.payload["submission_id"] == submission_id
    ]
    return scored


async def _submit(
    service: Scoring, clock: SettableClock, submission_id: str, **fields: Any
) -> dict[str, Any]:
    text = {"title": TITLE, "body": BODY, "category": "动态", **fields}
    await service.publish(received(submission_id, submitted_at=clock(), **text))
    return _stored(service, submission_id)


async def test_a_http_preview_scores_what_the_submission_is_scored(
    service: Scoring, clock: SettableClock
) -> None:
    clock.set(TWENTY_SIX_DAYS_ON)
    draft = {"title": TITLE, "body": BODY, "category": "动态", "language": "zh"}
    response = await service.call(OFFICER, "POST", "/preview", json=draft)
    assert response.status_code == 200
    preview = response.json()
    stored = await _submit(service, clock, "dx-1")
    assert preview["overall"] == stored["overall"] and preview["band"] == stored["band"]
    assert _by_criterion(preview) == _by_criterion(stored)
    timeliness = _criterion(preview, "timeliness")
    assert timeliness["weight"] > 0 and timeliness["score"] < 100


async def test_the_preview_says_it_counts_timeliness_to_today(service: Scoring, clock: SettableClock) -> None:
    clock.set(TWENTY_SIX_DAYS_ON)
    draft = {"title": TITLE, "body": BODY, "category": "动态", "language": "zh"}
    preview = (await service.call(OFFICER, "POST", "/preview", json=draft)).json()
    today = local_date(clock())
    explanation = _criterion(preview, "timeliness")["explanation"]
    assert f"预览按今天{today.month}月{today.day}日报送计算" in explanation
    stored = await _submit(service, clock, "dx-1")
    assert "预览" not in _criterion(stored, "timeliness")["explanation"]


async def test_a_kafka_preview_scores_what_the_submission_is_scored(
    service: Scoring, clock: SettableClock
) -> None:
    clock.set(TWENTY_SIX_DAYS_ON)
    request = DraftPreviewRequested(
        title=TITLE,
        body=BODY,
        category="动态",
        language="zh",
        expires_at=system_clock() + timedelta(minutes=5),  # a transport deadline, on the wall clock
    )
    broker = service.app.state.runtime.broker
    reply = await broker.request(request.model_dump(mode="json"), topic=topics.PREVIEW_REQUESTS, timeout=5)
    preview = await reply.decode()
    stored = await _submit(service, clock, "dx-1")
    assert preview["overall"] == stored["overall"]
    assert _by_criterion(preview) == _by_criterion(stored)


async def test_the_preview_finds_the_near_duplicate_the_submission_finds(
    service: Scoring, clock: SettableClock
) -> None:
    clock.set(TWENTY_SIX_DAYS_ON - timedelta(days=1))
    await _submit(service, clock, "ls-1", unit_id="ls", body=BODY.replace("320名", "322名"))
    clock.set(TWENTY_SIX_DAYS_ON)
    draft = {"title": TITLE, "body": BODY, "category": "动态", "language": "zh"}
    preview = (await service.call(OTHER_OFFICER, "POST", "/preview", json=draft)).json()
    stored = await _submit(service, clock, "hs-1")
    duplicate = _criterion(preview, "duplicate")
    assert duplicate == _criterion(stored, "duplicate")
    assert any("ls-1" in line for line in duplicate["evidence"])
    assert _by_criterion(preview) == _by_criterion(stored)


async def test_timeliness_counts_to_the_offices_calendar_day(service: Scoring, clock: SettableClock) -> None:
    clock.set(datetime(2026, 11, 30, 17, 0, tzinfo=UTC))  # 01:00 on 1 December in Beijing
    body = "12月1日凌晨，东溪县交通运输局组织抢修队清除县道塌方土石320立方米，道路恢复通行。"
    stored = await _submit(service, clock, "dx-1", body=body, category="突发事件")
    timeliness = _criterion(stored, "timeliness")
    assert timeliness["weight"] > 0 and timeliness["score"] == 100
    assert any("2026-12-01" in line and "距提交0天" in line for line in timeliness["evidence"])


async def test_the_preview_scores_in_the_language_the_item_is_submitted_in(
    service: Scoring, clock: SettableClock
) -> None:
    clock.set(TWENTY_SIX_DAYS_ON)
    mixed = (  # intake counts this as Chinese; on its letters alone it reads as English
        "东溪县交通运输局上线“东溪路长”小程序。\n\nResidents report potholes, blocked drains and "
        "fallen rocks with a photo; the road chief on duty answers within 36 hours.\n\n"
        "小程序上线8个月，共受理群众反映2140件。"
    )
    draft = {"title": "东溪县上线 Road Chief 小程序", "body": mixed, "category": "动态", "language": "zh"}
    preview = (await service.call(OFFICER, "POST", "/preview", json=draft)).json()
    stored = await _submit(service, clock, "dx-1", title=draft["title"], body=mixed, language="zh")
    assert preview["language"] == stored["language"] == "zh"
    assert _by_criterion(preview) == _by_criterion(stored)

"""Bulletins end to end in one service: events in through TestKafkaBroker, a bulletin out
over HTTP (archived, numbered, announced once) and by the scheduler tick."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import docx

from services.notify.tests.harness import Acting, Notify, local, received
from shared.contracts import (
    PointsAwarded,
    SubmissionAdopted,
    SubmissionScored,
    SubmissionScreened,
    UnitRegistered,
)

CITY = "qj"
COUNTIES = {"lc": "临川区", "dy": "东阳县", "ty": "桃源市", "bt": "北塘县"}
NOV = datetime(2026, 11, 20, 2, tzinfo=UTC)


def editor(notify: Notify) -> Acting:
    """The city office's editor: publishes its bulletins and chooses its schedule."""
    return notify.as_("editor-qj", CITY, ("editor",))


def leader(notify: Notify) -> Acting:
    """The city's leader: reads its bulletins."""
    return notify.as_("leader-qj", CITY, ("leader",))


def unit(unit_id: str, name: str, reports_to: str | None, level: str = "county") -> UnitRegistered:
    return UnitRegistered.originated(
        producer="intake",
        unit_id=unit_id,
        name=name,
        level=level,
        kind="government",
        parent_id=reports_to,
        reports_to=reports_to,
        unit_class="县（市、区）",
    )


def item(sid: str, county: str) -> Any:
    return received(sid, unit=county, unit_name=COUNTIES[county], unit_level="county", office_id=CITY)


def band(sid: str, county: str, value: str) -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring",
        occurred_at=NOV,
        submission_id=sid,
        unit_id=county,
        author_id="officer",
        title=f"秋粮收购 {sid}",
        period="2026-11",
        revision=0,
        overall=40.0 if value == "poor" else 80.0,
        band=value,
        language="zh",
        rubric_version="v1",
        criteria=[],
    )


def adoption(sid: str, county: str, level: str) -> SubmissionAdopted:
    return SubmissionAdopted.originated(
        producer="intake",
        occurred_at=NOV,
        submission_id=sid,
        unit_id=county,
        adoption_id=f"{sid}-{level}",
        office_id=f"office-{level}",
        office_level=level,
        publication="省政府《要情快报》" if level == "province" else "市政府《每日要情》",
        form="full_text",
    )


def points(entry: str, county: str, value: str) -> PointsAwarded:
    return PointsAwarded.originated(
        producer="incentives",
        occurred_at=NOV,
        entry_id=entry,
        unit_id=county,
        period="2026-11",
        points=Decimal(value),
        rule="adoption",
        reason="信息被采用",
        policy_version="v1",
        cause_event_id=entry,
    )


def returned_inaccurate(sid: str, county: str) -> SubmissionScreened:
    return SubmissionScreened.originated(
        producer="intake",
        occurred_at=NOV,
        submission_id=sid,
        unit_id=county,
        office_id=CITY,
        editor_id="editor",
        outcome="returned",
        reasons=["数据有误"],
        inaccurate=True,
    )


async def feed_city(notify: Notify) -> PointsAwarded:
    """Four counties in November: 临川 leads, 东阳 and 桃源 tie, 北塘 sends nothing."""
    await notify.send(unit(CITY, "清江市人民政府办公室", None, level="city"))
    for county, name in COUNTIES.items():
        await notify.send(unit(county, name, CITY))
    for sid, county in [("a1", "lc"), ("a2", "lc"), ("b1", "dy"), ("b2", "dy"), ("c1", "ty")]:
        await notify.send(item(sid, county))
    await notify.send(adoption("a1", "lc", "province"))
    await notify.send(adoption("c1", "ty", "city"))
    await notify.send(band("b1", "dy", "poor"))
    await notify.send(band("b2", "dy", "poor"))
    await notify.send(returned_inaccurate("c1", "ty"))
    lead = points("p1", "lc", "12")
    for event in (lead, points("p2", "dy", "5"), points("p3", "ty", "5")):
        await notify.send(event)
    return lead


async def test_bulletin_ranks_counties_and_names_the_reasons_for_criticism(notify: Notify) -> None:
    lead = await feed_city(notify)
    await notify.send(lead)  # redelivered: counted once

    body = {"office_id": CITY, "period": "2026-11", "kind": "monthly", "language": "zh"}
    response = await notify.client.post("/bulletins", json=body, auth=editor(notify))
    assert response.status_code == 201, response.text
    meta = response.json()
    assert meta["number"] == "2026年第1期" and meta["office_name"] == "清江市人民政府办公室"
    assert meta["formats"] == ["html", "docx", "pdf"] and "documents" not in meta

    word = await notify.client.get(f"/bulletins/{meta['bulletin_id']}.docx", auth=leader(notify))
    assert word.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(word.content)
    assert "清江市人民政府办公室" in text and "2026年第1期" in text
    ranking = [row for row in _docx_rows(word.content) if len(row) == 6][1:]
    assert [(r[0], r[1], r[5]) for r in ranking] == [
        ("1", "临川区", "12"),  # not 24: the redelivered ledger entry counts once
        ("2", "东阳县", "5"),
        ("2", "桃源市", "5"),
        ("4", "北塘县", "0"),
    ]
    assert "未按要求报送信息：北塘县" in text
    assert "报送信息质量较低：东阳县" in text
    assert "不准确、失实：桃源市" in text

    pdf = await notify.client.get(f"/bulletins/{meta['bulletin_id']}.pdf", auth=editor(notify))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = await notify.client.get(f"/bulletins/{meta['bulletin_id']}.html", auth=editor(notify))
    assert html.headers["content-type"].startswith("text/html")
    assert "<table" in html.text and "临川区" in html.text and "北塘县" in html.text

    assert len(notify.events("BulletinPublished")) == 1


async def test_publishing_again_returns_the_archived_issue_unless_reissued(notify: Notify) -> None:
    await feed_city(notify)
    body = {"office_id": CITY, "period": "2026-11", "kind": "monthly", "language": "zh"}
    first = await notify.ok("POST", "/bulletins", json=body, auth=editor(notify))
    again = await notify.client.post("/bulletins", json=body, auth=editor(notify))
    assert again.status_code == 200 and again.json() == first
    assert len(notify.events("BulletinPublished")) == 1

    reissued = await notify.ok("POST", "/bulletins", json={**body, "reissue": True}, auth=editor(notify))
    assert reissued["bulletin_id"] != first["bulletin_id"] and reissued["number"] == "2026年第2期"
    assert len(notify.events("BulletinPublished")) == 2

    listed = await notify.ok("GET", "/bulletins", params={"office_id": CITY, "limit": 1}, auth=leader(notify))
    assert listed["total"] == 2 and len(listed["items"]) == 1
    meta = await notify.ok("GET", f"/bulletins/{first['bulletin_id']}", auth=leader(notify))
    assert meta["period"] == "2026-11"
    assert (await notify.client.get("/bulletins/nope.pdf", auth=editor(notify))).status_code == 404


async def test_a_period_that_does_not_fit_the_kind_is_refused(notify: Notify) -> None:
    body = {"office_id": CITY, "period": "2026-Q4", "kind": "monthly"}
    assert (await notify.client.post("/bulletins", json=body, auth=editor(notify))).status_code == 422


async def test_an_office_id_that_is_not_a_unit_id_is_refused_not_rendered(notify: Notify) -> None:
    """Found by schemathesis: a control character in the office id reached the .docx and failed it."""
    body = {"office_id": "x\u0000y", "period": "2026-11", "kind": "monthly"}
    assert (await notify.client.post("/bulletins", json=body, auth=editor(notify))).status_code == 422


async def test_scheduler_publishes_the_monthly_bulletin_once_the_day_after_the_month(
    notify: Notify,
) -> None:
    await feed_city(notify)
    choice = {"monthly": True, "language": "zh"}
    await notify.ok("PUT", f"/offices/{CITY}/bulletin-schedule", json=choice, auth=editor(notify))
    assert (await notify.tick())["bulletins"] == 0, "October ended before the office opted in"

    notify.clock.now = local("2026-11-30 23:00")
    assert (await notify.tick())["bulletins"] == 0
    notify.clock.now = local("2026-12-01 00:05")
    assert (await notify.tick())["bulletins"] == 1
    notify.clock.advance(hours=1)
    assert (await notify.tick())["bulletins"] == 0

    published = notify.events("BulletinPublished")
    assert len(published) == 1 and published[0]["period"] == "2026-11"
    listed = await notify.ok("GET", "/bulletins", params={"office_id": CITY}, auth=editor(notify))
    assert [b["period"] for b in listed["items"]] == ["2026-11"]


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _docx_rows(content: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(content))
    return [[c.text for c in r.cells] for t in document.tables for r in t.rows]

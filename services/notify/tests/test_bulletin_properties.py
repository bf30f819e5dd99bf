"""Every bulletin's facts against a fresh, simple computation from the events.

Random org trees under an office, random items (submitted in one of three months, withdrawn,
screened, returned as inaccurate, adopted by several publications, adoptions revoked), random
ledger entries and random bulletin rules go through notify's projection and the bulletin use
case; the bulletin must agree with what the events say, computed here from scratch: 报送 ≥ 采用
on every row, places as the tie rule gives them, commended units meet the minimum, units
criticised for not submitting have nothing from their subtree, and the list of adopted items is
what the text counts.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.notify.adapters.storage import MemoryNotifyUnitOfWork
from services.notify.bulletins import compose_bulletin
from services.notify.bulletins.document import Paragraph, Table
from services.notify.bulletins.model import BulletinData, CriticismReason
from services.notify.domain.bulletin_facts import Issue
from services.notify.usecases import Deps, bulletin_projection
from services.notify.usecases.bulletins import bulletin_facts
from services.notify.usecases.units import on_unit_registered
from shared.contracts import (
    AdoptionRevoked,
    PointsAwarded,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
    UnitRegistered,
)
from shared.contracts.bulletin_rules import BulletinRuleBook, BulletinRules, CommendationRule
from shared.persistence import MemoryDatabase

OFFICE = "o"
MONTHS = ("2026-09", "2026-10", "2026-11")
PUBLICATIONS = ("county-xinxi", "city-xinxi", "city-zhuanbao", "province-xinxi", "zz-weekly")
LEVEL_OF = {
    "county-xinxi": "county",
    "city-xinxi": "city",
    "city-zhuanbao": "city",
    "province-xinxi": "province",
    "zz-weekly": "county",
}
ZONE = "Asia/Shanghai"


@dataclass
class Unit:
    unit_id: str
    parent: str
    level: str
    unit_class: str


@dataclass
class Item:
    sid: str
    unit_id: str
    month: str
    band: str
    withdrawn: bool
    screening: str | None  # accepted / returned / returned_inaccurate / filed_for_reference
    adoptions: list[tuple[str, str, bool]] = field(default_factory=list)  # (publication, form, revoked)


@dataclass
class Plan:
    units: list[Unit]
    items: list[Item]
    points: list[tuple[str, str, int]]  # (unit, month, points)
    rules: BulletinRules
    period: str


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    units: list[Unit] = []
    for r in range(draw(st.integers(1, 5))):
        row = Unit(
            f"r{r}", OFFICE, draw(st.sampled_from(["county", "city"])), draw(st.sampled_from(["I", "II"]))
        )
        units.append(row)
        for c in range(draw(st.integers(0, 3))):
            child = Unit(
                f"{row.unit_id}c{c}",
                row.unit_id,
                draw(st.sampled_from(["township", "county"])),
                draw(st.sampled_from(["II", "III"])),
            )
            units.append(child)
            units += [
                Unit(f"{child.unit_id}g{g}", child.unit_id, "township", "IV")
                for g in range(draw(st.integers(0, 1)))
            ]
    ids = [u.unit_id for u in units]
    items = []
    for n in range(draw(st.integers(0, 14))):
        adoptions = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(PUBLICATIONS),
                    st.sampled_from(["full_text", "excerpt", "combined"]),
                    st.booleans(),
                ),
                max_size=3,
            )
        )
        items.append(
            Item(
                f"s{n}",
                draw(st.sampled_from(ids)),
                draw(st.sampled_from(MONTHS)),
                draw(st.sampled_from(["good", "fair", "poor"])),
                draw(st.booleans()) and draw(st.booleans()),
                draw(
                    st.sampled_from(
                        [None, "accepted", "returned", "returned_inaccurate", "filed_for_reference"]
                    )
                ),
                adoptions,
            )
        )
    points = draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(MONTHS), st.integers(-5, 60)), max_size=12)
    )
    commend = CommendationRule(
        places=draw(st.integers(0, 3)),
        min_adopted=draw(st.integers(1, 2)),
        min_points_by_class=draw(st.sampled_from([{}, {"I": Decimal(20)}])),
    )
    rules = BulletinRules(
        items=draw(st.sampled_from(["subtree", "unit"])),
        not_submitted=draw(st.sampled_from(["subtree", "unit"])),
        ties=draw(st.sampled_from(["competition", "dense"])),
        peer_groups=draw(st.sampled_from(["unit_class", "level", "all"])),
        ranked_by=draw(st.sampled_from(["total", "average"])),
        roll_up_into=draw(st.sampled_from([None, "county"])),
        commend=commend,
    )
    return Plan(units, items, points, rules, draw(st.sampled_from(["2026-10", "2026-Q4"])))


# notify's real path: the projection's use cases on an in-memory store ---------------------------
def at(month: str) -> datetime:
    return datetime(int(month[:4]), int(month[5:]), 15, 2, tzinfo=UTC)


async def project(plan: Plan) -> BulletinData:
    db = MemoryDatabase()
    deps = Deps(
        lambda: MemoryNotifyUnitOfWork(db),
        lambda: at("2026-12"),  # only the use case's uow is used
        box=None,
        targets=None,
        topics=None,
    )  # type: ignore[arg-type]
    async with MemoryNotifyUnitOfWork(db) as uow:
        await on_unit_registered(
            deps,
            uow,
            UnitRegistered.originated(
                producer="intake",
                unit_id=OFFICE,
                name="某某县人民政府办公室",
                level="county",
                kind="government",
                parent_id="top",
                reports_to="top",
            ),
        )
        for u in plan.units:
            await on_unit_registered(
                deps,
                uow,
                UnitRegistered.originated(
                    producer="intake",
                    unit_id=u.unit_id,
                    name=f"单位{u.unit_id}",
                    level=u.level,
                    kind="government",
                    parent_id=u.parent,
                    reports_to=u.parent,
                    unit_class=u.unit_class,
                ),
            )
        for item in plan.items:
            await project_item(uow, item)
        for n, (unit_id, month, value) in enumerate(plan.points):
            await bulletin_projection.count_points(
                uow,
                PointsAwarded.originated(
                    producer="incentives",
                    entry_id=f"e{n}",
                    unit_id=unit_id,
                    period=month,
                    points=Decimal(value),
                    rule="adoption",
                    reason="r",
                    policy_version="v",
                    cause_event_id=f"c{n}",
                    occurred_at=at(month),
                ),
                ZONE,
            )
        issue = Issue(
            OFFICE,
            "某某县人民政府办公室",
            plan.period,
            "monthly" if "-Q" not in plan.period else "quarterly",
            "2026年第1期",
            date(2026, 12, 1),
        )
        book = BulletinRuleBook([(OFFICE, date(2026, 1, 1), plan.rules)])
        return await bulletin_facts(uow, book, issue)


async def project_item(uow: MemoryNotifyUnitOfWork, item: Item) -> None:
    common: dict[str, Any] = {
        "submission_id": item.sid,
        "unit_id": item.unit_id,
        "occurred_at": at(item.month),
    }
    await bulletin_projection.count_received(
        uow,
        SubmissionReceived.originated(
            producer="intake",
            **common,
            unit_name=f"单位{item.unit_id}",
            unit_level="township",
            office_id="x",
            author_id="a",
            author_name="a",
            title=f"信息{item.sid}",
            body="b",
            language="zh",
            category="动态",
            period=item.month,
            submitted_at=at(item.month),
        ),
        ZONE,
    )
    await bulletin_projection.count_scored(
        uow,
        SubmissionScored.originated(
            producer="scoring",
            **common,
            author_id="a",
            title="t",
            period=item.month,
            revision=0,
            overall=50.0,
            band=item.band,
            language="zh",
            rubric_version="v",
            criteria=[],
        ),
    )
    if item.screening:
        outcome = "returned" if item.screening.startswith("returned") else item.screening
        await bulletin_projection.count_screened(
            uow,
            SubmissionScreened.originated(
                producer="intake",
                **common,
                office_id="x",
                editor_id="e",
                outcome=outcome,
                inaccurate=item.screening == "returned_inaccurate",
            ),
            ZONE,
        )
    for n, (publication, form, revoked) in enumerate(item.adoptions):
        adoption_id = f"{item.sid}-{n}"
        await bulletin_projection.count_adopted(
            uow,
            SubmissionAdopted.originated(
                producer="intake",
                **common,
                adoption_id=adoption_id,
                office_id="x",
                office_level=LEVEL_OF[publication],
                publication=publication,
                form=form,
            ),
            ZONE,
        )
        if revoked:
            await bulletin_projection.count_revoked(
                uow,
                AdoptionRevoked.originated(
                    producer="intake", **common, adoption_id=adoption_id, reason="误录"
                ),
            )
    if item.withdrawn:
        await bulletin_projection.count_withdrawn(uow, item.sid)


# the independent computation ----------------------------------------------------------------------
def months_in(period: str) -> set[str]:
    return {"2026-10", "2026-11", "2026-12"} if period == "2026-Q4" else {period}


def subtree(plan: Plan, row: str) -> set[str]:
    found, frontier = {row}, [row]
    while frontier:
        frontier = [u.unit_id for u in plan.units if u.parent in frontier]
        found.update(frontier)
    return found


def counted_from(plan: Plan, row: str, scope: str) -> list[Item]:
    units = subtree(plan, row) if scope == "subtree" else {row}
    return [
        i for i in plan.items if i.unit_id in units and not i.withdrawn and i.month in months_in(plan.period)
    ]


def live_levels(item: Item) -> set[str]:
    return {LEVEL_OF[p] for p, _, revoked in item.adoptions if not revoked}


def expected_points(plan: Plan, row: Unit) -> Decimal:
    rolls_up = plan.rules.roll_up_into is not None and row.level == plan.rules.roll_up_into
    units = subtree(plan, row.unit_id) if rolls_up else {row.unit_id}
    return Decimal(sum(v for u, m, v in plan.points if u in units and m in months_in(plan.period)))


def place(score: Decimal, scores: list[Decimal], ties: str) -> int:
    if ties == "competition":
        return 1 + sum(1 for s in scores if s > score)
    return 1 + len({s for s in scores if s > score})


def text_of(data: BulletinData) -> tuple[str, list[Table]]:
    bulletin = compose_bulletin(data)
    blocks = [b for s in bulletin.sections for b in s.blocks]
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph)), [
        b for b in blocks if isinstance(b, Table)
    ]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_bulletin_agrees_with_a_fresh_count_of_its_events(plan: Plan) -> None:
    data = asyncio.run(project(plan))
    rules = plan.rules
    rows = {r.unit_id: r for r in data.rankings}
    top = [u for u in plan.units if u.parent == OFFICE]
    assert set(rows) == {u.unit_id for u in top}
    score: dict[str, Decimal] = {}
    for unit in top:
        row, counted = rows[unit.unit_id], counted_from(plan, unit.unit_id, rules.items)
        assert row.items >= row.adopted
        assert row.items == len(counted)
        assert row.adopted == sum(1 for i in counted if live_levels(i))
        assert row.total == expected_points(plan, unit)
        average = row.total / row.items if row.items else Decimal(0)
        score[unit.unit_id] = average if rules.ranked_by == "average" else row.total

    def group(unit: Unit) -> str:
        return {"unit_class": unit.unit_class, "level": unit.level, "all": "all"}[rules.peer_groups]

    for unit in top:
        peers = [score[u.unit_id] for u in top if group(u) == group(unit)]
        assert rows[unit.unit_id].rank == place(score[unit.unit_id], peers, rules.ties)

    names = {f"单位{u.unit_id}": u for u in top}
    commended = {names[c.unit_name].unit_id for c in data.commended}
    assert commended == {
        u.unit_id
        for u in top
        if rows[u.unit_id].rank <= rules.commend.places
        and rows[u.unit_id].adopted >= rules.commend.min_adopted
        and rows[u.unit_id].total > 0
        and rows[u.unit_id].total >= rules.commend.threshold(u.unit_class)
    }
    assert all(rows[u].adopted >= 1 and rows[u].total > 0 for u in commended)

    idle = {names[c.unit_name].unit_id for c in data.criticised if c.reason == CriticismReason.NOT_SUBMITTED}
    assert idle == {u.unit_id for u in top if not counted_from(plan, u.unit_id, rules.not_submitted)}

    adopted = [i for u in top for i in counted_from(plan, u.unit_id, rules.items) if live_levels(i)]
    assert sorted(i.title for i in data.adopted_items) == sorted(f"信息{i.sid}" for i in adopted)
    levels = Counter(level for i in adopted for level in live_levels(i))
    assert data.adoption_counts_by_level == dict(levels)

    text, tables = text_of(data)
    said = re.search(r"被各级采用(\d+)条", text)
    assert said is not None and int(said.group(1)) == len(adopted)
    listed = [row for t in tables if t.header[0] == "序号" for row in t.rows]
    scored = [row for t in tables if t.header[0] == "名次" for row in t.rows]
    assert len(listed) == len(adopted) == sum(int(row[4]) for row in scored)
    for name, level in (("省级", "province"), ("市级", "city"), ("县级", "county")):
        assert (f"{name}{levels[level]}条次" in text) == bool(levels[level])
    assert sum(p.total_items for p in data.trend if p.month in months_in(plan.period)) == sum(
        r.items for r in data.rankings
    )

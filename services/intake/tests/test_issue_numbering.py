"""Issue 18, "issue numbers typed by hand": adopting into a publication puts the item into
that publication's open issue, or opens the next number of its sequence for the year on the
office's clock; the number is never typed, and two adoptions never claim one number twice."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest
from pymongo.errors import OperationFailure

from services.intake.adapters import MemoryIntakeUnitOfWork
from services.intake.domain import User
from services.intake.tests.conftest import IntakeHarness, submitted
from services.intake.usecases import Actor, adopt_item
from shared.clock import local_date
from shared.contracts import AdoptionForm
from shared.persistence.outbox import OutboxRecord

ZONE = "Asia/Shanghai"
EDITOR = User("county-editor", "王芳", "dx", ("editor",))


async def accepted(intake: IntakeHarness) -> str:
    sid = await submitted(intake)
    await intake.ok("POST", f"/submissions/{sid}/screen", as_="county-editor", json={"outcome": "accepted"})
    return sid


async def adopt(intake: IntakeHarness, sid: str, publication: str = "county-xinxi", **extra: Any) -> Any:
    return await intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                           json={"publication": publication, **extra})


async def issues(intake: IntakeHarness) -> dict[tuple[str, int], list[str]]:
    """The county office's issues: (publication, number) -> the items in it."""
    found = await intake.ok("GET", "/briefings", as_="county-editor", params={"office_id": "dx"})
    return {(b["publication"], b["number"]): [e["submission_id"] for e in b["items"]] for b in found}


def year_of(intake: IntakeHarness) -> int:
    return local_date(intake.clock(), ZONE).year


async def test_adopted_items_gather_in_the_open_issue_until_it_is_signed_off(intake: IntakeHarness) -> None:
    year = year_of(intake)
    first, second, third, urgent = [await accepted(intake) for _ in range(4)]
    assert (await adopt(intake, first))["issue_no"] == f"{year}年第1期"
    assert (await adopt(intake, second))["issue_no"] == f"{year}年第1期"
    assert (await adopt(intake, urgent, "county-yaoqing"))["issue_no"] == f"{year}年第1期"
    assert await issues(intake) == {("county-xinxi", 1): [first, second], ("county-yaoqing", 1): [urgent]}

    await intake.ok("POST", f"/briefings/dx:county-xinxi:{year}:1/sign-off", as_="county-head")
    assert (await adopt(intake, third))["issue_no"] == f"{year}年第2期"
    assert (await issues(intake))[("county-xinxi", 2)] == [third]
    item = await intake.ok("GET", f"/submissions/{third}", as_="officer")
    assert [(a["publication"], a["issue_no"]) for a in item["adoptions"]] == [
        ("county-xinxi", f"{year}年第2期")]
    [event] = [e for e in await intake.published()
               if e["type"] == "SubmissionAdopted" and e["submission_id"] == third]
    assert event["issue_no"] == f"{year}年第2期"


async def test_an_issue_number_typed_by_hand_is_refused_unless_it_is_the_one_the_sequence_gives(
    intake: IntakeHarness,
) -> None:
    sid = await accepted(intake)
    response = await intake.call("POST", f"/submissions/{sid}/adopt", as_="county-editor",
                                 json={"publication": "county-xinxi", "issue_no": "第13期"})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "issue_no"] and f"{year_of(intake)}年第1期" in problem["msg"]
    item = await intake.ok("GET", f"/submissions/{sid}", as_="officer")
    assert item["state"] == "accepted" and await issues(intake) == {}
    adopted = await adopt(intake, sid, issue_no=f"{year_of(intake)}年第1期")
    assert adopted["issue_no"] == f"{year_of(intake)}年第1期"


async def test_the_upcoming_issues_tell_the_number_an_adoption_gets(intake: IntakeHarness) -> None:
    year = year_of(intake)
    before = await intake.ok("GET", "/briefings/upcoming", as_="county-editor")
    assert [(u["publication"], u["issue_no"], u["opens_new"], u["briefing_id"]) for u in before] == [
        ("county-xinxi", f"{year}年第1期", True, None), ("county-yaoqing", f"{year}年第1期", True, None)]
    await adopt(intake, await accepted(intake))
    after = {u["publication"]: u for u in await intake.ok("GET", "/briefings/upcoming", as_="county-editor")}
    assert after["county-xinxi"]["briefing_id"] == f"dx:county-xinxi:{year}:1"
    assert (after["county-xinxi"]["opens_new"], after["county-xinxi"]["items"]) == (False, 1)
    city = await intake.ok("GET", "/briefings/upcoming", as_="city-editor")
    assert [u["publication"] for u in city] == ["city-xinxi", "city-zhuanbao"]
    await intake.refused("GET", "/briefings/upcoming", as_="county-leader")


async def test_issues_are_numbered_in_the_year_of_the_offices_clock(intake: IntakeHarness) -> None:
    late, early = await accepted(intake), await accepted(intake)
    actor = Actor(EDITOR, "10.1.2.3")
    new_uow = intake.app.state.new_uow
    last_minute = datetime(2026, 12, 31, 15, 59, tzinfo=UTC)  # 23:59 on 31 December in Beijing
    new_year = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)  # 00:30 on 1 January 2027 in Beijing
    item = await adopt_item(new_uow, late, actor, "county-xinxi", AdoptionForm.FULL_TEXT, None, last_minute,
                            zone=ZONE)
    assert item.adoptions[0]["issue_no"] == "2026年第1期"
    item = await adopt_item(new_uow, early, actor, "county-xinxi", AdoptionForm.FULL_TEXT, None, new_year,
                            zone=ZONE)
    assert item.adoptions[0]["issue_no"] == "2027年第1期"
    assert set(await issues(intake)) == {("county-xinxi", 1)}
    assert {b["year"] for b in await intake.ok("GET", "/briefings", as_="county-editor",
                                                 params={"office_id": "dx"})} == {2026, 2027}


async def test_adoptions_at_the_same_time_share_one_issue(intake: IntakeHarness) -> None:
    sids = [await accepted(intake) for _ in range(4)]
    answers = await asyncio.gather(*(adopt(intake, sid) for sid in sids))
    assert {a["issue_no"] for a in answers} == {f"{year_of(intake)}年第1期"}
    assert {k: sorted(v) for k, v in (await issues(intake)).items()} == {("county-xinxi", 1): sorted(sids)}


class Racing(MemoryIntakeUnitOfWork):
    """Each commit first raises the next of ``losses`` (what MongoDB answers a transaction
    that lost), after another editor opened issue 1 (``winner``) meanwhile."""

    losses: ClassVar[list[OperationFailure]] = []
    winner: ClassVar[dict[str, Any]] = {}
    commits: ClassVar[int] = 0

    async def _commit(self, records: list[OutboxRecord]) -> None:
        Racing.commits += 1
        if Racing.losses:
            self.db.tables.setdefault("briefings", {})[Racing.winner["_id"]] = Racing.winner
            raise Racing.losses.pop(0)
        await super()._commit(records)


WRITE_CONFLICT = OperationFailure(
    "WriteConflict", code=112, details={"errorLabels": ["TransientTransactionError"]}
)


@pytest.mark.parametrize(
    ("loss", "joins"), [(WRITE_CONFLICT, True), (OperationFailure("bad", code=2), False)]
)
async def test_an_adoption_that_loses_the_race_for_a_number_joins_the_winners_issue(
    intake: IntakeHarness, loss: OperationFailure, joins: bool
) -> None:
    sid, theirs = await accepted(intake), await accepted(intake)
    now = intake.clock()
    year = local_date(now, ZONE).year
    key = f"dx:county-xinxi:{year}:1"
    Racing.commits, Racing.losses = 0, [loss]
    Racing.winner = {
        "_id": key, "briefing_id": key, "office_id": "dx", "office_name": "东溪县人民政府办公室",
        "publication": "county-xinxi", "name": "政务信息", "year": year, "number": 1,
        "issue_no": f"{year}年第1期", "state": "draft", "created_by": "someone", "created_at": now,
        "signed_off_by": None, "signed_off_at": None,
        "items": [{"submission_id": theirs, "unit_id": "hs", "unit_name": "河山镇人民政府", "title": "t",
                   "body": None}],
    }
    memory = intake.memory
    adopting = adopt_item(lambda: Racing(memory), sid, Actor(EDITOR), "county-xinxi", AdoptionForm.FULL_TEXT,
                          None, now, zone=ZONE)
    if not joins:  # not a lost race: the error is the caller's, nothing was adopted
        with pytest.raises(OperationFailure):
            await adopting
        assert Racing.commits == 1
        assert (await intake.ok("GET", f"/submissions/{sid}", as_="officer"))["state"] == "accepted"
        return
    item = await adopting
    assert Racing.commits == 2
    assert item.adoptions[0]["issue_no"] == f"{year}年第1期"
    assert await issues(intake) == {("county-xinxi", 1): [theirs, sid]}


async def test_a_new_issue_opened_by_hand_takes_the_next_adoptions_and_items_move_between_drafts(
    intake: IntakeHarness,
) -> None:
    year = year_of(intake)
    first, second, urgent = await accepted(intake), await accepted(intake), await accepted(intake)
    await adopt(intake, first)
    opened = await intake.ok("POST", "/briefings", as_="county-editor", json={"publication": "county-xinxi"})
    assert opened["issue_no"] == f"{year}年第2期"
    assert (await adopt(intake, second))["issue_no"] == f"{year}年第2期"

    bid2 = opened["briefing_id"]
    await intake.ok("POST", f"/briefings/{bid2}/items", as_="county-editor", json={"submission_id": first})
    assert await issues(intake) == {("county-xinxi", 1): [], ("county-xinxi", 2): [second, first]}
    moved = await intake.ok("GET", f"/submissions/{first}", as_="officer")
    assert moved["adoptions"][0]["issue_no"] == f"{year}年第2期"
    await intake.ok("DELETE", f"/briefings/{bid2}/items/{first}", as_="county-editor")
    taken_out = await intake.ok("GET", f"/submissions/{first}", as_="officer")
    assert taken_out["adoptions"][0]["issue_no"] is None

    await adopt(intake, urgent, "county-yaoqing")
    response = await intake.call("POST", f"/briefings/{bid2}/items", as_="county-editor",
                                 json={"submission_id": urgent})
    assert response.status_code == 422 and "county-yaoqing" in response.text
    assert (await issues(intake))[("county-xinxi", 2)] == [second]

"""Issue 18 on the real stack: a county editor cannot adopt into the city's publication, a
city leader cannot record a 中央 instruction (both 403, the item unchanged), and adoptions
take their issue numbers from the publication's sequence, also when they come at once."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from deploy.localstack import Stack
from shared.contracts import topics
from tests.e2e.harness import PASSWORD, Api, read_topic, url

pytestmark = pytest.mark.e2e

PEOPLE = ("e2e-head", "e2e-county-editor", "e2e-city-leader", "e2e-officer")


def _item(n: int) -> dict[str, Any]:
    return {
        "title": f"河山镇冬季消防安全检查第{n}轮全覆盖",
        "body": f"截至12月{n}日，河山镇已检查村居{10 + n}个，整改隐患{20 + n}处。\n\n一是组建巡查队{n}支。",
        "draft": False,
    }


@pytest.fixture
async def people(stack: Stack, org: None) -> AsyncIterator[dict[str, Api]]:
    base = url(stack, "intake")
    apis = {p: await Api.logged_in(base, p, PASSWORD) for p in PEOPLE}
    yield apis
    for api in apis.values():
        await api.close()


async def accepted(people: dict[str, Api], n: int) -> str:
    """A new item of 河山镇, submitted by its head and accepted by the county office."""
    sid = str((await people["e2e-head"].call("POST", "/submissions", 201, json=_item(n)))["submission_id"])
    await people["e2e-county-editor"].call("POST", f"/submissions/{sid}/screen", json={"outcome": "accepted"})
    return sid


def essentials(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "downstream"}


async def test_a_county_editor_cannot_adopt_into_the_citys_publication(
    stack: Stack, people: dict[str, Api]
) -> None:
    editor, author = people["e2e-county-editor"], people["e2e-officer"]
    sid = await accepted(people, 1)
    step = f"/submissions/{sid}"
    before, trail = essentials(await editor.call("GET", step)), await editor.call("GET", f"{step}/audit")

    for publication in ("city-zhuanbao", "province-xinxi"):
        typed = {"publication": publication, "issue_no": "第13期"}
        answer = await editor.client.post(f"{step}/adopt", json=typed)
        assert answer.status_code == 403, answer.text
        refusal = answer.json()
        assert (refusal["field"], refusal["code"]) == ("publication", "publication_not_own")
        assert f"may not adopt into or compile {publication}" in refusal["detail"]
        assert refusal["detail"].endswith("e2e-county publishes: county-xinxi, county-yaoqing")

    assert essentials(await editor.call("GET", step)) == before
    assert before["state"] == "accepted" and before["adoptions"] == []
    assert await editor.call("GET", f"{step}/audit") == trail
    issues = await editor.call("GET", "/briefings", params={"office_id": "e2e-county"})
    assert not [b for b in issues if b["publication"] in ("city-zhuanbao", "province-xinxi")]
    assert (await author.call("GET", step))["adoptions"] == [], "the author sees it not adopted"

    upcoming = {u["publication"]: u for u in await editor.call("GET", "/briefings/upcoming")}
    adopted = await editor.call("POST", f"{step}/adopt", json={"publication": "county-xinxi"})
    assert adopted["issue_no"] == upcoming["county-xinxi"]["issue_no"]
    records = await read_topic(stack, topics.SUBMISSIONS, timeout_ms=1500)
    adoptions = [e for e in (json.loads(r.value) for r in records if r.key == sid.encode())
                 if e["type"] == "SubmissionAdopted"]
    assert [(a["publication"], a["issue_no"]) for a in adoptions] == [("county-xinxi", adopted["issue_no"])]


async def test_a_city_leader_cannot_record_an_instruction_of_a_higher_rank(people: dict[str, Api]) -> None:
    editor, leader = people["e2e-county-editor"], people["e2e-city-leader"]
    sid = await accepted(people, 2)
    step = f"/submissions/{sid}"
    await editor.call("POST", f"{step}/adopt", json={"publication": "county-xinxi"})
    for rank in ("province", "national"):
        note = {"leader_rank": rank, "text": "请推广。"}
        answer = await leader.client.post(f"{step}/instructions", json=note)
        assert answer.status_code == 403 and answer.json()["field"] == "leader_rank", answer.text
    assert (await leader.call("GET", step))["instructions"] == []
    await leader.call("POST", f"{step}/instructions", json={"leader_rank": "city", "text": "请推广。"})
    assert [i["leader_rank"] for i in (await leader.call("GET", step))["instructions"]] == ["city"]


async def test_adoptions_at_the_same_moment_share_the_publications_open_issue(
    people: dict[str, Api],
) -> None:
    editor = people["e2e-county-editor"]
    sids = [await accepted(people, 10 + n) for n in range(4)]
    into = {"publication": "county-yaoqing"}
    answers = await asyncio.gather(
        *(editor.client.post(f"/submissions/{sid}/adopt", json=into) for sid in sids)
    )
    assert [a.status_code for a in answers] == [200] * len(sids), [a.text for a in answers]
    numbers = {a.json()["issue_no"] for a in answers}
    assert len(numbers) == 1 and re.fullmatch(r"\d{4}年第\d+期", next(iter(numbers))), numbers
    issues = await editor.call("GET", "/briefings", params={"office_id": "e2e-county"})
    holding = [b for b in issues if set(sids) & {e["submission_id"] for e in b["items"]}]
    assert len(holding) == 1 and holding[0]["issue_no"] in numbers
    assert sorted(e["submission_id"] for e in holding[0]["items"]) == sorted(sids)
    numbered = [(b["year"], b["number"]) for b in issues if b["publication"] == "county-yaoqing"]
    assert len(numbered) == len(set(numbered)), f"one number taken twice: {numbered}"

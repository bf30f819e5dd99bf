"""Crashes and scale-out on the real stack: nothing lost, nothing applied twice."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from deploy.localstack import Stack
from shared.contracts import topics
from tests.e2e.harness import Api, eventually, read_topic, url, wait_until_consumed
from tests.e2e.test_pipeline import ITEM, fully_processed

pytestmark = pytest.mark.e2e


async def submit_many(intake: Api, n: int, tag: str) -> list[str]:
    ids = []
    for i in range(n):
        item = {**ITEM, "title": f"{ITEM['title']}（{tag}第{i}条）"}
        ids.append((await intake.call("POST", "/submissions", 201, json=item))["submission_id"])
    return ids


async def all_processed(intake: Api, ids: list[str]) -> bool | None:
    results = await asyncio.gather(*(fully_processed(intake, sid) for sid in ids))
    if all(results):
        return True
    missing = [sid for sid, done in zip(ids, results, strict=True) if not done]
    first = await intake.call("GET", f"/submissions/{missing[0]}")
    down = first["downstream"]
    print(f"[e2e] {len(missing)} waiting; e.g. score={bool(down['score'])} "
          f"ledger={len(down['ledger'])} notices={[n['kind'] for n in down['notifications']]}")
    return None


async def ledger_entries(stack: Stack, intake: Api, ids: list[str]) -> list[dict]:
    """The ledger entries of ``ids``, read for each period the items were filed under."""
    periods = sorted({(await intake.call("GET", f"/submissions/{sid}"))["period"] for sid in ids})
    entries: list[dict] = []
    incentives = await Api.acting_as(stack, "incentives", "e2e-county-editor")
    try:
        for period in periods:
            found = await incentives.call(
                "GET", "/units/e2e-town/entries", params={"period": period, "limit": 1000}
            )
            entries += [e for e in found if e["submission_id"] in ids]
    finally:
        await incentives.close()
    assert entries, f"no ledger entries found for e2e-town in period(s) {periods}"
    return entries


def scored_counts(records: list, ids: list[str]) -> Counter[str]:
    wanted = {sid.encode() for sid in ids}
    return Counter(r.key.decode() for r in records if r.key in wanted)


async def test_scoring_killed_mid_stream_and_restarted_loses_nothing(stack: Stack, intake: Api) -> None:
    first = await submit_many(intake, 10, "崩溃前")
    stack.kill_service("scoring")
    during = await submit_many(intake, 10, "崩溃中")
    stack.start_service("scoring")
    ids = first + during
    await eventually(lambda: all_processed(intake, ids), timeout=120, what="every item processed")
    await wait_until_consumed(stack)
    counts = scored_counts(await read_topic(stack, topics.SCORES), ids)
    assert set(counts) == set(ids)
    per_item = Counter((e["submission_id"], e["rule"]) for e in await ledger_entries(stack, intake, ids))
    twice = sorted(key for key, n in per_item.items() if n > 1)
    assert not twice, f"(item, rule) pairs with more than one ledger entry: {twice}"


async def test_incentives_killed_and_restarted_applies_each_event_once(stack: Stack, intake: Api) -> None:
    stack.kill_service("incentives")
    ids = await submit_many(intake, 8, "积分服务停机")
    stack.start_service("incentives")
    await eventually(lambda: all_processed(intake, ids), timeout=120, what="every item processed")
    await wait_until_consumed(stack)
    keys = [(e["submission_id"], e["rule"]) for e in await ledger_entries(stack, intake, ids)]
    missing = set(ids) - {sid for sid, _ in keys}
    assert not missing, f"items without ledger entries: {sorted(missing)}"
    assert len(keys) == len(set(keys)), f"entries applied more than once: {Counter(keys).most_common(3)}"


async def test_two_scoring_instances_share_the_partitions_and_score_each_item_once(
    stack: Stack, intake: Api
) -> None:
    second = stack.start_service("scoring", instance=2)
    try:
        await asyncio.sleep(3)  # let the group rebalance onto both members
        ids = await submit_many(intake, 24, "双实例")
        await eventually(lambda: all_processed(intake, ids), timeout=120, what="every item processed")
        await wait_until_consumed(stack)
        counts = scored_counts(await read_topic(stack, topics.SCORES), ids)
        assert set(counts) == set(ids) and set(counts.values()) == {1}
        async with httpx.AsyncClient() as client:
            scored_by = []
            for base in (url(stack, "scoring"), f"http://127.0.0.1:{second.port}"):
                text = (await client.get(f"{base}/metrics")).text
                scored_by.append(_scored_total(text))
        assert all(n > 0 for n in scored_by), f"items scored per instance: {scored_by}"
    finally:
        stack.stop_service("scoring", instance=2)


def _scored_total(metrics_text: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics_text.splitlines()
        if line.startswith("xinbao_scoring_items_scored_total{")
    )

"""The services' units of work read a consumer batch's documents ahead, in one query each.

Intake keeps what scoring, incentives and notify said about an item in its view; notify
reads the item and its bulletin row for most events. On MongoDB each reads the batch's
documents with one ``find`` per collection, however many events the batch holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from prometheus_client import CollectorRegistry
from pymongo import AsyncMongoClient

from services.intake.adapters import MongoIntakeUnitOfWork
from services.notify.adapters.storage import MongoNotifyUnitOfWork
from shared.contracts import SubmissionScored
from shared.observability.mongo_commands import MongoCommandMetrics
from shared.persistence import connect

Finds = Callable[[str], float]


def scored(submission_id: str) -> SubmissionScored:
    return SubmissionScored.originated(
        producer="scoring", submission_id=submission_id, unit_id="u1", author_id="p1", title="t",
        period="2026-11", revision=1, overall=80, band="good", language="zh",
        rubric_version="v1", criteria=[],
    )


@pytest.fixture
async def counted(mongo_server_uri: str) -> AsyncIterator[tuple[AsyncMongoClient, Finds]]:
    listener = MongoCommandMetrics()
    client = connect(mongo_server_uri, app_name="prefetch-test", listeners=[listener])
    registry = CollectorRegistry()
    listener.bind(registry)

    def finds(collection: str) -> float:
        labels = {"command": "find", "collection": collection}
        return registry.get_sample_value("xinbao_mongo_commands_total", labels) or 0.0

    yield client, finds
    await client.close()


async def test_intake_reads_the_views_of_a_batch_with_one_query(
    counted: tuple[AsyncMongoClient, Finds], database_name: str
) -> None:
    client, finds = counted
    db = client[database_name]
    await db.downstream.insert_one({"_id": "s1", "score": None, "ledger": [], "notifications": []})
    events = [scored(f"s{n}") for n in range(1, 21)]
    async with MongoIntakeUnitOfWork(client, db) as uow:
        await uow.prefetch(events)
        views = [await uow.downstream.get(event.submission_id) for event in events]
    assert finds("downstream") == 1
    assert [v["_id"] for v in views] == [f"s{n}" for n in range(1, 21)]


async def test_notify_reads_the_items_and_bulletin_rows_of_a_batch_with_one_query_each(
    counted: tuple[AsyncMongoClient, Finds], database_name: str
) -> None:
    client, finds = counted
    db = client[database_name]
    events = [scored(f"s{n}") for n in range(1, 21)]
    async with MongoNotifyUnitOfWork(client, db) as uow:
        await uow.prefetch(events)
        for event in events:
            await uow.items.get(event.submission_id)
            await uow.bulletin_facts.item(event.submission_id)
    assert finds("items") == 1 and finds("bulletin_items") == 1

"""The command listener counts what a client really sends to a MongoDB server."""

from __future__ import annotations

from prometheus_client import CollectorRegistry

from shared.observability.mongo_commands import MongoCommandMetrics, collection_of
from shared.persistence import connect


def test_collection_of_names_the_target_collection_only() -> None:
    assert collection_of("insert", {"insert": "outbox", "documents": []}) == "outbox"
    assert collection_of("commitTransaction", {"commitTransaction": 1}) == ""
    assert collection_of("aggregate", {"aggregate": 1, "pipeline": []}) == ""


async def test_counts_commands_per_collection_once_bound(mongo_server_uri: str) -> None:
    listener = MongoCommandMetrics()
    client = connect(mongo_server_uri, app_name="metrics-test", listeners=[listener])
    db = client["command_metrics_test"]
    try:
        await db.before_bind.insert_one({"_id": 1})  # not counted: no registry yet
        registry = CollectorRegistry()
        listener.bind(registry)
        await db.items.insert_many([{"_id": 1}, {"_id": 2}])
        await db.items.find_one({"_id": 2})
        await db.items.find_one({"_id": 3})
        count = lambda command, collection: registry.get_sample_value(  # noqa: E731
            "xinbao_mongo_commands_total", {"command": command, "collection": collection}
        )
        assert count("insert", "items") == 1
        assert count("find", "items") == 2
        assert count("insert", "before_bind") is None
        assert registry.get_sample_value("xinbao_mongo_command_seconds_count", {"command": "find"}) == 2
    finally:
        await client.drop_database("command_metrics_test")
        await client.close()


"""Fixtures shared by every test folder: a real SecantusDB server for adapter tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from pymongo import AsyncMongoClient


@pytest.fixture(scope="session")
def mongo_server_uri() -> Iterator[str]:
    """A SecantusDB server (MongoDB wire protocol, single-node replica set) in this process."""
    from secantus.server import SecantusDBServer

    server = SecantusDBServer(storage_path=":memory:", port=0)
    server.start()
    try:
        yield server.uri + "?directConnection=true"
    finally:
        server.stop()


@pytest.fixture
async def mongo_client(mongo_server_uri: str) -> AsyncIterator[AsyncMongoClient]:
    client: AsyncMongoClient = AsyncMongoClient(mongo_server_uri, tz_aware=True)
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
def database_name() -> str:
    """A fresh database name per test, so tests never see each other's documents."""
    return f"test_{uuid.uuid4().hex[:12]}"

"""Log-in throttling: guessing is slowed per address and per account, never the owner at home."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from services.intake.login_throttle import LoginThrottle, ThrottlePolicy
from services.intake.tests.conftest import ADMIN_PASSWORD, PASSWORD, IntakeHarness

Browser = Callable[[str], AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def from_address(intake: IntakeHarness) -> Browser:
    """A client whose requests come from ``address``."""

    @asynccontextmanager
    async def client(address: str) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=intake.app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://intake") as browser:
            yield browser

    return client


async def log_in(client: httpx.AsyncClient, person_id: str, password: str) -> httpx.Response:
    return await client.post("/auth/login", json={"person_id": person_id, "password": password})


async def test_five_wrong_passwords_pause_that_address_but_not_the_owner_elsewhere(
    intake: IntakeHarness, from_address: Browser
) -> None:
    async with from_address("203.0.113.9") as attacker:
        for _ in range(5):
            assert (await log_in(attacker, "officer", "guess-guess")).status_code == 401
        paused = await log_in(attacker, "officer", PASSWORD)
        assert paused.status_code == 429 and paused.headers["Retry-After"] == "900"
        assert "try again in 900 s" in paused.json()["detail"]
    assert (await log_in(intake.client, "officer", PASSWORD)).status_code == 200


async def test_a_pause_ends_on_time_however_long_someone_keeps_trying(
    intake: IntakeHarness, from_address: Browser
) -> None:
    async with from_address("203.0.113.9") as attacker:
        for _ in range(5):
            await log_in(attacker, "officer", "guess-guess")
        waits = []
        for _ in range(14):
            intake.clock.advance(minutes=1)
            answer = await log_in(attacker, "officer", "guess-again")
            assert answer.status_code == 429
            waits.append(int(answer.headers["Retry-After"]))
        assert waits == list(range(840, 0, -60))
        intake.clock.advance(minutes=1)
        assert (await log_in(attacker, "officer", PASSWORD)).status_code == 200


async def test_an_address_guessing_many_accounts_is_paused(
    intake: IntakeHarness, from_address: Browser
) -> None:
    async with from_address("198.51.100.7") as sprayer:
        for n in range(30):
            assert (await log_in(sprayer, f"guess-{n}", "password1")).status_code == 401
        paused = await log_in(sprayer, "head", PASSWORD)
        assert paused.status_code == 429 and int(paused.headers["Retry-After"]) == 900
    assert (await log_in(intake.client, "head", PASSWORD)).status_code == 200


async def test_an_address_may_log_in_only_so_often_a_minute(intake: IntakeHarness) -> None:
    intake.app.state.authenticator.throttle = LoginThrottle(ThrottlePolicy(attempts_per_minute=3))
    for _ in range(3):
        assert (await log_in(intake.client, "officer", PASSWORD)).status_code == 200
    paused = await log_in(intake.client, "officer", PASSWORD)
    assert paused.status_code == 429 and paused.headers["Retry-After"] == "60"
    intake.clock.advance(seconds=60)
    assert (await log_in(intake.client, "officer", PASSWORD)).status_code == 200


async def test_guessing_from_many_addresses_pauses_new_addresses_only(
    intake: IntakeHarness, from_address: Browser
) -> None:
    assert (await log_in(intake.client, "officer", PASSWORD)).status_code == 200  # 10.1.2.3 is known
    for n in range(100):
        async with from_address(f"192.0.2.{n}") as bot:
            assert (await log_in(bot, "officer", "guess-guess")).status_code == 401
    async with from_address("192.0.2.200") as traveller:
        paused = await log_in(traveller, "officer", PASSWORD)
        assert paused.status_code == 429 and int(paused.headers["Retry-After"]) == 3600
    assert (await log_in(intake.client, "officer", PASSWORD)).status_code == 200


async def test_the_bootstrap_admin_is_paused_too(intake: IntakeHarness) -> None:
    for _ in range(5):
        assert (await log_in(intake.client, "admin", "guess-guess")).status_code == 401
    assert (await log_in(intake.client, "admin", ADMIN_PASSWORD)).status_code == 429


async def test_the_login_page_says_when_to_try_again(intake: IntakeHarness) -> None:
    for _ in range(5):
        await log_in(intake.client, "officer", "guess-guess")
    page = await intake.client.post("/web/login", data={"username": "officer", "password": PASSWORD})
    assert page.status_code == 429 and page.headers["Retry-After"] == "900"
    assert "尝试次数过多，请 15 分钟后再试。" in page.text
    assert "xinbao_session" not in page.cookies

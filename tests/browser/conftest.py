"""Browser tests: headless Debian Chromium driven by Playwright against the site on loopback.

They skip, saying why, when /usr/bin/chromium (apt-get install chromium fonts-noto-cjk) or
the playwright package (pip install playwright; its own browser download is not used) is
missing. Screenshots go to $XINBAO_SHOTS (default /tmp/xinbao-shots).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site import Site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium against the pages")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = _missing()
    if reason:
        for item in items:
            if item.get_closest_marker("browser"):
                item.add_marker(pytest.mark.skip(reason=reason))


def _missing() -> str:
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is not executable"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install playwright"
    return ""


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    running = Site()
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one module: Playwright's sync API holds an event loop in this thread
    while it runs, which async tests of later modules need free."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """What the pages' Content-Security-Policy refused, as Chromium reported it on the console;
    a test fails at the end when it is not empty (a test that provokes one clears it)."""
    return []


@pytest.fixture
def new_page(browser: Any, site: Site, csp_violations: list[str]) -> Iterator[Any]:
    """Open a fresh browser context (no cookies) as a laptop screen; several per test."""
    contexts = []

    def note(message: Any) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    def open_page() -> Any:
        context = browser.new_context(
            base_url=site.intake_url, locale="zh-CN", viewport={"width": 1366, "height": 860}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", note)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert csp_violations == [], "the Content-Security-Policy refused something"


@pytest.fixture(scope="session")
def shots() -> Path:
    folder = Path(os.environ.get("XINBAO_SHOTS", "/tmp/xinbao-shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder

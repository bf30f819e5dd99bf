"""Intake's API documentation in a real browser with every other host out of reach (issue 18):
Swagger UI and ReDoc render from intake's own files, and nothing tries to leave loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
"""ReDoc's side menu always asks for its vendor's logo: the policy refuses it inside the browser."""


@pytest.fixture
def offline_page(new_page: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page whose requests to any host but loopback are aborted, and the URLs they went to."""
    page, outside = new_page(), []

    def only_loopback(route: Any) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", only_loopback)
    yield page, outside


def test_swagger_ui_lists_the_operations_with_no_other_host(offline_page: tuple[Any, list[str]]) -> None:
    page, outside = offline_page
    page.goto("/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 40
    assert page.locator(".opblock-summary-path", has_text="/auth/login").count() == 1
    assert outside == []


def test_redoc_renders_and_searches_with_no_other_host(
    offline_page: tuple[Any, list[str]], csp_violations: list[str]
) -> None:
    page, outside = offline_page
    page.goto("/redoc")
    page.locator(".api-content h1").first.wait_for()
    assert page.locator(".api-content h1").first.inner_text().startswith("Xinbao intake")
    assert page.locator("li[data-item-id]").count() >= 40
    page.get_by_placeholder("Search...").fill("login")  # the search runs in a worker
    page.locator("[data-role='search:results'] li").first.wait_for()
    assert outside == []
    assert [v for v in csp_violations if REDOC_LOGO not in v] == []
    csp_violations.clear()

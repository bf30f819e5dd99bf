"""The Content-Security-Policy in a real browser: injected inline code does not run, the pages'
own script and styles do, and the suite notices a refusal."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_journey import BODY, TITLE, log_in

pytestmark = pytest.mark.browser

INJECT = """() => document.body.insertAdjacentHTML('beforeend',
    '<img src="/web/static/missing.png" onerror="window.injected = 1">')"""


def test_injected_inline_code_does_not_run_and_is_reported(new_page: Any, csp_violations: list[str]) -> None:
    page = new_page()
    log_in(page, "officer")
    page.evaluate(INJECT)
    for _ in range(50):
        if csp_violations:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => window.injected") is None
    assert any("inline event handler" in v for v in csp_violations), csp_violations
    csp_violations.clear()


def test_the_quality_bars_are_drawn_by_the_stylesheet(new_page: Any) -> None:
    page = new_page()
    log_in(page, "officer")
    page.goto("/web/items/new")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("正文").fill(BODY)
    page.locator("#quality-panel").get_by_text("综合得分").wait_for()
    widths = page.locator("#quality-panel .bar-fill").evaluate_all(
        "bars => bars.map(b => b.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 2 and max(widths) > 10, widths

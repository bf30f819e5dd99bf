"""Issue 18 in a real browser: a paste over the limit is kept whole and not sent, the unit
head sends a draft back and the author reads why, a signed-off item's card fills in without a
reload, an administrator lands on their page, the service's address leads to the log-in.

Its items are 青石镇's (qs-officer, qs-head), so the journey's counts for 河山镇 do not depend
on which module runs first."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site import ADMIN_PASSWORD, PASSWORD

pytestmark = pytest.mark.browser

BODY = (
    "今年以来，河山镇推行“预约售粮+代烘代储”服务，已收购中晚稻2.36万吨，同比增加3100吨。\n\n"
    "由于10月中旬连续阴雨，镇里将12台烘干机纳入统一调度，因此避免了霉变损失。"
)


def log_in(page: Any, person_id: str, password: str = PASSWORD) -> None:
    page.goto("/web/login")
    page.get_by_label("账号").fill(person_id)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def write_draft(page: Any, title: str) -> None:
    page.goto("/web/items/new")
    page.get_by_label("标题").fill(title)
    page.locator("#body").fill(BODY)
    page.get_by_role("button", name="提交本单位审签").click()
    page.get_by_text("已保存").first.wait_for()


def test_a_paste_over_the_limit_is_kept_whole_and_not_sent(new_page: Any, shots: Path) -> None:
    page = new_page()
    log_in(page, "qs-officer")
    page.goto("/web/items/new")
    title = f"超长粘贴 {uuid.uuid4().hex[:6]}"
    page.get_by_label("标题").fill(title)
    page.locator("#body").focus()
    page.evaluate(
        """() => {
            const data = new DataTransfer();
            data.setData('text/plain', '秋'.repeat(90000));
            document.querySelector('#body').dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }"""
    )
    assert len(page.locator("#body").input_value()) == 90_000
    note = page.locator(".limit-note").filter(has_text="超出上限")
    assert "超出上限 20,000 字：现为 90,000 字，请删减 70,000 字" in note.inner_text()
    page.get_by_role("button", name="提交本单位审签").click()
    page.wait_for_timeout(300)
    assert page.url.endswith("/web/items/new")
    assert len(page.locator("#body").input_value()) == 90_000
    assert page.locator("#body").get_attribute("aria-invalid") == "true"
    page.screenshot(path=str(shots / "first-hour-over-limit.png"), full_page=False)
    page.locator("#body").fill(BODY)
    assert note.count() == 0 or note.inner_text() == ""


def test_the_head_sends_a_draft_back_and_the_author_reads_why(new_page: Any, shots: Path) -> None:
    title = f"请审签 {uuid.uuid4().hex[:6]}"
    officer = new_page()
    log_in(officer, "qs-officer")
    write_draft(officer, title)
    draft_url = officer.url

    head = new_page()
    log_in(head, "qs-head")
    head.get_by_role("link", name="待审签").first.click()
    row = head.get_by_role("row").filter(has_text=title)
    assert "待审签" in row.inner_text()
    row.get_by_role("link", name=title).click()
    head.get_by_text("退回作者修改").click()
    head.get_by_label("退回理由（作者可见）").fill("请补充收购价格和农户增收数据")
    head.get_by_role("button", name="退回", exact=True).click()
    head.get_by_text("已退回作者修改。").wait_for()

    officer.goto(draft_url)
    assert "退回修改" in officer.locator(".item-flags").inner_text()
    assert "请补充收购价格和农户增收数据" in officer.locator("#author-return").inner_text()
    officer.screenshot(path=str(shots / "first-hour-returned-to-author.png"), full_page=True)


def test_a_signed_off_items_card_fills_in_without_a_reload(new_page: Any) -> None:
    title = f"评分自动显示 {uuid.uuid4().hex[:6]}"
    officer = new_page()
    log_in(officer, "qs-officer")
    write_draft(officer, title)
    head = new_page()
    log_in(head, "qs-head")
    head.goto(officer.url)
    head.get_by_role("button", name="审签报送").click()
    head.get_by_text("已审签报送").wait_for()
    head.locator("#quality-panel .score:not(.score-none)").wait_for(timeout=20_000)
    assert head.locator("#quality-panel").get_attribute("data-poll-url") is None


def test_an_administrator_lands_on_their_page(new_page: Any, shots: Path) -> None:
    page = new_page()
    log_in(page, "admin", ADMIN_PASSWORD)
    assert page.url.endswith("/web/admin")
    assert page.get_by_role("heading", name="组织与人员").first.is_visible()
    assert "缺少责任人的单位" in page.content()
    page.screenshot(path=str(shots / "first-hour-admin.png"), full_page=True)


def test_the_service_address_leads_to_the_log_in(new_page: Any) -> None:
    page = new_page()
    page.goto("/")
    assert "/web/login" in page.url
    assert page.get_by_role("button", name="登录").is_visible()


def test_the_county_sees_adopted_here_after_forwarding_and_the_unit_sees_the_same(new_page: Any) -> None:
    title = f"采用后转报 {uuid.uuid4().hex[:6]}"
    officer = new_page()
    log_in(officer, "qs-officer")
    write_draft(officer, title)
    item_url = officer.url
    head = new_page()
    log_in(head, "qs-head")
    head.goto(item_url)
    head.get_by_role("button", name="审签报送").click()
    head.get_by_text("已审签报送").wait_for()

    editor = new_page()
    log_in(editor, "county-editor")
    editor.get_by_role("row").filter(has_text=title).get_by_role("button", name="受理").click()
    editor.get_by_text("已受理。").wait_for()
    editor.goto(item_url)
    editor.get_by_text("采用…").click()
    editor.locator("form[action$='/adopt']").get_by_role("button", name="采用").click()
    editor.get_by_text("已采用，编入").wait_for()
    editor.get_by_role("button", name="转报上级").click()
    editor.get_by_text("已转报").first.wait_for()
    assert "已采用" in editor.locator(".item-flags").inner_text()
    assert "已转报临江市人民政府办公室，在该级的状态：已报送。" in editor.locator("#moved-on").inner_text()
    editor.goto("/web/inbox?tab=adopted")
    assert "已采用" in editor.get_by_role("row").filter(has_text=title).inner_text()

    officer.goto("/web/items")
    assert "已采用" in officer.get_by_role("row").filter(has_text=title).inner_text()


def test_a_refusal_on_a_chinese_page_is_in_chinese(new_page: Any) -> None:
    page = new_page()
    log_in(page, "qs-officer")
    page.goto("/web/items/new")
    page.locator("#body").fill(BODY)
    page.get_by_role("button", name="提交本单位审签").click()
    page.wait_for_load_state()
    errors = page.locator(".flash-error, .errors, [role=alert]").all_inner_texts()
    text = " ".join(errors)
    assert "标题：不能为空。" in text, text
    assert "must" not in text and "blank" not in text


def test_the_preview_shows_the_score_the_submission_gets(new_page: Any) -> None:
    title = f"预览与评分一致 {uuid.uuid4().hex[:6]}"
    officer = new_page()
    log_in(officer, "qs-officer")
    officer.goto("/web/items/new")
    officer.get_by_label("标题").fill(title)
    officer.locator("#body").fill(BODY)
    officer.get_by_role("button", name="检查质量").click()
    previewed = officer.locator("#quality-panel .score:not(.score-none)")
    previewed.wait_for(timeout=15_000)
    before = re.match(r"\d+", previewed.first.inner_text().strip())
    assert before, previewed.first.inner_text()
    officer.get_by_role("button", name="提交本单位审签").click()
    officer.get_by_text("已保存").first.wait_for()

    head = new_page()
    log_in(head, "qs-head")
    head.goto(officer.url)
    head.get_by_role("button", name="审签报送").click()
    head.get_by_text("已审签报送").wait_for()
    stored = head.locator("#quality-panel .score:not(.score-none)")
    stored.wait_for(timeout=20_000)
    after = re.match(r"\d+", stored.first.inner_text().strip())
    assert after and after.group() == before.group()

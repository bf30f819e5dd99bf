"""An item's journey through the pages, as its people see it in a browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from services.intake.tests.docs import word_file
from tests.browser.site import PASSWORD, Site

pytestmark = pytest.mark.browser
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TITLE = "河山镇“预约+代烘”助农秋粮应收尽收"
BODY = (
    "今年秋粮收购启动以来，河山镇推行“预约售粮+代烘代储”服务，截至11月中旬已收购中晚稻2.36万吨，"
    "同比增加3100吨，农户平均排队时间由去年的4.5小时缩短到40分钟。\n\n"
    "一是线上预约错峰售粮。镇农业服务中心开通预约通道，全镇1860户种粮户中已有1420户通过预约售粮，占76.3%。\n\n"
    "二是烘干设备统一调度。由于10月中旬连续阴雨，镇里将5家合作社的12台烘干机纳入统一调度，"
    "日烘干能力提高到480吨，因此避免了霉变损失。\n\n"
    "下一步，河山镇将对剩余约1800吨待售粮食逐户摸排，确保12月上旬收购结束。"
)


UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
    .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
                 && !c.getAttribute('aria-labelledby') && !(c.tagName === 'BUTTON' && c.textContent.trim()))
    .map(c => c.outerHTML.slice(0, 120))"""


def look(page: Any, shots: Path, name: str) -> None:
    """Keep a screenshot to look at, and check every control on the page has a name."""
    assert page.evaluate(UNLABELLED) == [], page.url
    assert page.locator("html").get_attribute("lang") in ("zh-CN", "en")
    page.screenshot(path=str(shots / name), full_page=True)


def log_in(page: Any, person_id: str) -> None:
    page.goto("/web/login")
    page.get_by_label("账号").fill(person_id)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def test_an_item_from_writing_to_a_leaders_instruction(new_page: Any, site: Site, shots: Path) -> None:
    officer = new_page()
    log_in(officer, "officer")
    assert officer.url.endswith("/web/items")
    write_with_feedback_and_send_for_sign_off(officer, shots)

    head = new_page()
    log_in(head, "head")
    sign_off(head)

    editor = new_page()
    log_in(editor, "county-editor")
    assert editor.url.endswith("/web/inbox")
    scores = wait_for_scores(editor, count=3)
    assert scores == sorted(scores, reverse=True), scores
    look(editor, shots, "02-inbox-by-score.png")
    accept_edit_and_adopt(editor)

    officer.get_by_role("link", name=TITLE).click()
    change = officer.locator(".change").first
    assert "编辑 王芳 修改" in change.inner_text()
    assert change.locator("del").first.inner_text() == "2.36"
    assert change.locator("ins").first.inner_text() == "2.4"
    look(officer, shots, "03-author-sees-editor-changes.png")

    leader = new_page()
    log_in(leader, "county-leader")
    assert leader.url.endswith("/web/leader")
    record_instruction(leader, shots)
    leader.get_by_role("link", name="English").click()
    assert leader.locator("html").get_attribute("lang") == "en"
    leader.get_by_role("heading", name=re.compile("Leaders' instructions")).wait_for()
    look(leader, shots, "05-leader-in-english.png")

    compile_a_proof_and_count(editor, shots)
    office_head = new_page()
    log_in(office_head, "county-head")
    sign_the_issue_off(office_head)


def write_with_feedback_and_send_for_sign_off(officer: Any, shots: Path) -> None:
    officer.get_by_role("link", name="撰写信息").first.click()
    officer.get_by_label("标题").fill(TITLE)
    officer.get_by_label("正文").fill(BODY)
    panel = officer.locator("#quality-panel")
    panel.get_by_text("综合得分").wait_for()
    assert re.search(r"\d+", panel.locator(".overall .score").inner_text())
    look(officer, shots, "01-new-item-quality.png")
    officer.get_by_role("button", name="提交本单位审签").click()
    officer.get_by_text("已保存，等待本单位审签").wait_for()
    officer.get_by_role("link", name="本单位信息").click()
    assert "待审签" in officer.get_by_role("row").filter(has_text=TITLE).inner_text()


def sign_off(head: Any) -> None:
    head.get_by_role("link", name=TITLE).click()
    head.get_by_role("button", name="审签报送").click()
    head.get_by_text("已审签报送").wait_for()
    assert "已报送" in head.locator(".item-flags").inner_text()


def accept_edit_and_adopt(editor: Any) -> None:
    editor.get_by_role("row").filter(has_text=TITLE).get_by_role("button", name="受理").click()
    editor.get_by_text("已受理。").wait_for()
    editor.get_by_role("link", name=re.compile("已受理")).first.click()
    editor.get_by_role("link", name=TITLE).click()
    editor.get_by_text("编辑修改").click()
    edit = editor.locator("form[action$='/revise']")
    edit.get_by_label("正文").fill(BODY.replace("2.36万吨", "2.4万吨").replace("下一步，", "下一步，镇里"))
    edit.get_by_role("button", name="保存修改").click()
    editor.get_by_text("已保存修改").wait_for()
    editor.get_by_text("采用…").click()
    adopt = editor.locator("form[action$='/adopt']")
    chosen = adopt.get_by_label("刊物").locator("option:checked").inner_text()
    issue = re.search(r"\d{4}年第\d+期", chosen)
    assert chosen.startswith("县《政务信息》") and issue, chosen  # the number comes from the sequence
    adopt.get_by_role("button", name="采用").click()
    editor.get_by_text(f"已采用，编入县《政务信息》{issue.group()}。").wait_for()
    assert "已采用" in editor.locator(".item-flags").inner_text()


def record_instruction(leader: Any, shots: Path) -> None:
    card = leader.locator("article.card").filter(has_text=TITLE)
    card.get_by_text("录入批示…").click()
    card.get_by_label("批示内容").fill("经验做法很好，请县农业农村局总结推广。")
    card.get_by_role("button", name="录入批示").click()
    leader.get_by_text("已录入批示。").wait_for()
    assert "请县农业农村局总结推广" in leader.locator("article.card").filter(has_text=TITLE).inner_text()
    look(leader, shots, "04-leader-instruction.png")


def compile_a_proof_and_count(editor: Any, shots: Path) -> None:
    editor.get_by_role("link", name="编刊").click()
    editor.get_by_role("button", name="开新一期").click()  # adoption had opened the first issue
    editor.get_by_text("已开新一期").wait_for()
    editor.get_by_role("row").filter(has_text=TITLE).get_by_role("checkbox").check()
    editor.get_by_role("button", name="编入本期").click()  # moves it from that issue into this one
    editor.get_by_text("已编入本期").wait_for()
    look(editor, shots, "06-briefing-issue.png")
    editor.get_by_role("link", name="清样").click()
    editor.get_by_role("heading", name=TITLE).wait_for()
    look(editor, shots, "07-briefing-proof.png")
    editor.get_by_role("link", name="报送统计").click()
    row = editor.get_by_role("row").filter(has_text="河山镇人民政府")
    row.get_by_text("设定指标…").click()
    row.get_by_role("spinbutton").fill("3")
    row.get_by_role("button", name="设定指标").click()
    editor.get_by_text("已设定指标").wait_for()
    row = editor.get_by_role("row").filter(has_text="河山镇人民政府")
    assert "差 2 条" in row.inner_text()
    assert [c.inner_text() for c in row.locator("td.num").all()][:3] == ["1", "1", "1"]
    look(editor, shots, "08-quota-board.png")


def sign_the_issue_off(head: Any) -> None:
    head.goto("/web/briefing")
    # the newest issue, the one compiled (the first, opened by the adoption, is empty now)
    head.get_by_role("link", name=re.compile(r"^《政务信息》\d{4}年第\d+期$")).first.click()
    head.get_by_role("button", name="签发").click()
    head.get_by_text("已签发。").wait_for()
    assert head.locator(".item-flags").get_by_text("已签发").is_visible()


def test_text_pasted_from_word_becomes_paragraphs(new_page: Any, shots: Path) -> None:
    page = new_page()
    log_in(page, "officer")
    page.goto("/web/items/new")
    page.locator("#body").focus()
    page.evaluate(
        """() => {
            const data = new DataTransfer();
            data.setData('text/plain',
                '\\u3000\\u3000第一段，来自Word。\\r\\n\\r\\n\\u3000\\u3000第二段。 \\r\\n第三段。');
            data.setData('text/html', '<p>第一段</p><img src="x.png">');
            document.querySelector('#body').dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }"""
    )
    assert page.locator("#body").input_value() == "第一段，来自Word。\n\n第二段。\n\n第三段。"
    assert "图片已忽略" in page.locator("#body-status").inner_text()


def test_a_word_file_becomes_a_draft_with_its_picture(new_page: Any, shots: Path) -> None:
    page = new_page()
    log_in(page, "officer")
    page.goto("/web/items/new")
    page.get_by_text("从Word文件导入").click()
    paragraphs = BODY.split("\n\n")
    page.get_by_label("Word文件（.docx）").set_input_files(
        files=[
            {
                "name": "秋粮.docx",
                "mimeType": DOCX,
                "buffer": word_file("河山镇秋粮收购进度过半", paragraphs, 1),
            }
        ]
    )
    page.get_by_role("button", name="导入为草稿").click()
    page.get_by_text("已从Word导入为草稿（图片 1 张）").wait_for()
    assert page.locator(".item-body p").count() == len(paragraphs)
    picture = page.locator(".item-body figure img")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    page.locator("#quality-panel").get_by_text("综合得分").wait_for()
    look(page, shots, "09-word-import-draft.png")


def test_a_wrong_password_is_refused_and_the_login_page_speaks_english(new_page: Any) -> None:
    page = new_page()
    page.goto("/web/login?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Account").fill("officer")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").get_by_text("Wrong").wait_for()
    assert page.url.endswith("/web/login")


def wait_for_scores(page: Any, count: int) -> list[float]:
    """The inbox's scores once scoring has scored ``count`` items (reloading meanwhile)."""
    for _ in range(50):
        cells = page.locator("table.list tbody td.num .score:not(.score-none)")
        if cells.count() >= count:
            return [float(re.match(r"\d+", c.inner_text()).group()) for c in cells.all()]
        page.wait_for_timeout(200)
        page.reload()
    raise AssertionError("the items were not scored")

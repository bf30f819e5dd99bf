"""Issue 18 in a browser: a county editor's adopt form lists only the county's publications,
each with the issue number the item will get, and has no typed issue number; a city
leader's instruction form offers 市级 and below, never 省级 or 中央."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from services.intake import usecases
from services.intake.domain import Draft, User
from services.intake.usecases import Actor
from services.intake.usecases.briefings import upcoming_issues
from shared.contracts import ScreeningOutcome, utcnow
from tests.browser.site import Site
from tests.browser.test_journey import log_in

pytestmark = pytest.mark.browser
TITLE = "柳山镇“村村通”公交开通运营"
BODY = "12月1日起，柳山镇12个行政村全部开通公交，日均客流860人次。\n\n一是整合线路3条。二是票价统一为2元。"
EDITOR = User("county-editor", "王芳", "dx", ("editor",))


async def _accepted(site: Site) -> dict[str, str]:
    """An item of 柳山镇, submitted by its head and accepted by the county office; and how the
    adopt form should offer each county publication (other tests may have opened issues)."""
    assert site.intake is not None
    new_uow, rules = site.intake.state.new_uow, site.intake.state.rules
    head = Actor(User("ls-head", "吴镇长", "ls", ("unit_head",)), "127.0.0.1")
    item = await usecases.start_item(new_uow, rules, head, Draft(TITLE, BODY, "动态"), utcnow(), submit=True)
    await usecases.screen_item(new_uow, item.submission_id, Actor(EDITOR), ScreeningOutcome.ACCEPTED, [],
                               False, utcnow())
    upcoming = await upcoming_issues(new_uow, EDITOR, utcnow(), zone=rules.timezone)
    return {u["publication"]: f"{u['name']}（{'新开' if u['opens_new'] else '编入'}{u['issue_no']}）"
            for u in upcoming} | {f"{u['publication']}:no": u["issue_no"] for u in upcoming}


def test_the_forms_offer_only_the_viewers_own_publications_and_ranks(
    new_page: Any, site: Site, shots: Path
) -> None:
    shown = site.run(_accepted(site))
    editor = new_page()
    log_in(editor, "county-editor")
    editor.goto("/web/inbox?tab=accepted")
    row = editor.get_by_role("row").filter(has_text=TITLE)
    row.get_by_text("采用…").click()
    publication = row.get_by_label("刊物")
    offered = publication.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent])")
    assert offered == [["county-xinxi", shown["county-xinxi"]], ["county-yaoqing", shown["county-yaoqing"]]]
    assert re.fullmatch(r"县《要情快报》（(新开|编入)\d{4}年第\d+期）", shown["county-yaoqing"])
    assert row.locator("input[name=issue_no], input[name=publication_other]").count() == 0
    assert row.get_by_text("期号按刊物顺序自动编排").is_visible()
    editor.screenshot(path=str(shots / "10-adopt-form-own-publications.png"), full_page=True)
    publication.select_option("county-yaoqing")
    row.get_by_role("button", name="采用").click()
    editor.get_by_text(f"已采用，编入县《要情快报》{shown['county-yaoqing:no']}。").wait_for()

    leader = new_page()
    log_in(leader, "city-leader")
    card = leader.locator("article.card").filter(has_text=TITLE)
    card.get_by_text("录入批示…").click()
    ranks = card.get_by_label("领导级别").locator("option").all_inner_texts()
    assert ranks == ["市级", "县级", "乡镇"]
    assert not {"省级", "中央"} & set(ranks)
    leader.screenshot(path=str(shots / "11-city-leader-instruction-ranks.png"), full_page=True)
    card.get_by_label("批示内容").fill("村村通经验可在全市推广。")
    card.get_by_role("button", name="录入批示").click()
    leader.get_by_text("已录入批示。").wait_for()
    assert re.search("陈市长（市级）", leader.locator("article.card").filter(has_text=TITLE).inner_text())

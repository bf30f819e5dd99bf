"""Issue 18 on the pages: the adopt form offers the office's own publications with the issue
the item will go into (no typed issue number), the instruction form the ranks the office may
record; a refused choice comes back in Chinese with the rest of the form as it was filled."""

from __future__ import annotations

import html
import re

import httpx

from services.intake.web.tests.conftest import ADMIN_PASSWORD, PASSWORD, Pages
from services.intake.web.tests.test_pages import new_draft

CITY_PEOPLE = [
    {"person_id": "city-leader", "name": "陈市长", "unit_id": "lj", "roles": ["leader"]},
    {"person_id": "city-editor", "name": "赵强", "unit_id": "lj", "roles": ["editor"]},
]
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


async def add_city_people(pages: Pages) -> None:
    async with pages.browser() as admin:
        login = await admin.post("/auth/login", json={"person_id": "admin", "password": ADMIN_PASSWORD})
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        for person in CITY_PEOPLE:
            made = await admin.post("/people", json={**person, "password": PASSWORD}, headers=headers)
            assert made.status_code == 201, made.text


async def accepted_item(pages: Pages) -> str:
    """An item of 河山镇, signed off and accepted by the county office; its page's URL."""
    async with pages.as_("officer") as officer, pages.as_("head") as head, pages.as_("editor") as editor:
        url = await new_draft(officer)
        assert (await head.post(f"{url}/sign-off", data={"next": url})).status_code == 303
        screened = await editor.post(f"{url}/screen", data={"outcome": "accepted", "next": url})
        assert screened.status_code == 303
    return url


def options(page: str, name: str) -> list[tuple[str, str]]:
    """(value, text) of every option of the selects called ``name`` on the page."""
    found = []
    for block in re.findall(rf'<select name="{name}">(.*?)</select>', page, re.S):
        pairs = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', block)
        found += [(value, html.unescape(text)) for value, text in pairs]
    return found


def alert(page: str) -> str:
    found = re.search(r'<div class="flash flash-error" role="alert">(.*?)</div>', page, re.S)
    assert found, page
    return html.unescape(found.group(1))


async def upcoming(client: httpx.AsyncClient) -> dict[str, str]:
    answer = await client.get("/briefings/upcoming")
    assert answer.status_code == 200, answer.text
    return {u["publication"]: u["issue_no"] for u in answer.json()}


async def test_the_adopt_form_offers_the_countys_publications_with_the_issue_they_go_into(
    pages: Pages,
) -> None:
    await accepted_item(pages)
    async with pages.as_("editor") as editor:
        issue = await upcoming(editor)
        inbox = await editor.get("/web/inbox?tab=accepted")
        offered = options(inbox.text, "publication")
        assert [code for code, _ in offered] == ["county-xinxi", "county-yaoqing"]
        assert offered == [("county-xinxi", f"县《政务信息》（新开{issue['county-xinxi']}）"),
                           ("county-yaoqing", f"县《要情快报》（新开{issue['county-yaoqing']}）")]
        assert 'name="issue_no"' not in inbox.text and 'name="publication_other"' not in inbox.text
        assert "期号按刊物顺序自动编排" in inbox.text


async def test_a_refused_adoption_says_why_in_chinese_and_keeps_the_form(pages: Pages) -> None:
    url = await accepted_item(pages)
    async with pages.as_("editor") as editor:
        issue = await upcoming(editor)
        refused = await editor.post(f"{url}/adopt", data={"publication": "city-zhuanbao", "form": "excerpt",
                                                         "next": "/web/inbox"})
        assert refused.status_code == 403
        reason = alert(refused.text)
        assert reason.startswith("没有权限：市《专报》不是本办的刊物"), reason
        assert "县《政务信息》、县《要情快报》" in reason and not ASCII_WORD.search(reason), reason
        assert '<option value="excerpt" selected>' in refused.text
        offered = [code for code, _ in options(refused.text, "publication")]
        assert offered == ["county-xinxi", "county-yaoqing"]
        assert 'name="next" value="/web/inbox"' in refused.text
        assert (await editor.get("/web/inbox?tab=adopted")).text.count(f'href="{url}"') == 0

        unknown = await editor.post(f"{url}/adopt", data={"publication": "dongtai", "form": "combined"})
        assert unknown.status_code == 422 and "没有代码为“dongtai”的刊物" in alert(unknown.text)
        assert '<option value="combined" selected>' in unknown.text

        done = await editor.post(f"{url}/adopt", data={"publication": "county-xinxi", "form": "excerpt",
                                                      "next": "/web/inbox?tab=adopted"})
        assert done.status_code == 303
        page = await editor.get("/web/inbox?tab=adopted")
        assert f"已采用，编入县《政务信息》{issue['county-xinxi']}。" in page.text
        after = await upcoming(editor)
        assert after["county-xinxi"] == issue["county-xinxi"], "the next adoption joins the same issue"


async def test_the_instruction_form_offers_the_leaders_rank_and_below(pages: Pages) -> None:
    await add_city_people(pages)
    url = await accepted_item(pages)
    async with pages.as_("editor") as editor:
        assert (await editor.post(f"{url}/adopt", data={"publication": "county-xinxi"})).status_code == 303
    async with pages.as_("leader") as county, pages.as_("city-leader") as city:
        county_ranks = options((await county.get("/web/leader")).text, "leader_rank")
        city_ranks = options((await city.get("/web/leader")).text, "leader_rank")
    assert county_ranks == [("county", "县级"), ("township", "乡镇")]
    assert city_ranks == [("city", "市级"), ("county", "县级"), ("township", "乡镇")]


async def test_a_refused_instruction_says_why_in_chinese_and_keeps_what_was_typed(pages: Pages) -> None:
    await add_city_people(pages)
    url = await accepted_item(pages)
    async with pages.as_("editor") as editor:
        assert (await editor.post(f"{url}/adopt", data={"publication": "county-xinxi"})).status_code == 303
    async with pages.as_("city-leader") as city:
        typed = {"leader_name": "陈市长", "leader_rank": "province", "text": "请抓紧总结推广。",
                 "feedback_due": "2030-01-15", "next": "/web/leader"}
        refused = await city.post(f"{url}/instructions", data=typed)
        assert refused.status_code == 403
        reason = alert(refused.text)
        assert reason.startswith("没有权限：本办不能录入省级领导的批示：市级单位只能录入本级及以下"), reason
        assert not ASCII_WORD.search(reason), reason
        assert ">请抓紧总结推广。</textarea>" in refused.text and 'value="2030-01-15"' in refused.text
        assert [rank for rank, _ in options(refused.text, "leader_rank")] == ["city", "county", "township"]
        leader_page = await city.get("/web/leader")
        assert "请抓紧总结推广。" not in leader_page.text, "nothing was recorded"

        done = await city.post(f"{url}/instructions", data={**typed, "leader_rank": "city"})
        assert done.status_code == 303 and done.headers["location"] == "/web/leader"
        assert "请抓紧总结推广。" in (await city.get("/web/leader")).text

"""Issue 18 on the pages (in-memory store): nothing typed is cut, each level sees the item's
state at its own level and the counts agree, the unit head's queue and sending back, the
administrator's landing page, the service's own address, the card that fills in by itself."""

from __future__ import annotations

import re

import httpx

from services.intake.domain.publications import publications_at
from services.intake.web.tests.conftest import ADMIN_PASSWORD, Pages
from shared.contracts.vocabulary import OrgLevel

BODY = (
    "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。\n\n"
    "一是设立收购点8个，覆盖全镇23个行政村。二是引入烘干设备3台，日烘干能力达到300吨。"
)
COUNTY_PUBLICATION = publications_at(OrgLevel.COUNTY)[0].code


async def draft(officer: httpx.AsyncClient, title: str, body: str = BODY) -> str:
    response = await officer.post("/web/items/new", data={"title": title, "body": body, "action": "draft"})
    assert response.status_code == 303, response.text
    return response.headers["location"].split("?")[0]


async def submitted(officer: httpx.AsyncClient, head: httpx.AsyncClient, title: str) -> str:
    url = await draft(officer, title)
    assert (await head.post(f"{url}/sign-off", data={"next": url})).status_code == 303
    return url.rsplit("/", 1)[1]


def badges(html: str, title: str) -> list[str]:
    """The state badge in the row of the item titled ``title``."""
    rows = [row for row in html.split("<tr") if title in row]
    return re.findall(r'class="badge state-([a-z_]+)"', "".join(rows))


async def test_a_text_over_the_limit_is_refused_with_the_limit_and_kept_whole(pages: Pages) -> None:
    body = "一" * 90_000
    async with pages.as_("officer") as officer:
        form = await officer.get("/web/items/new")
        assert 'maxlength="20000"' not in form.text and 'maxlength="120"' not in form.text
        too_long = {"title": "超长正文", "body": body, "action": "draft"}
        page = await officer.post("/web/items/new", data=too_long)
        assert page.status_code == 422
        assert "正文：不能超过 20,000 字（现为 90,000 字）" in page.text
        kept = re.search(r'<textarea id="body"[^>]*>(.*?)</textarea>', page.text, re.S)
        assert kept and kept.group(1) == body
        title = "题" * 121
        page = await officer.post("/web/items/new", data={"title": title, "body": BODY, "action": "draft"})
        assert page.status_code == 422 and "标题：不能超过 120 字（现为 121 字）" in page.text
        assert f'value="{title}"' in page.text
        listing = await officer.get("/web/items")
        assert "超长正文" not in listing.text and title not in listing.text


async def test_an_edit_over_the_limit_is_refused_and_the_draft_kept(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        url = await draft(officer, "原稿标题")
        refused = await officer.post(
            f"{url}/edit-draft", data={"title": "原稿标题", "body": "二" * 20_001, "next": url}
        )
        assert refused.status_code == 303
        page = await officer.get(url)
        assert "不能超过 20,000 字" in page.text and BODY.split("\n\n")[0] in page.text


async def test_the_api_names_the_field_and_the_limit(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        answer = await officer.post("/submissions", json={"title": "超长", "body": "三" * 20_001})
        assert answer.status_code == 422
        problem = answer.json()["detail"][0]
        assert problem["loc"] == ["body", "body"] and problem["ctx"] == {"max_length": 20_000}


async def test_each_level_sees_the_state_at_its_own_level_and_the_counts_agree(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("head") as head, pages.as_("editor") as editor:
        titles = [f"采用后转报 {n}" for n in range(3)]
        sids = [await submitted(officer, head, title) for title in titles]
        for n, sid in enumerate(sids):
            assert (await editor.post(f"/submissions/{sid}/screen", json={"outcome": "accepted"})).is_success
            adopted = await editor.post(f"/submissions/{sid}/adopt", json={"publication": COUNTY_PUBLICATION})
            assert adopted.is_success, adopted.text
            if n < 2:
                assert (await editor.post(f"/submissions/{sid}/forward")).is_success

        tab = await editor.get("/web/inbox?tab=adopted")
        for title in titles:
            assert badges(tab.text, title) == ["adopted"], title
        counted = re.search(r'tab=adopted"[^>]*>[^<]*<span class="count">(\d+)</span>', tab.text)
        assert counted and counted.group(1) == "3", tab.text[:3000]
        period = re.search(r"<time>(\d{4}-\d{2})", tab.text)
        assert period
        board = await editor.get(f"/web/quota?period={period.group(1)}")
        row = next(r for r in board.text.split("<tr") if "河山镇人民政府" in r)
        assert re.findall(r'<td class="num">(\d+)</td>', row)[:3] == ["3", "3", "3"], row

        forwarded = await editor.get(f"/web/items/{sids[0]}")
        assert 'class="badge state-adopted">已采用' in forwarded.text
        assert "已转报临江市人民政府办公室，在该级的状态：已报送。" in forwarded.text
        kept_here = await editor.get(f"/web/items/{sids[2]}")
        assert 'id="moved-on"' not in kept_here.text

        seen_by_county = (await editor.get(f"/submissions/{sids[0]}")).json()
        assert (seen_by_county["state"], seen_by_county["standing"]) == ("submitted", "adopted")
        assert (await officer.get(f"/submissions/{sids[0]}")).json()["standing"] == "adopted"
        listed = (await editor.get("/submissions", params={"view": "office"})).json()["items"]
        assert {i["standing"] for i in listed if i["submission_id"] in sids} == {"adopted"}

        unit = await officer.get("/web/items?state=adopted")
        for title in titles:
            assert badges(unit.text, title) == ["adopted"], title
        assert (await officer.get(f"/web/items/{sids[0]}")).text.count("state-submitted") == 0


async def test_a_draft_says_where_it_goes_not_where_it_is(pages: Pages) -> None:
    async with pages.as_("officer") as officer:
        page = await officer.get(await draft(officer, "尚在本单位"))
        assert "尚未离开本单位" in page.text
        assert "<dt>当前所在</dt>" not in page.text
        assert "<dt>报送至</dt><dd>东溪县人民政府办公室</dd>" in page.text


async def test_the_head_has_a_queue_and_sends_a_draft_back_with_the_reason(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("head") as head:
        url = await draft(officer, "待审签的信息")
        sid = url.rsplit("/", 1)[1]
        queue = await head.get("/web/signoff", follow_redirects=True)
        assert badges(queue.text, "待审签的信息") == ["awaiting_sign_off"]
        assert 'href="/web/signoff"' in queue.text

        refused = await officer.post(f"/submissions/{sid}/return-to-author", json={"reason": "自己退回"})
        assert refused.status_code == 403
        blank = await head.post(f"{url}/return-to-author", data={"reason": "  ", "next": url})
        assert blank.status_code == 303
        assert "请写明需要作者修改的地方" in (await head.get(url)).text

        sent = await head.post(f"{url}/return-to-author", data={"reason": "请补充收购价格数据", "next": url})
        assert sent.status_code == 303
        mine = await officer.get(url)
        assert 'class="badge state-returned_to_author">退回修改' in mine.text
        assert "退回修改：请补充收购价格数据" in mine.text and "张镇长" in mine.text
        queue = await head.get("/web/items?state=awaiting_sign_off")
        assert "待审签的信息" not in queue.text
        back = await officer.get("/web/items?state=returned_to_author")
        assert badges(back.text, "待审签的信息") == ["returned_to_author"]

        edited = await officer.post(
            f"{url}/edit-draft",
            data={"title": "待审签的信息", "body": BODY + "\n\n收购价每斤1.35元。", "next": url},
        )
        assert edited.status_code == 303
        queue = await head.get("/web/items?state=awaiting_sign_off")
        assert badges(queue.text, "待审签的信息") == ["awaiting_sign_off"]
        assert "请补充收购价格数据" not in (await officer.get(url)).text


async def test_an_administrator_lands_on_a_page_for_them(pages: Pages) -> None:
    async with pages.browser() as browser:
        logged = await browser.post(
            "/web/login", data={"username": "admin", "password": ADMIN_PASSWORD, "next": "/web/"}
        )
        assert logged.status_code == 303
        landing = await browser.get("/web/", follow_redirects=True)
        assert landing.status_code == 200 and str(landing.url).endswith("/web/admin")
        assert "组织与人员" in landing.text and "单位 3 个，人员 4 名" in landing.text
        row = next(r for r in landing.text.split("<tr") if "东溪县人民政府办公室" in r)
        assert "信息员、审签人" in row
        assert not any("河山镇人民政府" in r for r in landing.text.split("<tr")[1:])
    async with pages.as_("editor") as editor:
        refused = await editor.get("/web/admin")
        assert refused.status_code == 403 and "此页面仅供管理员使用。" in refused.text
        assert not re.search(r"[A-Za-z]{4,} (of|the|needs)", refused.text.split("<main")[1])


async def test_the_service_address_leads_to_the_log_in(pages: Pages) -> None:
    async with pages.browser() as browser:
        root = await browser.get("/")
        assert root.status_code == 303 and root.headers["location"] == "/web/"
        start = await browser.get("/web/")
        assert start.headers["location"].startswith("/web/login")


async def test_a_submitted_items_card_is_asked_for_until_it_is_scored(pages: Pages) -> None:
    async with pages.as_("officer") as officer, pages.as_("head") as head:
        sid = await submitted(officer, head, "等待评分")
        page = await head.get(f"/web/items/{sid}")
        assert f'data-poll-url="/web/items/{sid}/quality"' in page.text
        waiting = await head.get(f"/web/items/{sid}/quality")
        assert waiting.headers["X-Xinbao-Pending"] == "1" and "评分中" in waiting.text
        async with pages.app.state.new_uow() as uow:
            view = await uow.downstream.get(sid)
            view["score"] = {"overall": 81.0, "band": "good", "criteria": [], "revision": 0,
                             "language": "zh", "rubric_version": "t"}
            await uow.downstream.save(view)
            await uow.commit()
        scored = await head.get(f"/web/items/{sid}/quality")
        assert scored.headers["X-Xinbao-Pending"] == "0" and "81" in scored.text
        assert "data-poll-url" not in (await head.get(f"/web/items/{sid}")).text

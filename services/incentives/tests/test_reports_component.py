"""The annual assessment (JSON, Excel, Word) and the reward list, read back and checked."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from services.incentives.domain import LedgerEntry
from services.incentives.tests.conftest import ASSESSOR, Incentives
from services.incentives.tests.events import adopted, instructed, received, scored, screened, unit
from services.incentives.usecases import record_entries


async def a_year(service: Incentives) -> None:
    """hs: an excellent item adopted up to the province with a city instruction; qs: an item
    returned as inaccurate; dq: a false emergency report with serious consequences."""
    await service.send(unit("hs", name="河山镇"), unit("qs", name="青石镇"), unit("dq", name="大桥镇"))
    await service.send(received("s1", "hs", "hs.li"), scored("s1", "hs", "hs.li", "excellent"))
    await service.send(adopted("s1", "hs", "county", "county-xinxi"))
    await service.send(adopted("s1", "hs", "city", "city-xinxi"))
    await service.send(adopted("s1", "hs", "province", "province-xinxi"), instructed("s1", "hs"))
    await service.send(received("s2", "qs", "qs.wang"), screened("s2", "qs", inaccurate=True))
    await service.send(received("s3", "dq", "dq.zhao"), scored("s3", "dq", "dq.zhao"))
    async with service.app.state.deps.new_uow() as uow:  # no contract event carries this fact yet
        await record_entries(
            uow,
            [
                LedgerEntry(
                    "ops-1:urgent_false_serious:dq",
                    "dq",
                    None,
                    None,
                    "2026-10",
                    Decimal(-30),
                    Decimal(0),
                    "urgent_false_serious",
                    "county-default-2026.1",
                    "ops-1",
                    "谎报突发事件信息，造成严重后果",
                )
            ],
            cause=None,
        )
        await uow.commit()


async def test_the_assessment_grades_commends_criticises_and_names_lost_eligibility(
    service: Incentives,
) -> None:
    await a_year(service)
    report = await service.get("/assessments/2026", who=ASSESSOR)
    results = {r["unit_id"]: r for r in report["results"]}
    assert report["title"] == "2026年度政务信息工作考核结果" and report["policy_version"]
    assert (results["hs"]["rank"], results["hs"]["grade"], results["hs"]["name"]) == (1, "良好", "河山镇")
    assert [c["unit_id"] for c in report["advanced_units"]] == ["hs"]
    assert (
        report["outstanding_officers"][0] | {"name": "作者hs.li", "unit_name": "河山镇"}
        == (report["outstanding_officers"][0])
    )
    assert {c["unit_id"]: c["reasons"] for c in report["criticised"]}["qs"] == ["报送信息不准确（1次）"]
    [lost] = report["eligibility_losses"]
    assert lost["unit_id"] == "dq" and "谎报" in lost["reasons"][0] and not results["dq"]["eligible"]


async def test_the_workbook_lists_results_commendations_and_criticism(service: Incentives) -> None:
    await a_year(service)
    response = await service.client.get("/assessments/2026.xlsx", auth=service.as_(ASSESSOR))
    assert response.status_code == 200 and "spreadsheetml" in response.headers["content-type"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["考核结果", "先进单位", "优秀信息员", "通报批评", "取消评先资格"]
    results = book["考核结果"]
    assert "2026年度政务信息工作考核结果" in results["A1"].value
    header = [c.value for c in results[4]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in results.iter_rows(min_row=5)]
    assert {r["单位"] for r in rows} == {"河山镇", "青石镇", "大桥镇"}
    hs = next(r for r in rows if r["单位编号"] == "hs")
    assert hs["名次"] == 1 and hs["等次"] == "良好" and hs["评先资格"] == "是" and hs["得分"] > 100
    assert book["先进单位"]["B5"].value == "河山镇"
    assert book["优秀信息员"]["B5"].value == "作者hs.li"
    assert book["通报批评"]["B5"].value == "青石镇" and "不准确" in book["通报批评"]["D5"].value
    assert book["取消评先资格"]["B5"].value == "大桥镇"


async def test_the_word_bulletin_has_a_title_block_and_tables(service: Incentives) -> None:
    await a_year(service)
    response = await service.client.get("/assessments/2026.docx", auth=service.as_(ASSESSOR))
    assert response.status_code == 200 and "wordprocessingml" in response.headers["content-type"]
    doc = Document(BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "政务信息工作通报" and "2026年度政务信息工作考核结果通报" in paragraphs[1:3]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", paragraphs[1].strip())  # dated on the service's clock
    sections = ["一、考核结果", "二、先进单位", "三、优秀信息员", "四、通报批评", "五、取消评先资格"]
    assert set(sections) <= set(paragraphs)
    results, advanced, officers, criticised, lost, colophon = doc.tables
    assert [c.text for c in results.rows[0].cells] == ["组别", "名次", "单位", "得分", "信息条数", "等次"]
    assert {row.cells[2].text for row in results.rows[1:]} == {"河山镇", "青石镇", "大桥镇"}
    assert advanced.rows[1].cells[1].text == "河山镇" and officers.rows[1].cells[1].text == "作者hs.li"
    assert criticised.rows[1].cells[1].text == "青石镇" and lost.rows[1].cells[1].text == "大桥镇"
    assert colophon.rows[-1].cells[0].text.endswith("日印发")


async def test_a_year_is_four_digits(service: Incentives) -> None:
    assert (await service.client.get("/assessments/26")).status_code == 422
    assert (await service.client.get("/assessments/2026.pdf")).status_code == 422


async def test_the_reward_list_pays_units_and_officers_within_the_budget(service: Incentives) -> None:
    await a_year(service)
    rewards = await service.get("/rewards", who=ASSESSOR, period="2026-10")
    units = {row["subject_id"]: row for row in rewards["units"]}
    assert set(units) == {"hs"} and units["hs"]["name"] == "河山镇"
    assert Decimal(units["hs"]["money"]) == Decimal("500.00")  # city 100, province 300, instruction 100
    assert {line["rule"] for line in units["hs"]["lines"]} == {"adoption", "instruction"}
    assert all(line["reason"] and line["submission_id"] == "s1" for line in units["hs"]["lines"])
    [officer] = rewards["people"]
    assert officer["subject_id"] == "hs.li" and officer["name"] == "作者hs.li"
    assert rewards["budget_period"] == "2026" and Decimal(rewards["budget"]) == Decimal("50000.00")
    assert Decimal(rewards["remaining"]) == Decimal("49500.00") and Decimal(rewards["total"]) == 500
    assert (await service.get("/rewards", who=ASSESSOR, period="2026-11"))["units"] == []

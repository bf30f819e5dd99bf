"""Bulk import and export of the org tree and people: every row checked, all or nothing."""

from __future__ import annotations

import io

import openpyxl

from services.intake.tests.conftest import IntakeHarness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNITS_CSV = (
    "unit_id,name,level,kind,parent_id,unit_class\n"
    "xc-nyb,新村镇农业办,township,department,xc,IV\n"  # child before its parent: fine
    "xc,新村镇人民政府,township,government,dx,III\n"
)


def xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_units_import_from_csv_parents_first_with_their_events(intake: IntakeHarness) -> None:
    files = {"file": ("units.csv", ("\ufeff" + UNITS_CSV).encode(), "text/csv")}
    report = await intake.ok("POST", "/org/units/import", as_="county-admin", files=files)
    assert report == {"imported": 2, "unit_ids": ["xc", "xc-nyb"]}
    registered = [e["unit_id"] for e in await intake.published() if e["type"] == "UnitRegistered"]
    assert registered[-2:] == ["xc", "xc-nyb"]
    unit = await intake.ok("GET", "/units/xc-nyb", as_="officer")
    assert unit["reports_to"] == "xc" and unit["unit_class"] == "IV"


async def test_one_bad_row_names_every_problem_and_imports_nothing(intake: IntakeHarness) -> None:
    table = UNITS_CSV + (
        "bad.id,,county,government,dx,I\nfar,某局,city,department,lj,I\nxc,重复,township,,dx,\n"
    )
    files = {"file": ("units.csv", table.encode(), "text/csv")}
    response = await intake.call("POST", "/org/units/import", as_="county-admin", files=files)
    assert response.status_code == 422
    errors = {(e["row"], e["column"]) for e in response.json()["errors"]}
    assert errors == {(4, "unit_id"), (4, "name"), (5, "parent_id"), (6, "unit_id")}
    assert "nothing was imported" in response.json()["detail"]
    assert (await intake.call("GET", "/units/xc", as_="officer")).status_code == 404


async def test_people_import_from_excel_with_one_shared_initial_password(intake: IntakeHarness) -> None:
    table = xlsx([
        ["person_id", "name", "unit_id", "roles", "password"],
        ["hs.a", "甲", "hs", "officer", "initial-pw-1"],
        ["hs.b", "乙", "hs", "officer、unit_head", "initial-pw-1"],
        ["hs.c", "丙", "hs", "officer", ""],
    ])
    files = {"file": ("people.xlsx", table, XLSX)}
    report = await intake.ok("POST", "/org/people/import", as_="county-admin", files=files)
    assert report["imported"] == 3 and list(report["generated_passwords"]) == ["hs.c"]
    await intake.login("hs.b", "initial-pw-1")
    await intake.login("hs.c", report["generated_passwords"]["hs.c"])
    me = await intake.client.get("/auth/me")
    assert me.json()["roles"] == ["officer"]


async def test_people_outside_the_admin_s_part_of_the_tree_are_row_errors(intake: IntakeHarness) -> None:
    table = "person_id,name,unit_id,roles,password\nlj.x,某,lj,officer,initial-pw-1\nhs.y,某,hs,boss,short\n"
    files = {"file": ("people.csv", table.encode(), "text/csv")}
    response = await intake.call("POST", "/org/people/import", as_="county-admin", files=files)
    errors = {(e["row"], e["column"]) for e in response.json()["errors"]}
    assert errors == {(2, "unit_id"), (3, "roles"), (3, "password")}
    await intake.refused("POST", "/org/people/import", as_="county-editor", files=files,
                         status=422)


async def test_export_gives_the_admin_s_subtree_as_csv_or_excel(intake: IntakeHarness) -> None:
    response = await intake.call("GET", "/org/units/export", as_="county-admin", params={"format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "unit_id,name,level,kind,parent_id,unit_class"
    assert {line.split(",")[0] for line in lines[1:]} == {"dx", "hs", "ls"}
    response = await intake.call("GET", "/org/people/export", as_="county-admin")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("person_id", "name", "unit_id", "roles")
    assert ("officer", "李明", "hs", "officer") in rows
    assert not any(row[2] == "lj" for row in rows)
    await intake.refused("GET", "/org/units/export", as_="county-editor")


async def test_an_exported_table_imports_back_unchanged(intake: IntakeHarness) -> None:
    exported = (await intake.call("GET", "/org/units/export", as_="admin")).content
    files = {"file": ("units.xlsx", exported, XLSX)}
    report = await intake.ok("POST", "/org/units/import", as_="admin", files=files)
    assert report["unit_ids"][:2] == ["jn", "lj"] and report["imported"] == 5

"""Issue 17: each wrong fact users found in the demo bulletins, reproduced through the events
and the published bulletin (read back from its HTML as a person reads it)."""

from __future__ import annotations

import re

from services.notify.tests.bulletin_world import Read, World, published
from services.notify.tests.harness import Notify

NOT_SUBMITTED = "未按要求报送信息"


def province_and_city() -> World:
    return (
        World()
        .unit("jn", "江南省人民政府办公厅", "province", None)
        .unit("lj", "临江市人民政府办公室", "city", "jn")
    )


def city_with_two_districts() -> World:
    """江北区's bureau has an item adopted up to the province; 松山县's town one adopted in the
    city's 专报; neither district's own office wrote anything, nor did the city's bureau."""
    world = (
        province_and_city()
        .unit("jb", "江北区人民政府办公室", "county", "lj")
        .unit("jb-scj", "江北区市场监督管理局", "county", "jb", "II")
        .unit("ss", "松山县人民政府办公室", "county", "lj", "II")
        .unit("ss-hx", "松山县红溪镇人民政府", "township", "ss", "IV")
        .unit("lj-rsj", "临江市人力资源和社会保障局", "city", "lj", "III")
    )
    world.item("scj1", "jb-scj").adopt("scj1", "jb-scj", "jb", "county-yaoqing")
    world.adopt("scj1", "jb-scj", "lj", "city-zhuanbao").adopt("scj1", "jb-scj", "jn", "province-xinxi")
    world.item("hx1", "ss-hx").adopt("hx1", "ss-hx", "ss", "county-yaoqing")
    world.adopt("hx1", "ss-hx", "lj", "city-zhuanbao")
    return world.points("jb-scj", "210").points("ss-hx", "112")


def county_of_four() -> World:
    """The demo county: a town adopted by the county and the city, a bureau adopted by the
    county, a bureau whose near copy was filed for reference (1 quality point), a township
    whose poor item was returned (0 points); four units in three classes."""
    world = (
        province_and_city()
        .unit("dx", "东溪县人民政府办公室", "county", "lj")
        .unit("dx-qs", "东溪县青石镇人民政府", "township", "dx", "III")
        .unit("dx-lt", "东溪县柳塘乡人民政府", "township", "dx", "IV")
        .unit("dx-nyj", "东溪县农业农村局", "county", "dx", "II")
        .unit("dx-jyj", "东溪县教育局", "county", "dx", "III")
    )
    world.item("qs1", "dx-qs").adopt("qs1", "dx-qs", "dx", "county-xinxi")
    world.adopt("qs1", "dx-qs", "lj", "city-xinxi", "combined")
    world.item("jy1", "dx-jyj").adopt("jy1", "dx-jyj", "dx", "county-xinxi", "excerpt")
    world.item("ny1", "dx-nyj", band="fair").screen("ny1", "dx-nyj", "filed_for_reference")
    world.item("lt1", "dx-lt", band="poor").screen("lt1", "dx-lt", "returned")
    world.points("dx-qs", "2", "quality.good").points("dx-qs", "10").points("dx-qs", "20")
    world.points("dx-jyj", "2", "quality.good").points("dx-jyj", "5").points("dx-nyj", "1", "quality.fair")
    return world


def adopted_total(read: Read) -> int:
    found = re.search(r"被各级采用(\d+)条", read.text)
    assert found, read.text
    return int(found.group(1))


async def test_a_district_whose_townships_and_bureaus_submitted_is_not_criticised_for_not_submitting(
    notify: Notify,
) -> None:
    await city_with_two_districts().send_to(notify)
    read = await published(notify, "lj")
    criticised = " ".join(p for p in read.paragraphs if NOT_SUBMITTED in p)
    assert "江北区人民政府办公室" not in criticised and "松山县人民政府办公室" not in criticised
    assert "临江市人力资源和社会保障局" in criticised  # nothing came from its subtree
    assert read.row_of("江北区人民政府办公室")[3:5] == ("1", "1")  # its bureau's item, adopted
    assert read.row_of("松山县人民政府办公室")[3:5] == ("1", "1")


async def test_a_unit_with_no_adoption_is_not_commended(notify: Notify) -> None:
    await county_of_four().send_to(notify)
    read = await published(notify, "dx")
    commended = [p for p in read.paragraphs if re.match(r"\d+\. ", p)]
    assert commended and not any("东溪县农业农村局" in p for p in commended)
    assert all(int(n) >= 1 for p in commended for n in re.findall(r"被采用信息(\d+)条", p))


async def test_a_unit_with_no_points_is_not_named_among_the_top_three(notify: Notify) -> None:
    await county_of_four().send_to(notify)
    read = await published(notify, "dx")
    tops = [p for p in read.paragraphs if "前3名" in p]
    assert tops and not any("柳塘乡" in p for p in tops)
    assert not any("（0分）" in p for p in tops)


async def test_first_places_of_different_classes_are_not_shown_as_one_ranking(notify: Notify) -> None:
    await county_of_four().send_to(notify)
    read = await published(notify, "dx")
    scores = [t for t in read.tables if t.header[:2] == ("名次", "单位")]
    for table in scores:
        firsts = [row for row in table.rows if row[0] == "1"]
        assert len({row[5] for row in firsts}) == 1, f"{table.caption}: first places with different scores"
        assert len({row[2] for row in table.rows}) == 1, f"{table.caption}: several classes in one ranking"
    assert {row[1] for row in read.score_rows()} == {
        "东溪县青石镇人民政府",
        "东溪县柳塘乡人民政府",
        "东溪县农业农村局",
        "东溪县教育局",
    }


async def test_an_item_adopted_by_three_publications_counts_once_against_what_was_submitted(
    notify: Notify,
) -> None:
    world = county_of_four()
    world.item("qs2", "dx-qs").adopt("qs1", "dx-qs", "lj", "city-zhuanbao")
    await world.send_to(notify)
    read = await published(notify, "dx")
    submitted, adopted = read.row_of("东溪县青石镇人民政府")[3:5]
    assert (submitted, adopted) == ("2", "1")
    assert all(int(row[3]) >= int(row[4]) for row in read.score_rows())


async def test_the_list_of_adopted_items_holds_what_the_text_counts(notify: Notify) -> None:
    await county_of_four().send_to(notify)
    read = await published(notify, "dx")
    items = read.item_rows()
    assert adopted_total(read) == len(items) == 2
    assert sum(int(row[4]) for row in read.score_rows()) == len(items)
    assert {row[1] for row in items} == {"信息qs1", "信息jy1"}
    assert "市级1条次、县级2条次" in read.text


async def test_publications_are_named_not_coded(notify: Notify) -> None:
    world = county_of_four()
    world.item("jy2", "dx-jyj").adopt("jy2", "dx-jyj", "dx", "dx-weekly")
    await world.send_to(notify)
    read = await published(notify, "dx")
    cells = {row[1]: row[3] for row in read.item_rows()}
    assert cells["信息qs1"] == "县《政务信息》（单篇）、市《政务信息》（综合）"
    assert cells["信息jy2"] == "dx-weekly（单篇）"  # not in the catalogue: shown as its code
    assert "city-xinxi" not in read.text + str(read.tables)


async def test_an_english_bulletin_names_publications_and_levels_in_english(notify: Notify) -> None:
    await county_of_four().send_to(notify)
    read = await published(notify, "dx", language="en")
    rows = [r for t in read.tables if t.header[:2] == ("No.", "Title") for r in t.rows]
    first = next(r for r in rows if r[1] == "信息qs1")
    assert first[3:] == (
        "County Government Information (full text), City Government Information (combined)",
        "city",
    )

"""Issue 17: the author and the unit's main leader read the publication's name, not its code."""

from __future__ import annotations

from services.notify.domain.messages import ItemFacts, adopted_message, leader_adoption_message

ITEM = ItemFacts("s1", "officer", "hs", "秋粮收购进度过九成", "zh")


def test_the_author_reads_the_publications_name_in_each_language() -> None:
    message = adopted_message(ITEM, "city-xinxi", "city")
    assert "《政务信息》" in message.texts["zh"][1] and "city-xinxi" not in message.texts["zh"][1]
    assert "City Government Information" in message.texts["en"][1]


def test_the_main_leader_reads_the_provincial_publications_name() -> None:
    notice = leader_adoption_message(ITEM, "chief", "河山镇", "province-xinxi", "province")
    assert notice is not None
    assert "province-xinxi" not in notice.texts["zh"][1] + notice.texts["en"][1]
    assert "Provincial Government Information" in notice.texts["en"][1]


def test_a_code_the_catalogue_does_not_know_is_shown_as_it_is() -> None:
    assert "《dx-weekly》" in adopted_message(ITEM, "dx-weekly", "county").texts["zh"][1]

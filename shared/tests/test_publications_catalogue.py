"""The publication catalogue, defined once: names in each language, an unknown code as it is."""

from __future__ import annotations

from shared.contracts.publications import CATALOGUE, publication_name, publication_named
from shared.contracts.vocabulary import OrgLevel


def test_a_code_is_named_in_the_readers_language() -> None:
    assert publication_name("city-xinxi") == "市《政务信息》"
    assert publication_name("city-xinxi", "en") == "City Government Information"
    assert publication_name("province-xinxi", "zh") == "省政府办公厅《政务信息》"


def test_a_code_not_in_the_catalogue_is_shown_as_it_is() -> None:
    assert publication_name("dx-weekly") == "dx-weekly"
    assert publication_name("dx-weekly", "en") == "dx-weekly"
    assert publication_named("dx-weekly") is None


def test_codes_are_unique_and_each_names_a_level_and_a_masthead() -> None:
    assert len({p.code for p in CATALOGUE}) == len(CATALOGUE)
    assert {p.level for p in CATALOGUE} == {OrgLevel.COUNTY, OrgLevel.CITY, OrgLevel.PROVINCE}
    assert publication_named("city-zhuanbao").masthead == "专报"  # type: ignore[union-attr]

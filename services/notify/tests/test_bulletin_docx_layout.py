"""The bulletin's .docx printed as its reader prints it (LibreOffice), measured against GB/T 9704."""

from __future__ import annotations

import pytest

from services.notify.bulletins import render_docx
from services.notify.bulletins.samples import sample_city_bulletin, sample_english_bulletin
from shared.documents import GBT9704, proof


def printed_as(content: bytes, factory: pytest.TempPathFactory, name: str) -> proof.Proof:
    if reason := proof.unavailable():
        pytest.skip(reason)
    return proof.proof_docx(content, factory.mktemp(name))


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> proof.Proof:
    return printed_as(render_docx(sample_city_bulletin()), tmp_path_factory, "city")


def test_the_printed_bulletin_keeps_to_the_type_area_with_numbers_outside_and_the_colophon_last(
    city: proof.Proof,
) -> None:
    assert len(city.pages) >= 3
    assert proof.layout_problems(city) == []
    assert "清江市人民政府办公室2026年12月5日印发" in city.pages[-1].text


def test_the_printed_masthead_and_rule_are_red_and_span_the_type_area(city: proof.Proof) -> None:
    left, top, right, _ = GBT9704.type_area_pt()
    box = city.red_box(1)
    assert box is not None
    assert top <= box[1] < top + 40 and abs(box[0] - left) < 3 and abs(box[2] - right) < 3


def test_the_english_bulletin_has_the_same_page_without_a_chinese_colophon(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    english = printed_as(render_docx(sample_english_bulletin()), tmp_path_factory, "english")
    assert proof.layout_problems(english, colophon=False) == []
    assert not any("印发" in page.text for page in english.pages)

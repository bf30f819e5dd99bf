"""The work shared across criteria gives what each criterion used to compute for itself.

Each test compares a shared or faster path with the straightforward one it replaced: the
item's restricted background space, the paragraph sizes measured once, the SimHash bit count
and the stock phrases found before facts are sought.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.scoring.corpus import load_corpus
from services.scoring.domain import load_rubric, simhash
from services.scoring.domain.background import background_space
from services.scoring.domain.facts import examine
from services.scoring.domain.simhash import FINGERPRINT_BITS, _codes, _shingle_hashes
from services.scoring.domain.text import ParsedItem, measure, parse_item

RUBRIC = load_rubric()
CORPUS = load_corpus()


def _parsed(title: str, body: str, language: str) -> ParsedItem:
    return parse_item(title, body, language, RUBRIC.languages[language])


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_the_items_space_weighs_its_terms_as_the_background_does(item) -> None:  # type: ignore[no-untyped-def]
    parsed = _parsed(item.title, item.body, item.language)
    full, own = background_space(item.language), parsed.space
    assert parsed.body_terms == frozenset().union(*(s.terms for s in parsed.sentences))
    title = full.vector(parsed.title_terms)
    for sentence in parsed.sentences:
        assert own.vector(sentence.terms).norm == pytest.approx(full.vector(sentence.terms).norm, rel=1e-12)
        assert own.cosine(own.vector(parsed.title_terms), own.vector(sentence.terms)) == pytest.approx(
            full.cosine(title, full.vector(sentence.terms)), rel=1e-12, abs=1e-15
        )


def test_english_has_no_background_table_so_its_space_is_shared() -> None:
    parsed = _parsed("Potholes fixed faster", "Crews fixed 120 potholes in May.", "en")
    assert parsed.space is background_space("en")


_WHITESPACE_AND_TEXT = st.lists(
    st.sampled_from(
        ["秸秆", "综合利用", "，", "。", "2026年", "abc", "Mr Smith's", " ", "\n", "\n\n", "\t", "\u3000"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=_WHITESPACE_AND_TEXT, language=st.sampled_from(["zh", "en"]))
def test_paragraph_sizes_add_up_to_the_bodys_measure(body: str, language: str) -> None:
    parsed = _parsed("标题", body, language)
    assert parsed.size == measure(body, language)
    assert [p.size for p in parsed.paragraphs] == [measure(p.text, language) for p in parsed.paragraphs]


def _simhash_by_translating_columns(text: str) -> int:
    """The bit count SimHash used before: each byte column translated to 0/1 and counted."""
    from services.scoring.domain.language import detect_language

    codes = _codes(text, detect_language(text))
    if not codes:
        return 0
    codes += b"\0" * 4 * max(0, 3 - len(codes) // 4)
    shingles = len(codes) // 4 - 2
    hashes = _shingle_hashes(codes, shingles).to_bytes(shingles * 16, "little")
    tables = [bytes((value >> bit) & 1 for value in range(256)) for bit in range(8)]
    fingerprint = 0
    for byte in range(FINGERPRINT_BITS // 8):
        column = hashes[byte::16]
        for bit, only_this_bit in enumerate(tables):
            if column.translate(only_this_bit).count(1) * 2 > shingles:
                fingerprint |= 1 << (byte * 8 + bit)
    return fingerprint


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300) | _WHITESPACE_AND_TEXT)
def test_simhash_counts_bits_as_before(text: str) -> None:
    assert simhash(text) == _simhash_by_translating_columns(text)


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_corpus_fingerprints_are_unchanged(item) -> None:  # type: ignore[no-untyped-def]
    assert simhash(item.body) == _simhash_by_translating_columns(item.body)


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_stock_phrases_are_those_blanked_out_before_facts(item) -> None:  # type: ignore[no-untyped-def]
    profile = RUBRIC.languages[item.language]
    pattern: re.Pattern[str] = profile.phrases["officialese"].pattern
    for sentence in _parsed(item.title, item.body, item.language).sentences:
        assert examine(sentence.text, item.language, profile)[1] == _blanked(pattern, sentence.text)


def _blanked(pattern: re.Pattern[str], text: str) -> list[str]:
    """The phrases ``pattern.sub`` replaces, recorded by its callback (the old path)."""
    found: list[str] = []

    def record(match: re.Match[str]) -> str:
        found.append(match.group(0))
        return " "

    pattern.sub(record, text)
    return found

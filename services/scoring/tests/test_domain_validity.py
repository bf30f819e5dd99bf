"""Validity on the labelled corpus: every original outranks each of its degraded variants."""

import pytest

from services.scoring.corpus import CorpusItem, load_corpus
from services.scoring.corpus.degrade import VARIANTS, degrade
from services.scoring.corpus.validity import as_item_text
from services.scoring.domain import load_rubric, score_item

RUBRIC = load_rubric()
CORPUS = load_corpus()


def test_corpus_has_chinese_and_english_items_with_sources() -> None:
    languages = [item.language for item in CORPUS]
    assert languages.count("zh") >= 10 and languages.count("en") >= 6
    assert all(item.source.get("modelled_on") and item.source.get("url") for item in CORPUS)


@pytest.mark.parametrize("variant", VARIANTS)
def test_degradation_is_deterministic_and_changes_the_item(variant: str) -> None:
    for item in CORPUS:
        first, second = degrade(item, variant, CORPUS), degrade(item, variant, CORPUS)
        assert first == second
        assert first != item


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_original_outranks_its_degraded_variant(item: CorpusItem, variant: str) -> None:
    original = score_item(as_item_text(item), RUBRIC).overall
    degraded = score_item(as_item_text(degrade(item, variant, CORPUS)), RUBRIC).overall
    assert original > degraded, f"{item.id} {variant}: {original} <= {degraded}"

"""Validity of the quality rubric on the labelled corpus, against a length-only baseline.

Run from the repository root:  PYTHONPATH=. .venv/bin/python bench/scoring_validity.py

For every corpus item and every degradation (no_data, title_swap, officialese, shuffled) a
pair counts as right when the original scores strictly higher than its degraded variant, and
as half right on a tie (the baseline ties whenever the length does not change).
Prints pairwise accuracy per variant and per language for the rubric and for the baseline
(a longer body is better), the rubric's margins, which criteria moved, and how well the theme
criterion names a paragraph borrowed from an unrelated item.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.scoring.corpus import CorpusItem, load_corpus
from services.scoring.corpus.degrade import VARIANTS, with_foreign_paragraph
from services.scoring.corpus.validity import (
    Pair,
    accuracy,
    as_item_text,
    criterion_deltas,
    length_scorer,
    pairs,
    rubric_scorer,
)
from services.scoring.domain import CRITERIA, Rubric, ScoreCard, load_rubric, score_item

LANGUAGES = ("zh", "en")


def accuracy_table(title: str, found: Sequence[Pair]) -> None:
    ties = sum(p.original == p.degraded for p in found)
    print(f"\n{title}: pairwise accuracy (original above its variant; ties count half: {ties})")
    print(f"  {'variant':12s} {'all':>6s} {'zh':>6s} {'en':>6s}")
    for variant in (*VARIANTS, None):
        cells = [accuracy(found, variant=variant, language=lang) for lang in (None, *LANGUAGES)]
        name = variant or "all"
        print(f"  {name:12s} " + " ".join(f"{cell:6.1%}" for cell in cells))


def margins(found: Sequence[Pair]) -> None:
    print("\nrubric margins (original - variant, overall points)")
    for variant in VARIANTS:
        gaps = [p.original - p.degraded for p in found if p.variant == variant]
        print(
            f"  {variant:12s} mean {statistics.mean(gaps):5.1f}  min {min(gaps):5.1f}  max {max(gaps):5.1f}"
        )


def moved_criteria(rubric: Rubric, corpus: Sequence[CorpusItem]) -> None:
    print("\nmean criterion change from original to variant (sub-score points)")
    print(f"  {'variant':12s} " + " ".join(f"{c[:9]:>9s}" for c in CRITERIA))
    for variant in VARIANTS:
        deltas = [criterion_deltas(rubric, item, variant, corpus) for item in corpus]
        means = [statistics.mean(d[c] for d in deltas) for c in CRITERIA]
        print(f"  {variant:12s} " + " ".join(f"{m:9.1f}" for m in means))
    print("  (timeliness: a variant without dates is neutral and not counted in the overall)")


def off_theme_detection(rubric: Rubric, corpus: Sequence[CorpusItem]) -> None:
    print("\ntheme: paragraphs named off-theme")
    for language in LANGUAGES:
        items = [item for item in corpus if item.language == language]
        genuine = named = inserted = 0
        for item in items:
            card = score_item(as_item_text(item), rubric)
            genuine += len(_off_theme(card))
            degraded = with_foreign_paragraph(item, corpus)
            named += "paragraph 3" in _off_theme(score_item(as_item_text(degraded), rubric))
            inserted += 1
        paragraphs = sum(len(item.body.split("\n\n")) for item in items)
        print(
            f"  {language}: inserted foreign paragraph named in {named}/{inserted} items; "
            f"genuine paragraphs named {genuine}/{paragraphs}"
        )


def _off_theme(card: ScoreCard) -> list[str]:
    theme = next(c for c in card.criteria if c.criterion == "theme")
    return [s.location for s in theme.suggestions]


def main() -> None:
    rubric = load_rubric()
    corpus = load_corpus()
    counts = {lang: sum(item.language == lang for item in corpus) for lang in LANGUAGES}
    print(f"corpus: {len(corpus)} items ({counts['zh']} zh, {counts['en']} en), rubric {rubric.version}")
    found = pairs(rubric_scorer(rubric), corpus)
    accuracy_table("rubric", found)
    accuracy_table("baseline (length alone)", pairs(length_scorer, corpus))
    margins(found)
    moved_criteria(rubric, corpus)
    off_theme_detection(rubric, corpus)


if __name__ == "__main__":
    main()

"""Scoring throughput on one core: ~1,000-character Chinese items and English items.

Run from the repository root:  PYTHONPATH=. .venv/bin/python bench/scoring_speed.py [--items N]

Prints items per second (best and median of five rounds, by wall clock and by process CPU
time; the CPU figure is steadier on a busy machine), the one-off warm-up (rubric, jieba and
background IDF loading), and peak memory: Python allocations while scoring (tracemalloc) and
the process's peak resident set size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.scoring.corpus import CorpusItem, load_corpus
from services.scoring.domain import ItemText, Rubric, load_rubric, score_item

CHINESE_LENGTH = 1000
ROUNDS = 5  # the best round is the machine's capacity; the median shows the noise around it


def chinese_items(corpus: Sequence[CorpusItem]) -> list[ItemText]:
    """Each Chinese corpus item padded to ~1,000 characters with paragraphs of the others."""
    chinese = [item for item in corpus if item.language == "zh"]
    items = []
    for index, item in enumerate(chinese):
        paragraphs = item.body.split("\n\n")
        donor = index
        while len("".join(paragraphs)) < CHINESE_LENGTH:
            donor = (donor + 1) % len(chinese)
            paragraphs.insert(-1, chinese[donor].body.split("\n\n")[1])
        body = "\n\n".join(paragraphs)
        items.append(ItemText(item.title, body, item.category, "zh", item.submitted_at))
    return items


def english_items(corpus: Sequence[CorpusItem]) -> list[ItemText]:
    return [
        ItemText(item.title, item.body, item.category, "en", item.submitted_at)
        for item in corpus
        if item.language == "en"
    ]


def throughput(items: Sequence[ItemText], rubric: Rubric, total: int) -> list[tuple[float, float]]:
    """(items per wall-clock second, items per CPU second) of each of ``ROUNDS`` rounds
    that together score ``total`` items."""
    batch = [items[i % len(items)] for i in range(max(1, total // ROUNDS))]
    rates = []
    for _ in range(ROUNDS):
        wall, cpu = time.perf_counter(), time.process_time()
        for item in batch:
            score_item(item, rubric)
        rates.append((len(batch) / (time.perf_counter() - wall), len(batch) / (time.process_time() - cpu)))
    return rates


def peak_traced_mib(items: Sequence[ItemText], rubric: Rubric) -> float:
    tracemalloc.start()
    for item in items:
        score_item(item, rubric)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000, help="scorings per language")
    args = parser.parse_args()
    corpus = load_corpus()
    started = time.perf_counter()
    rubric = load_rubric()
    chinese, english = chinese_items(corpus), english_items(corpus)
    score_item(chinese[0], rubric)
    score_item(english[0], rubric)
    warm_up = time.perf_counter() - started
    print(f"warm-up (rubric, jieba, background IDF, first items): {warm_up:.2f} s")
    for name, items in (("zh", chinese), ("en", english)):
        mean_chars = sum(len(item.body) for item in items) / len(items)
        mean_words = sum(len(item.body.split()) for item in items) / len(items)
        rates = throughput(items, rubric, args.items)
        best_wall, best_cpu = max(rate[0] for rate in rates), max(rate[1] for rate in rates)
        median_wall = statistics.median(rate[0] for rate in rates)
        size = f"{mean_chars:.0f} chars" + ("" if name == "zh" else f", {mean_words:.0f} words")
        print(
            f"{name}: best {best_wall:6.1f} items/s wall ({best_cpu:6.1f} CPU), "
            f"median {median_wall:6.1f} wall  [{args.items} items in {ROUNDS} rounds, {size}]"
        )
    traced = peak_traced_mib(chinese + english, rubric)
    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak Python allocations while scoring (tracemalloc): {traced:.1f} MiB")
    print(f"peak resident set size of the process: {max_rss_mib:.1f} MiB")


if __name__ == "__main__":
    main()

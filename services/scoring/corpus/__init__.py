"""The labelled validity corpus: real-style information items and their degraded variants.

``load_corpus()`` reads items_zh.yaml and items_en.yaml; ``degrade.VARIANTS`` names the
deterministic degradations every original must outrank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).resolve().parent
CORPUS_FILES = ("items_zh.yaml", "items_en.yaml")


@dataclass(frozen=True)
class CorpusItem:
    id: str
    language: str
    category: str
    title: str
    body: str
    submitted_at: datetime
    source: dict[str, str]


def load_corpus(directory: Path = CORPUS_DIR) -> list[CorpusItem]:
    """Every corpus item, Chinese first, in file order."""
    items = []
    for name in CORPUS_FILES:
        for entry in yaml.safe_load((directory / name).read_text(encoding="utf-8")):
            items.append(
                CorpusItem(
                    id=entry["id"],
                    language=entry["language"],
                    category=entry["category"],
                    title=entry["title"].strip(),
                    body=entry["body"].strip(),
                    submitted_at=datetime.fromisoformat(entry["submitted_at"]),
                    source=dict(entry["source"]),
                )
            )
    return items


__all__ = ["CORPUS_DIR", "CorpusItem", "load_corpus"]

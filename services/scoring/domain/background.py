"""Background IDF for topical similarity, loaded once and cached.

Within one short item, IDF taken over its own paragraphs down-weights exactly the terms that
recur because they are the theme. So the theme criterion weighs Chinese bigrams by how rare
they are in general Chinese: the two-character words of jieba's dictionary, whose counts come
from a large general corpus. Bigrams not in the dictionary are mostly spans across two words;
weighing them as the rarest words would let them swamp the real ones, so they weigh as a
moderately rare word. English has no such table here: words weigh the same, after
stop words are removed.
"""

from __future__ import annotations

import math
from functools import lru_cache

from services.scoring.domain.similarity import WeightedSpace


def background_space(language: str) -> WeightedSpace:
    """The fixed-weight space for ``language`` (built on first use, then shared)."""
    return _chinese_space() if language == "zh" else _UNIFORM


_UNIFORM = WeightedSpace({})
_UNSEEN_AS_COUNT = 100  # a bigram missing from the dictionary weighs as a moderately rare word


@lru_cache(maxsize=1)
def _chinese_space() -> WeightedSpace:
    counts, total = _two_character_word_counts()
    squared = {word: math.log(total / (count + 1)) ** 2 for word, count in counts.items()}
    return WeightedSpace(squared, default=math.log(total / _UNSEEN_AS_COUNT) ** 2)


def _two_character_word_counts() -> tuple[dict[str, int], int]:
    import jieba

    counts: dict[str, int] = {}
    total = 0
    with jieba.get_dict_file() as dictionary:
        for line in dictionary:
            word, count, *_ = line.decode("utf-8").split()
            total += int(count)
            if len(word) == 2:
                counts[word] = int(count)
    return counts, total

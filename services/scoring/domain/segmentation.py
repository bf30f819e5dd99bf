"""Terms for similarity: character bigrams for Chinese, light-stemmed words for English.

Character bigrams, weighed by background IDF (background.py), measure topical overlap in
Chinese about as well as dictionary words and are many times faster than jieba; jieba is used
only on titles, where its words make readable evidence ("key terms of the title"), and is
loaded once, lazily and quietly.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:[.,]\d+)*%?")


def chinese_terms(text: str, stop_characters: frozenset[str]) -> list[str]:
    """Overlapping bigrams of CJK characters that are not function characters, plus Latin
    words of three or more letters, lower-cased. Numbers are left out: neighbouring passages
    rarely repeat them, and short ones (days, months) match by accident."""
    terms: list[str] = _content_bigrams(stop_characters).findall(text)
    if _LATIN_WORD.search(text):
        terms.extend(word.lower() for word in _LATIN_WORD.findall(text))
    return terms


@lru_cache(maxsize=8)
def _content_bigrams(stop_characters: frozenset[str]) -> re.Pattern[str]:
    """Every overlapping pair of content characters, in one C-level scan (a lookahead)."""
    excluded = "".join(re.escape(char) for char in sorted(stop_characters))
    content = rf"[^\W\d_A-Za-z{excluded}]"
    return re.compile(f"(?=({content}{content}))")


def english_terms(text: str, stopwords: frozenset[str]) -> list[str]:
    """Lower-cased, lightly stemmed words that are not stop words."""
    return [stem(word) for word in english_words(text, stopwords)]


def english_words(text: str, stopwords: frozenset[str]) -> list[str]:
    """Lower-cased words that are not stop words, as written (for evidence)."""
    words = (word.lower().strip("'-") for word in _ENGLISH_WORD.findall(text))
    return [word for word in words if word and word not in stopwords]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light suffix-stripper: enough to match 'raises', 'raised' and 'raise'."""
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("ies", "y", 3),
    ("sses", "ss", 2),
    ("ing", "", 3),
    ("ed", "", 3),
    ("s", "", 3),
)


def chinese_words(text: str, stop_characters: frozenset[str]) -> list[str]:
    """jieba words of a short text (a title): two or more characters, or Latin/number tokens."""
    words = _jieba().lcut(text)
    return _unique(
        word
        for word in (w.strip() for w in words)
        if (len(word) >= 2 and not (set(word) <= stop_characters)) or word.isdigit()
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer

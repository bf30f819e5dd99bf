"""Which sentences connectives link: single words (因此, through) and connectives in parts
(由于…因此, 不仅…而且, 首先…其次…最后) whose parts sit in one sentence or in sentences that
follow closely.

Each part of a pair is one link, wherever the full stops fall: "由于A，因此B。" links as much
as "由于A。因此B。", so an author who joins cause and effect in one sentence is not marked
down against one who splits them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from services.scoring.domain.rubric import ConnectivePairs, PhraseList

PAIR_REACH = 2
"""The next part of a pair may stand this many sentences after the one before it."""

_Span = tuple[int, int]


@dataclass(frozen=True)
class Links:
    """What the connectives of a sequence of sentences link."""

    count: int
    """One per linked sentence, plus one per further part of a pair in a sentence already counted."""
    sentences: frozenset[int]
    """Indexes of the sentences that carry a connective or a part of a pair."""
    words: tuple[str, ...]
    """The connectives found in reading order, a pair written as its parts joined by "…"."""


def find_links(
    texts: Sequence[str], singles: PhraseList, pairs: ConnectivePairs, *, fold_case: bool
) -> Links:
    """The links in ``texts`` (sentences in reading order); ``fold_case`` for English.

    The sentences are searched as one text, one per line (no phrase holds a line break), so
    each pattern runs once per item rather than once per sentence.
    """
    text = _Text(texts)
    found = _pairs(text, pairs, fold_case)
    covered = {i for _, spans in found for start, end in spans for i in range(start, end)}
    words = [(spans[0][0], "…".join(parts)) for parts, spans in found]
    linked = {text.sentence_of(start) for _, spans in found for start, _ in spans}
    for match in singles.pattern.finditer(text.joined):
        if match.start() not in covered:
            words.append((match.start(), match.group(0)))
            linked.add(text.sentence_of(match.start()))
    extra = sum(len(spans) - len({text.sentence_of(start) for start, _ in spans}) for _, spans in found)
    return Links(len(linked) + extra, frozenset(linked), tuple(word for _, word in sorted(words)))


class _Text:
    """Sentences joined by line breaks, and which sentence an offset falls in."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.joined = "\n".join(texts)
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def sentence_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def reach_end(self, offset: int) -> int:
        """Where the sentences within reach of the one holding ``offset`` end."""
        beyond = self.sentence_of(offset) + PAIR_REACH + 1
        return self.starts[beyond] - 1 if beyond < len(self.starts) else len(self.joined)


def _pairs(
    text: _Text, pairs: ConnectivePairs, fold_case: bool
) -> list[tuple[tuple[str, ...], tuple[_Span, ...]]]:
    """Each pair found with the spans of its parts, openers taken in reading order, the longest
    pair an opener completes first; a word serves one pair at most."""
    used: set[int] = set()
    found = []
    for opener in pairs.openers.pattern.finditer(text.joined):
        word = opener.group(0).lower() if fold_case else opener.group(0)
        if opener.start() in used:
            continue
        for parts in pairs.pairs:
            chain = _chain(text, opener.span(), parts[1:], pairs, used) if parts[0] == word else None
            if chain is not None:
                found.append((parts, chain))
                used.update(i for start, end in chain for i in range(start, end))
                break
    return found


def _chain(
    text: _Text, opener: _Span, rest: tuple[str, ...], pairs: ConnectivePairs, used: set[int]
) -> tuple[_Span, ...] | None:
    """The spans of a pair's parts from ``opener`` on, each after the one before and within
    reach of it, none already used; None when a part is missing."""
    chain = [opener]
    for word in rest:
        pattern = pairs.part(word).pattern
        position, end = chain[-1][1], text.reach_end(chain[-1][0])
        step = pattern.search(text.joined, position, end)
        while step is not None and step.start() in used:
            step = pattern.search(text.joined, step.start() + 1, end)
        if step is None:
            return None
        chain.append(step.span())
    return tuple(chain)

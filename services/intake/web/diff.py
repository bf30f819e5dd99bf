"""What an editor (or the author, resubmitting) changed between two versions of an item.

Chinese has no spaces, so the text is compared character by character for CJK and word by
word for Latin text and numbers; the result is grouped into paragraphs for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any, Literal

from services.intake.domain.diff import sentences

Op = Literal["same", "removed", "added"]
PARAGRAPH = "\n\n"
_SIMILAR = 0.4
_TOKENS = re.compile(r"\n\n|[A-Za-z]+|\d+(?:[.,]\d+)*%?|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True)
class Change:
    """One revision: who replaced which version, when, and what changed in title and text."""

    revision: int
    by: str
    by_editor: bool
    at: datetime | str | None
    title: list[Segment]
    body: list[list[Segment]]

    @property
    def title_changed(self) -> bool:
        return any(s.op != "same" for s in self.title)


def tokens(text: str) -> list[str]:
    """CJK characters one by one; words, numbers, runs of spaces and paragraph breaks whole."""
    return _TOKENS.findall(text)


def compare(old: str, new: str) -> list[Segment]:
    """The segments that turn ``old`` into ``new``, adjacent ones of one kind merged.

    Sentences are aligned first; a rewritten sentence that still resembles the old one is
    compared token by token, anything else shows as a whole sentence removed and added.
    """
    a, b = _sentences(old), _sentences(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            _append(segments, "same", after)
        elif tag == "replace" and SequenceMatcher(None, before, after).ratio() >= _SIMILAR:
            for segment in _compare_tokens(before, after):
                _append(segments, segment.op, segment.text)
        else:
            _append(segments, "removed", before)
            _append(segments, "added", after)
    return segments


def _compare_tokens(old: str, new: str) -> list[Segment]:
    a, b = tokens(old), tokens(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "same", "".join(a[i1:i2]))
            continue
        _append(segments, "removed", "".join(a[i1:i2]))
        _append(segments, "added", "".join(b[j1:j2]))
    return segments


def _sentences(text: str) -> list[str]:
    """Sentences of each paragraph, with the paragraph breaks as units of their own."""
    units: list[str] = []
    for index, paragraph in enumerate(text.split(PARAGRAPH)):
        if index:
            units.append(PARAGRAPH)
        units.extend(sentences(paragraph))
    return units


def paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """Split the segments at the new text's paragraph breaks; a removed break shows as ¶."""
    result: list[list[Segment]] = [[]]
    for segment in segments:
        if segment.op == "removed":
            result[-1].append(Segment("removed", segment.text.replace(PARAGRAPH, "¶")))
            continue
        pieces = segment.text.split(PARAGRAPH)
        for index, piece in enumerate(pieces):
            if index:
                result.append([])
            if piece:
                result[-1].append(Segment(segment.op, piece))
    return [p for p in result if p]


def changes(revisions: list[dict[str, Any]], title: str, body: str) -> list[Change]:
    """Every change of an item, newest first.

    Each revision record keeps the text it replaced; the text that replaced it is the next
    record's, or the item's current text for the last one.
    """
    versions = [(r["title"], r["body"]) for r in revisions] + [(title, body)]
    found = []
    for index, record in enumerate(revisions):
        (old_title, old_body), (new_title, new_body) = versions[index], versions[index + 1]
        found.append(
            Change(
                revision=int(record.get("revision", index)) + 1,
                by=str(record.get("replaced_by", "")),
                by_editor=bool(record.get("by_editor")),
                at=record.get("at"),
                title=compare(old_title, new_title),
                body=paragraphs(compare(old_body, new_body)),
            )
        )
    return found[::-1]


def _append(segments: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))

"""What changed between two versions of an item, readable for Chinese and English. Pure.

Paragraphs are aligned first; inside a changed paragraph, sentences (ending in 。！？；!? or
a full stop before a space); inside a changed sentence that still resembles the old one,
tokens: a number or a Latin word whole, otherwise one character (so 1.2 → 1.3 reads as a
changed figure). The result marks deletions ``[-…-]`` and insertions ``{+…+}`` (as wdiff does).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

_ENDS = set("。！？；!?")
_CLOSERS = set("”’\"'）)」』")
_SIMILAR = 0.4
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+|\s+|.", re.DOTALL)


def sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, each keeping its end mark and closing quotes."""
    found: list[str] = []
    current = ""
    for position, char in enumerate(paragraph):
        if current == "" and char in _CLOSERS and found:
            found[-1] += char
            continue
        current += char
        nxt = paragraph[position + 1] if position + 1 < len(paragraph) else " "
        if char in _ENDS or (char == "." and nxt.isspace()):
            found.append(current)
            current = ""
    if current.strip():
        found.append(current)
    return found


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n") if p.strip()]


def diff_texts(old: str, new: str) -> list[dict[str, Any]]:
    """The changed paragraphs of ``new`` against ``old``: op insert/delete/change, old, new, marked."""
    before, after = paragraphs(old), paragraphs(new)
    changes: list[dict[str, Any]] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = before[i1:i2], after[j1:j2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            changes.append(_paragraph_change(o, n, j1 + k if n is not None else j1))
    return changes


def _paragraph_change(old: str | None, new: str | None, position: int) -> dict[str, Any]:
    if old is None:
        return {"op": "insert", "paragraph": position, "old": None, "new": new, "marked": f"{{+{new}+}}"}
    if new is None:
        return {"op": "delete", "paragraph": position, "old": old, "new": None, "marked": f"[-{old}-]"}
    return {"op": "change", "paragraph": position, "old": old, "new": new, "marked": mark(old, new)}


def mark(old: str, new: str) -> str:
    """``new`` with what changed from ``old`` marked, sentence by sentence."""
    before, after = sentences(old), sentences(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        olds, news = "".join(before[i1:i2]), "".join(after[j1:j2])
        if op == "equal":
            out.append(news)
        elif op == "replace" and SequenceMatcher(a=olds, b=news).ratio() >= _SIMILAR:
            out.append(_mark_characters(olds, news))
        else:
            out.append((f"[-{olds}-]" if olds else "") + (f"{{+{news}+}}" if news else ""))
    return "".join(out)


def _mark_characters(old: str, new: str) -> str:
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(after[j1:j2]))
            continue
        if i2 > i1:
            out.append(f"[-{''.join(before[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{''.join(after[j1:j2])}+}}")
    return "".join(out)


def history(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each change between consecutive ``versions`` ({title, body, by, by_editor, at})."""
    changes = []
    for older, newer in pairwise(versions):
        title = None if older["title"] == newer["title"] else {
            "old": older["title"], "new": newer["title"], "marked": mark(older["title"], newer["title"]),
        }
        changes.append({
            "revision": newer["revision"], "by": newer["by"], "by_editor": newer["by_editor"],
            "at": newer["at"], "title": title, "paragraphs": diff_texts(older["body"], newer["body"]),
        })
    return changes

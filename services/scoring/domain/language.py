"""Which language an item is written in, from the share of CJK characters among its letters."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z]+")
_CJK_SHARE_FOR_CHINESE = 0.3  # a Latin word is ~5 letters, a Chinese word ~2 characters

SUPPORTED = ("zh", "en")


def detect_language(text: str) -> str:
    """'zh' when CJK characters make up a fair share of the letters, otherwise 'en'."""
    cjk = len(text) - len(_CJK.sub("", text))
    latin = len(text) - len(_LATIN.sub("", text))
    if cjk == 0:
        return "en"
    return "zh" if cjk / (cjk + latin) >= _CJK_SHARE_FOR_CHINESE else "en"


def resolve_language(declared: str | None, text: str) -> str:
    """The declared language when it is one we score, else the detected one."""
    if declared:
        code = declared.strip().lower().split("-")[0].split("_")[0]
        if code in SUPPORTED:
            return code
    return detect_language(text)

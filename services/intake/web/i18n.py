"""The pages' strings in Chinese (first) and English, and how a request picks its language.

Values stored in the domain (states, levels, categories, criteria, audit actions) are
translated for display by looking up ``"<kind>.<value>"``; anything missing shows as is.
"""

from __future__ import annotations

import re

from services.intake.web.strings import CATEGORIES, RETURN_REASONS, STRINGS

__all__ = ["CATEGORIES", "LANGUAGES", "RETURN_REASONS", "STRINGS", "Translator", "pick_language"]

_SENTENCE = re.compile(r"sentence (\d+) of paragraph (\d+)")
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANG_COOKIE = "xinbao_lang"


def pick_language(query: str | None, cookie: str | None) -> str:
    """``?lang=`` wins, then the remembered choice, then Chinese."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


class Translator:
    """``t("key", n=3)`` in one language; ``t.value("state", "adopted")`` for domain values."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._index = LANGUAGES.index(lang)

    def __call__(self, key: str, **values: object) -> str:
        pair = STRINGS.get(key)
        text = pair[self._index] if pair else key
        return text.format(**values) if values else text

    def knows(self, key: str) -> bool:
        return key in STRINGS

    def param(self, name: str, value: object) -> str:
        """A figure of a refusal for display: roles, levels and states by their names."""
        kind = {"roles": "role", "role": "role", "state": "state", "level": "level", "office_level": "level",
                "field": "field"}.get(name)
        if isinstance(value, list | tuple | set | frozenset):
            parts = [self.value(kind, v) if kind else str(v) for v in value]
            joined = sorted(parts) if isinstance(value, set | frozenset) else parts
            return ("、" if self.lang == "zh" else ", ").join(joined)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return self.value(kind, value) if kind else str(value)

    def value(self, kind: str, value: object) -> str:
        """The display name of a stored value, or the value itself when none is known."""
        raw = str(value.value if hasattr(value, "value") else value)
        pair = STRINGS.get(f"{kind}.{raw}")
        return pair[self._index] if pair else raw

    def location(self, where: str) -> str:
        """Where a suggestion applies: 'paragraph 3' → '第3段', 'sentence 2 of paragraph 3' → '第3段第2句'."""
        sentence = _SENTENCE.fullmatch(where)
        if sentence:
            return self("loc.sentence", n=sentence.group(1), p=sentence.group(2))
        kind, _, number = where.partition(" ")
        if kind == "paragraph" and number.isdigit():
            return self("loc.paragraph", n=number)
        return self.value("loc", where)

    def audit_action(self, action: str) -> str:
        """'adopt:county-xinxi' → '采用 county-xinxi'."""
        verb, _, detail = action.partition(":")
        words = self.value("audit", verb)
        if verb == "screen" and detail:
            return (
                f"{words}：{self.value('state', detail)}"
                if self.lang == "zh"
                else f"{words}: {self.value('state', detail)}"
            )
        return f"{words} {detail}".strip()

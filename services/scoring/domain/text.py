"""An item split once into paragraphs and sentences, each with its similarity terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from services.scoring.domain.background import background_space
from services.scoring.domain.rubric import LanguageProfile
from services.scoring.domain.segmentation import chinese_terms, english_terms
from services.scoring.domain.similarity import WeightedSpace

_CHINESE_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+|$)[”’」』）)]*")
_ENGLISH_SENTENCE_END = re.compile(
    r"((?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\be\.g)(?<!\bi\.e)"
    r"[.!?][\"'”’)]*)\s+(?=[\"'“‘(]?[A-Z0-9])"
)
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
_NOT_WORD_CHARACTER = re.compile(r"\W+")
_ENGLISH_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True)
class Sentence:
    """One sentence and its content terms (bigrams for Chinese, stems for English)."""

    text: str
    paragraph: int
    number: int
    terms: frozenset[str]

    @property
    def location(self) -> str:
        if self.paragraph == 1 and self.number == 1:
            return "lead"
        return f"sentence {self.number} of paragraph {self.paragraph}"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph, its sentences and its ``size`` in the rubric's unit (see ``measure``)."""

    text: str
    number: int
    sentences: tuple[Sentence, ...]
    size: int

    @property
    def location(self) -> str:
        return f"paragraph {self.number}"


@dataclass(frozen=True)
class ParsedItem:
    """The item as the criteria see it; ``size`` is characters (zh) or words (en)."""

    language: str
    profile: LanguageProfile
    title: str
    title_terms: frozenset[str]
    paragraphs: tuple[Paragraph, ...]
    size: int

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for paragraph in self.paragraphs for s in paragraph.sentences)

    @property
    def lead(self) -> Sentence | None:
        return self.paragraphs[0].sentences[0] if self.paragraphs else None

    @cached_property
    def body_terms(self) -> frozenset[str]:
        """Every term of every sentence."""
        return frozenset().union(*(s.terms for s in self.sentences))

    @cached_property
    def space(self) -> WeightedSpace:
        """The background space of the item's language restricted to the item's own terms
        (body and title), shared by the criteria that compare passages (topic, theme)."""
        return background_space(self.language).restricted(self.body_terms | self.title_terms)


def parse_item(title: str, body: str, language: str, profile: LanguageProfile) -> ParsedItem:
    """Split the body into paragraphs (at line breaks) and sentences, and size it."""
    texts = [p for p in _PARAGRAPH_BREAK.split(body.strip()) if p.strip()]
    paragraphs = tuple(
        _paragraph(text.strip(), number, language, profile) for number, text in enumerate(texts, start=1)
    )
    return ParsedItem(
        language=language,
        profile=profile,
        title=title.strip(),
        title_terms=terms_of(title, language, profile),
        paragraphs=paragraphs,
        # measure(body): the splitting above removes only whitespace, which neither unit counts
        # and no word spans, so the paragraphs' sizes add up to the body's.
        size=sum(paragraph.size for paragraph in paragraphs),
    )


def measure(text: str, language: str) -> int:
    """Length in the rubric's unit: characters for Chinese, words for English."""
    if language == "zh":
        return len(_NOT_WORD_CHARACTER.sub("", text))
    return len(_ENGLISH_WORD.findall(text))


def terms_of(text: str, language: str, profile: LanguageProfile) -> frozenset[str]:
    """Content terms of a text: Chinese character bigrams, or stemmed English words; numbers
    are left out because neighbouring passages share them by accident."""
    if language == "zh":
        return frozenset(chinese_terms(text, profile.stopwords))
    return frozenset(w for w in english_terms(text, profile.stopwords) if not w[0].isdigit())


def split_sentences(text: str, language: str) -> list[str]:
    """Sentences of a non-empty paragraph; a paragraph of bare punctuation is one sentence."""
    if language == "zh":
        found = (s.strip() for s in _CHINESE_SENTENCE.findall(text))
    else:
        marked = _ENGLISH_SENTENCE_END.sub(lambda end: end.group(1) + "\n", text)
        found = (s.strip() for s in marked.split("\n"))
    return [s for s in found if s] or [text.strip()]


def _paragraph(text: str, number: int, language: str, profile: LanguageProfile) -> Paragraph:
    sentences = tuple(
        Sentence(sentence, number, index, terms_of(sentence, language, profile))
        for index, sentence in enumerate(split_sentences(text, language), start=1)
    )
    return Paragraph(text, number, sentences, measure(text, language))

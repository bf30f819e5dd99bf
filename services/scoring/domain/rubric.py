"""The rubric: weights, thresholds, bands and phrase lists, loaded once from rubric.yaml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml
from pydantic import ValidationError

from services.scoring.domain.rubric_file import LanguageSection, RubricFile

DEFAULT_RUBRIC_PATH = Path(__file__).resolve().parent.parent / "rubric" / "rubric.yaml"


@dataclass(frozen=True)
class PhraseList:
    """Phrases from one data file, with one compiled pattern matching any of them."""

    phrases: tuple[str, ...]
    pattern: re.Pattern[str]

    def find_all(self, text: str) -> list[str]:
        return self.pattern.findall(text)

    def starts(self, text: str) -> str | None:
        found = self.pattern.match(text)
        return found.group(0) if found else None


@dataclass(frozen=True)
class ConnectivePairs:
    """Connectives in parts (由于…因此, 首先…其次…最后), longest first; ``openers`` finds the
    first part of any, ``part`` a given later part. A connectives-file line with "…" between
    words is a pair."""

    pairs: tuple[tuple[str, ...], ...]
    openers: PhraseList
    later_parts: Mapping[str, PhraseList]

    def part(self, word: str) -> PhraseList:
        return self.later_parts[word]


@dataclass(frozen=True)
class LanguageProfile:
    """Everything language-specific: length bounds, paragraph size and phrase lists."""

    title_length: tuple[int, int]
    paragraph_max: int
    lengths: Mapping[str, tuple[int, int]]
    phrases: Mapping[str, PhraseList]
    enumerations: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    connective_pairs: ConnectivePairs

    def length_range(self, profile: str) -> tuple[int, int]:
        return self.lengths.get(profile, self.lengths["default"])


@dataclass(frozen=True)
class Deadline:
    full_marks_days: int
    zero_days: int


@dataclass(frozen=True)
class Rubric:
    """A versioned rubric; ``settings`` keeps the validated per-criterion sections."""

    version: str
    weights: Mapping[str, float]
    bands: tuple[tuple[str, float], ...]
    categories: Mapping[str, str]
    languages: Mapping[str, LanguageProfile]
    settings: RubricFile

    def profile_of(self, category: str | None) -> str:
        """The length/deadline profile a category uses ('default' when unknown)."""
        if not category:
            return "default"
        key = category.strip()
        return self.categories.get(key, self.categories.get(key.lower(), "default"))

    def deadline_for(self, category: str | None) -> Deadline:
        section = self.settings.timeliness
        specific = section.by_category.get(self.profile_of(category), section)
        return Deadline(specific.full_marks_days, specific.zero_days)

    def band_of(self, overall: float) -> str:
        for name, cut_off in self.bands:
            if overall >= cut_off:
                return name
        return "poor"


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load and validate a rubric file; None loads the shipped default.

    Raises ValueError naming the file and the key (or YAML line) that is wrong.
    """
    rubric_path = Path(path) if path is not None else DEFAULT_RUBRIC_PATH
    raw = _read_yaml(rubric_path)
    try:
        parsed = RubricFile.model_validate(raw)
    except ValidationError as invalid:
        raise ValueError(f"{rubric_path}: {_describe(invalid)}") from None
    languages = {
        code: _language_profile(rubric_path.parent, code, section)
        for code, section in parsed.languages.items()
    }
    return Rubric(
        version=parsed.version,
        weights=MappingProxyType(dict(parsed.weights)),
        bands=tuple(sorted(parsed.bands.items(), key=lambda band: -band[1])),
        categories=MappingProxyType({k.lower(): v for k, v in parsed.categories.items()}),
        languages=MappingProxyType(languages),
        settings=parsed,
    )


def _read_yaml(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as missing:
        raise ValueError(f"{path}: cannot read rubric file ({missing.strerror})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as broken:
        mark = getattr(broken, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "unknown line"
        raise ValueError(f"{path}: YAML error at {where}: {broken}") from None


def _describe(invalid: ValidationError) -> str:
    problems = [
        f"key '{'.'.join(str(part) for part in error['loc']) or '(top level)'}': {error['msg']}"
        for error in invalid.errors()
    ]
    return "; ".join(problems)


def _language_profile(base: Path, code: str, section: LanguageSection) -> LanguageProfile:
    lists = {
        key: _read_phrases(base, f"languages.{code}.phrases.{key}", relative)
        for key, relative in section.phrases.items()
    }
    english = code == "en"
    singles, pairs = _split_pairs(lists["connectives"], english=english)
    compiled = {
        key: _compile(singles if key == "connectives" else lines, english=english)
        for key, lines in lists.items()
        if key not in ("enumerations", "stopwords")
    }
    return LanguageProfile(
        title_length=section.title_length,
        paragraph_max=section.paragraph_max,
        lengths=MappingProxyType(dict(section.lengths)),
        phrases=MappingProxyType(compiled),
        enumerations=tuple(tuple(line.split()) for line in lists["enumerations"]),
        stopwords=frozenset(lists["stopwords"]),
        connective_pairs=pairs,
    )


_PAIR_SEPARATOR = re.compile(r"\s*(?:…+|\.{3,})\s*")


def _split_pairs(lines: tuple[str, ...], *, english: bool) -> tuple[tuple[str, ...], ConnectivePairs]:
    """Single connectives, and the pairs among ``lines`` (longest first, else in file order)."""
    singles = tuple(line for line in lines if not _PAIR_SEPARATOR.search(line))
    split = (tuple(part for part in _PAIR_SEPARATOR.split(line) if part) for line in lines)
    pairs = [tuple(part.lower() if english else part for part in parts) for parts in split if len(parts) > 1]
    pairs.sort(key=lambda parts: -len(parts))
    openers = tuple(sorted({parts[0] for parts in pairs}))
    later = {part: _compile((part,), english=english) for parts in pairs for part in parts[1:]}
    return singles, ConnectivePairs(
        tuple(pairs), _compile(openers, english=english), MappingProxyType(later)
    )


def _read_phrases(base: Path, key: str, relative: str) -> tuple[str, ...]:
    path = base / relative
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as missing:
        raise ValueError(f"key '{key}': cannot read phrase list {path} ({missing.strerror})") from None
    phrases = tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    if not phrases:
        raise ValueError(f"key '{key}': phrase list {path} is empty")
    return phrases


def _compile(phrases: tuple[str, ...], *, english: bool) -> PhraseList:
    alternation = _trie_alternation(sorted(set(phrases)))
    if english:
        return PhraseList(phrases, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.I))
    return PhraseList(phrases, re.compile(alternation))


def _trie_alternation(phrases: list[str]) -> str:
    """A regex matching any of ``phrases``, longest first, with shared prefixes factored out.

    A flat alternation of a hundred phrases is tried branch by branch at every position of
    every sentence; the factored form descends one branch per character instead.
    """
    if not phrases:
        return "(?!)"
    groups: dict[str, list[str]] = {}
    ends_here = False
    for phrase in phrases:
        if phrase:
            groups.setdefault(phrase[0], []).append(phrase[1:])
        else:
            ends_here = True
    branches = [
        re.escape(first) + (_trie_alternation(rests) if rests != [""] else "")
        for first, rests in sorted(groups.items())
    ]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body

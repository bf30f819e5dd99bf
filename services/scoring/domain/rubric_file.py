"""The shape of rubric.yaml, validated key by key so a broken file names what is wrong."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from services.scoring.domain.model import CRITERIA

PHRASE_LIST_KEYS: tuple[str, ...] = (
    "officialese",
    "connectives",
    "backward_openers",
    "example_markers",
    "enumerations",
    "share_cues",
    "stopwords",
    "next_steps",
)
BAND_NAMES: tuple[str, ...] = ("excellent", "good", "fair")
LANGUAGES: tuple[str, ...] = ("zh", "en")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_range(bounds: tuple[int, int]) -> tuple[int, int]:
    low, high = bounds
    if low < 0 or high <= low:
        raise ValueError(f"expected [low, high] with 0 <= low < high, got {list(bounds)}")
    return bounds


class LanguageSection(_Strict):
    title_length: tuple[int, int]
    paragraph_max: int = Field(gt=0)
    lengths: dict[str, tuple[int, int]]
    phrases: dict[str, str]

    @field_validator("title_length")
    @classmethod
    def _title_range(cls, bounds: tuple[int, int]) -> tuple[int, int]:
        return _check_range(bounds)

    @field_validator("lengths")
    @classmethod
    def _lengths_have_default(cls, lengths: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        if "default" not in lengths:
            raise ValueError("needs a 'default' length range")
        for bounds in lengths.values():
            _check_range(bounds)
        return lengths

    @field_validator("phrases")
    @classmethod
    def _phrases_complete(cls, phrases: dict[str, str]) -> dict[str, str]:
        missing = sorted(set(PHRASE_LIST_KEYS) - set(phrases))
        unknown = sorted(set(phrases) - set(PHRASE_LIST_KEYS))
        if missing or unknown:
            raise ValueError(f"phrase lists missing {missing}, unknown {unknown}")
        return phrases


def _check_parts(parts: dict[str, float], names: tuple[str, ...]) -> dict[str, float]:
    if sorted(parts) != sorted(names):
        raise ValueError(f"expected exactly the parts {list(names)}")
    if any(value < 0 for value in parts.values()) or abs(sum(parts.values()) - 1) > 1e-6:
        raise ValueError("parts must be non-negative and sum to 1")
    return parts


class TopicSection(_Strict):
    parts: dict[str, float]
    carry_for_full_marks: float = Field(gt=0, le=1)
    max_title_clauses: int = Field(ge=1)
    stock_title_penalty: float = Field(ge=0, le=100)

    @field_validator("parts")
    @classmethod
    def _topic_parts(cls, parts: dict[str, float]) -> dict[str, float]:
        names = ("title_length", "single_subject", "terms_in_body", "terms_in_lead")
        return _check_parts(parts, (*names, "lead_is_main_point"))


class SubstanceSection(_Strict):
    parts: dict[str, float]
    half_marks_density: dict[str, float]
    fact_sentence_share: float = Field(gt=0, le=1)
    empty_sentence_penalty: float = Field(ge=0, le=100)

    @field_validator("parts")
    @classmethod
    def _substance_parts(cls, parts: dict[str, float]) -> dict[str, float]:
        return _check_parts(parts, ("density", "coverage"))

    @field_validator("half_marks_density")
    @classmethod
    def _density_per_language(cls, density: dict[str, float]) -> dict[str, float]:
        if sorted(density) != sorted(LANGUAGES) or min(density.values()) <= 0:
            raise ValueError(f"expected a positive density for each of {list(LANGUAGES)}")
        return density


class StructureSection(_Strict):
    wall_of_text_penalty: float = Field(ge=0, le=100)
    enumeration_penalty: float = Field(ge=0, le=100)
    single_paragraph_penalty: float = Field(ge=0, le=100)
    length_penalty_max: float = Field(ge=0, le=100)
    misplaced_next_steps_penalty: float = Field(ge=0, le=100)


class LogicSection(_Strict):
    parts: dict[str, float]
    connective_share: float = Field(gt=0, le=1)
    flow_for_zero: float = Field(ge=0)
    flow_for_full: float = Field(gt=0)

    @field_validator("parts")
    @classmethod
    def _logic_parts(cls, parts: dict[str, float]) -> dict[str, float]:
        return _check_parts(parts, ("connectives", "flow"))

    @model_validator(mode="after")
    def _full_above_zero(self) -> LogicSection:
        if self.flow_for_full <= self.flow_for_zero:
            raise ValueError("flow_for_full must be greater than flow_for_zero")
        return self

    impossible_number_penalty: float = Field(ge=0, le=100)
    dangling_lead_penalty: float = Field(ge=0, le=100)


class ThemeSection(_Strict):
    off_theme_below: dict[str, float]
    # Default for rubric files written before the key existed (they keep loading).
    on_theme_if_shared: dict[str, float] = Field(default_factory=lambda: {"zh": 0.2, "en": 0.13})

    @field_validator("off_theme_below")
    @classmethod
    def _threshold_per_language(cls, below: dict[str, float]) -> dict[str, float]:
        if sorted(below) != sorted(LANGUAGES) or not all(0 < v < 0.5 for v in below.values()):
            raise ValueError(f"expected a value in (0, 0.5) for each of {list(LANGUAGES)}")
        return below

    @field_validator("on_theme_if_shared")
    @classmethod
    def _share_per_language(cls, shares: dict[str, float]) -> dict[str, float]:
        if sorted(shares) != sorted(LANGUAGES) or not all(0 < v < 1 for v in shares.values()):
            raise ValueError(f"expected a share in (0, 1) for each of {list(LANGUAGES)}")
        return shares


class DuplicateSection(_Strict):
    max_distance: int = Field(ge=0, le=64)


class DeadlineSection(_Strict):
    full_marks_days: int = Field(ge=0)
    zero_days: int = Field(gt=0)

    @model_validator(mode="after")
    def _zero_after_full(self) -> DeadlineSection:
        if self.zero_days <= self.full_marks_days:
            raise ValueError("zero_days must be greater than full_marks_days")
        return self


class TimelinessSection(DeadlineSection):
    neutral_score: float = Field(ge=0, le=100)
    by_category: dict[str, DeadlineSection] = Field(default_factory=dict)


class RubricFile(_Strict):
    """rubric.yaml as written; every key is required unless it has a default here."""

    version: str = Field(min_length=1)
    weights: dict[str, float]
    bands: dict[str, float]
    categories: dict[str, str]
    languages: dict[str, LanguageSection]
    topic: TopicSection
    substance: SubstanceSection
    structure: StructureSection
    logic: LogicSection
    theme: ThemeSection
    duplicate: DuplicateSection
    timeliness: TimelinessSection

    @field_validator("weights")
    @classmethod
    def _weights_cover_criteria(cls, weights: dict[str, float]) -> dict[str, float]:
        missing = sorted(set(CRITERIA) - set(weights))
        unknown = sorted(set(weights) - set(CRITERIA))
        if missing or unknown:
            raise ValueError(f"criteria missing {missing}, unknown {unknown}")
        if any(weight < 0 for weight in weights.values()) or not sum(weights.values()):
            raise ValueError("weights must be non-negative and not all zero")
        return weights

    @field_validator("bands")
    @classmethod
    def _bands_descend(cls, bands: dict[str, float]) -> dict[str, float]:
        if sorted(bands) != sorted(BAND_NAMES):
            raise ValueError(f"expected exactly the bands {list(BAND_NAMES)}")
        cut_offs = [bands[name] for name in BAND_NAMES]
        if cut_offs != sorted(cut_offs, reverse=True) or not 0 <= cut_offs[-1] <= 100:
            raise ValueError("cut-offs must descend excellent > good > fair within 0..100")
        return bands

    @field_validator("languages")
    @classmethod
    def _both_languages(cls, languages: dict[str, LanguageSection]) -> dict[str, LanguageSection]:
        if sorted(languages) != sorted(LANGUAGES):
            raise ValueError(f"expected exactly the languages {list(LANGUAGES)}")
        return languages

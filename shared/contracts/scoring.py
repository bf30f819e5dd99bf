"""Events produced by the scoring service (topic ``scoring.score.v1``, key: submission_id)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.envelope import Event
from shared.contracts.vocabulary import ScoreBand


class ScoreSuggestion(BaseModel):
    """Something the author can do to improve the item, and where."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The suggestion, in the item's language.")
    location: str = Field(description="Where it applies: 'title', 'lead', 'paragraph 3'…")


class CriterionResult(BaseModel):
    """One criterion's sub-score with the evidence behind it."""

    model_config = ConfigDict(frozen=True)

    criterion: str = Field(
        description="Criterion id: topic, substance, structure, logic, theme, duplicate, timeliness."
    )
    score: float = Field(ge=0, le=100, description="Sub-score from 0 to 100.")
    weight: float = Field(ge=0, description="Weight of this criterion in the overall score.")
    explanation: str = Field(description="Why the item got this sub-score.")
    evidence: list[str] = Field(default_factory=list, description="What was found in the text.")
    suggestions: list[ScoreSuggestion] = Field(
        default_factory=list, description="What the author can do about it."
    )


class SubmissionScored(Event):
    """The scoring service scored (or rescored) an item under a rubric version."""

    type: Literal["SubmissionScored"] = "SubmissionScored"
    submission_id: str = Field(description="Id of the information item.")
    unit_id: str = Field(description="Unit that submitted the item.")
    author_id: str = Field(description="Author of the item.")
    title: str = Field(description="Title of the item as scored.")
    period: str = Field(description="Assessment period the item counts for.")
    revision: int = Field(ge=0, description="Revision of the text that was scored.")
    overall: float = Field(ge=0, le=100, description="Weighted overall score, 0 to 100.")
    band: ScoreBand = Field(description="Quality band of the overall score.")
    language: Literal["zh", "en"] = Field(description="Language detected in the item.")
    rubric_version: str = Field(description="Version of the rubric used.")
    criteria: list[CriterionResult] = Field(description="One result per criterion.")
    rescore: bool = Field(
        default=False, description="True when an operator rescored under a new rubric."
    )


class DraftPreviewed(BaseModel):
    """The answer to a DraftPreviewRequested, sent to its ``reply_to`` (nothing is stored)."""

    overall: float = Field(ge=0, le=100, description="Weighted overall score, 0 to 100.")
    band: ScoreBand = Field(description="Quality band of the overall score.")
    language: Literal["zh", "en"] = Field(description="Language detected in the draft.")
    rubric_version: str = Field(description="Version of the rubric used.")
    criteria: list[CriterionResult] = Field(description="One result per criterion.")


ScoreEvent = Annotated[SubmissionScored, Field(discriminator="type")]
"""Any event on ``scoring.score.v1``."""

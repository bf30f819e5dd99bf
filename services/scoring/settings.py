"""Scoring settings, from SCORING_* environment variables."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.clock import OFFICE_TIMEZONE
from shared.runtime.settings import ServiceSettings


class ScoringSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore")

    mongo_db: str = "xinbao_scoring"
    http_port: int = 8002
    rubric_path: str | None = Field(
        default=None, description="Rubric YAML file; the shipped default when unset."
    )
    timezone: str = Field(
        default=OFFICE_TIMEZONE, description="The office's zone: timeliness counts calendar days there."
    )

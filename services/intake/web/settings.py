"""Settings of the web pages, from INTAKE_* environment variables (read in ``router()``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class WebSettings(BaseSettings):
    """How the pages reach the scoring preview and show times."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    scoring_url: str = Field(
        default="", description="Scoring service base URL for the HTTP preview fallback."
    )
    preview_transport: Literal["auto", "kafka", "http", "off"] = Field(
        default="auto",
        description="auto: Kafka request-reply when a broker is given, then HTTP if "
        "INTAKE_SCORING_URL is set.",
    )
    preview_timeout_seconds: float = Field(
        default=1.5, gt=0, le=10, description="How long a page waits for a preview."
    )
    web_timezone: str = Field(default="Asia/Shanghai", description="Zone times are shown in.")
    web_page_size: int = Field(default=200, ge=10, le=1000, description="Rows per list page.")

"""Incentives settings, from INCENTIVES_* environment variables."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.runtime.settings import ServiceSettings

DEFAULT_POLICY = Path(__file__).parent / "policies" / "default.yaml"


class IncentivesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INCENTIVES_", extra="ignore")

    mongo_db: str = "xinbao_incentives"
    http_port: int = 8003
    policy_files: list[Path] = Field(
        default_factory=lambda: [DEFAULT_POLICY],
        description="Policy versions in force (JSON list of paths); each applies from its date.",
    )

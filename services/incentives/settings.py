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
    standings_watch_enabled: bool = Field(
        default=True,
        description="Run the standings watcher in this process (safe on every replica): it "
        "emits StandingChanged when a unit's rank in the current month changes.",
    )
    standings_tick_seconds: float = Field(
        default=300.0, gt=0, description="How often the standings watcher compares the month's ranks."
    )

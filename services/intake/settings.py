"""Intake settings, from INTAKE_* environment variables."""

from pydantic_settings import SettingsConfigDict

from shared.runtime.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    mongo_db: str = "xinbao_intake"
    http_port: int = 8001

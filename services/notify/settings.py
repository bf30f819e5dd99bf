"""Notify settings, from NOTIFY_* environment variables."""

from pydantic_settings import SettingsConfigDict

from shared.runtime.settings import ServiceSettings


class NotifySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFY_", extra="ignore")

    mongo_db: str = "xinbao_notify"
    http_port: int = 8004

"""Settings every service shares; each service subclasses with its own env prefix."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.messaging.settings import KafkaSettings


class ServiceSettings(BaseSettings):
    """Connection and process settings, read from ``<NAME>_*`` environment variables.

    Safe local defaults; in production set at least ``<NAME>_KAFKA_BOOTSTRAP`` and
    ``<NAME>_MONGO_URI`` (the URI may carry credentials, so it is never logged).
    """

    model_config = SettingsConfigDict(extra="ignore")

    kafka_bootstrap: str = Field(default="127.0.0.1:9092", description="Kafka bootstrap servers.")
    kafka_max_attempts: int = Field(default=5, ge=1, description="Attempts before dead-lettering.")
    kafka_batch_max_records: int = Field(
        default=200, ge=1, description="Most records a consumer applies in one transaction (1: per message)."
    )
    mongo_uri: str = Field(
        default="mongodb://127.0.0.1:27017/?directConnection=true",
        description="MongoDB connection string (a replica set: transactions are used).",
    )
    mongo_db: str = Field(default="", description="Database name; '<prefix>' default per service.")
    http_host: str = Field(default="127.0.0.1", description="Address the HTTP server binds.")
    http_port: int = Field(default=8000, description="Port of the HTTP server.")
    instance_id: str = Field(default="", description="Name of this instance in logs and leases.")
    log_level: str = Field(default="INFO", description="Log level.")
    auth_jwks_url: str = Field(
        default="http://127.0.0.1:8001/.well-known/jwks.json",
        description="Where intake publishes the public keys of access tokens (fetched and cached).",
    )
    auth_jwks_file: str = Field(
        default="", description="A JWKS file to trust instead of fetching (a mounted Secret)."
    )

    def kafka(self) -> KafkaSettings:
        """The Kafka part, as the messaging plumbing takes it."""
        return KafkaSettings(
            bootstrap=self.kafka_bootstrap,
            max_attempts=self.kafka_max_attempts,
            batch_max_records=self.kafka_batch_max_records,
        )

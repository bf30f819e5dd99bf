"""Connection settings for Kafka, embedded in each service's settings."""

from pydantic import BaseModel, Field


class KafkaSettings(BaseModel):
    """Where the brokers are and how consumers retry."""

    bootstrap: str = Field(default="127.0.0.1:9092", description="Comma-separated host:port list.")
    client_id: str = Field(default="xinbao", description="Client id prefix shown to the brokers.")
    max_attempts: int = Field(
        default=5, ge=1, description="Attempts for a failing message before it is dead-lettered."
    )
    retry_base_seconds: float = Field(default=0.2, gt=0, description="First back-off delay.")
    retry_max_seconds: float = Field(default=10.0, gt=0, description="Longest back-off delay.")
    batch_max_records: int = Field(
        default=200, ge=1, description="Most records a batch subscriber applies in one transaction."
    )
    batch_timeout_ms: int = Field(
        default=50, ge=1, description="How long a batch subscriber's fetch waits when nothing is there."
    )

"""Notify settings, from NOTIFY_* environment variables (read once, in create_app)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from services.notify.domain import ReminderSchedule, RetryPolicy
from services.notify.domain.targets import TargetPolicy
from services.notify.usecases import NotifyRules
from shared.contracts.bulletin_rules import BulletinRuleBook, bulletin_rules_of
from shared.runtime.settings import ServiceSettings


class NotifySettings(ServiceSettings):
    """Channels, retries, reminders, digest and feeds; empty SMTP host or SMS URL disables
    that channel (its deliveries go dead with the reason, for replay once configured)."""

    model_config = SettingsConfigDict(env_prefix="NOTIFY_", extra="ignore")

    mongo_db: str = "xinbao_notify"
    http_port: int = 8004

    smtp_host: str = Field(default="", description="SMTP server; empty disables e-mail.")
    smtp_port: int = Field(default=25, description="SMTP port (587 with STARTTLS is usual).")
    smtp_user: str = Field(default="", description="SMTP login; empty sends without AUTH.")
    smtp_password: SecretStr = Field(default=SecretStr(""), description="SMTP password.")
    smtp_sender: str = Field(default="xinbao@localhost", description="From address of e-mails.")
    smtp_starttls: bool = Field(default=False, description="Upgrade the session with STARTTLS.")
    smtp_timeout: float = Field(default=30.0, gt=0, description="Seconds per SMTP session.")

    sms_url: str = Field(default="", description="SMS/messaging gateway endpoint; empty disables SMS.")
    sms_token: SecretStr = Field(default=SecretStr(""), description="Bearer token for the gateway.")
    sms_timeout: float = Field(default=10.0, gt=0, description="Seconds per gateway request.")
    webhook_timeout: float = Field(default=10.0, gt=0, description="Seconds per webhook request.")
    webhook_allow_http: bool = Field(default=False, description="Accept http:// webhook URLs (local tests).")
    webhook_allow_private: bool = Field(
        default=False,
        description="Let webhooks reach loopback, private, link-local and other non-public addresses "
        "(local tests only; SSRF otherwise).",
    )
    webhook_allowed_networks: list[str] = Field(
        default=[], description='Non-public networks webhooks may reach anyway (JSON, ["10.20.0.0/16"]).'
    )
    secrets_key: SecretStr = Field(
        default=SecretStr(""),
        description="Fernet key(s) sealing webhook secrets at rest; comma-separated, newest first.",
    )
    secrets_key_file: str = Field(default="", description="A file holding the key(s) (a mounted Secret).")
    dev_secrets_key_file: str = Field(
        default=".run/notify-secrets.key",
        description="Where a generated development key is kept when no key is set; empty: a key is required.",
    )

    timezone: str = Field(default="Asia/Shanghai", description="Zone of quiet hours, deadlines, digests.")
    retry_max_attempts: int = Field(default=6, ge=1, description="Attempts per round before dead.")
    retry_base_seconds: float = Field(default=30.0, gt=0, description="First back-off delay.")
    retry_max_seconds: float = Field(default=3600.0, gt=0, description="Longest back-off delay.")
    dispatch_poll_seconds: float = Field(default=1.0, gt=0, description="Dispatcher polling interval.")
    dispatch_batch: int = Field(default=20, ge=1, description="Deliveries leased per round.")
    dispatch_lease_seconds: float = Field(default=120.0, gt=0, description="Lease of a delivery in flight.")
    scheduler_tick_seconds: float = Field(default=60.0, gt=0, description="Reminder/digest tick interval.")
    workers_enabled: bool = Field(default=True, description="Run dispatcher and scheduler in this process.")

    reminder_before_hours: list[int] = Field(
        default=[72, 24], description="Default reminder times, hours before the due time (JSON list)."
    )
    reminder_overdue: bool = Field(default=True, description="Remind at once when overdue.")
    reminder_overdue_repeat_hours: int = Field(default=0, ge=0, description="Repeat overdue reminders.")
    digest_weekday: int = Field(default=0, ge=0, le=6, description="Weekly digest day, 0 = Monday.")
    digest_hour: int = Field(default=9, ge=0, le=23, description="Weekly digest hour, local time.")

    public_url: str = Field(default="http://127.0.0.1:8004", description="Base URL in feed links.")
    feed_page_size: int = Field(default=50, ge=1, le=500, description="Default items per feed page.")
    feed_topic_partitions: int = Field(
        default=3, ge=1, description="Partitions of an agency's Kafka topic, created when it registers."
    )
    feed_topic_retention_hours: int = Field(
        default=30 * 24, ge=1, description="How long an agency's Kafka topic keeps entries (it can catch up)."
    )
    feed_topic_replication: int = Field(
        default=1, ge=1, description="Replicas of an agency's Kafka topic (3 on a production cluster)."
    )

    policy_files: list[Path] = Field(
        default=[],
        description="Offices' assessment policy files (incentives' format, JSON list of paths): their "
        "ranking, roll-up and bulletins sections shape the office's bulletins; others get the defaults.",
    )

    @field_validator("webhook_allowed_networks")
    @classmethod
    def _networks(cls, networks: list[str]) -> list[str]:
        TargetPolicy.of(False, networks)  # ValueError naming the bad network
        return networks

    def target_policy(self) -> TargetPolicy:
        """Where webhooks may go."""
        return TargetPolicy.of(self.webhook_allow_private, self.webhook_allowed_networks)

    def rules(self) -> NotifyRules:
        """The rules the use cases apply."""
        return NotifyRules(
            timezone=self.timezone,
            retry=RetryPolicy(self.retry_max_attempts, self.retry_base_seconds, self.retry_max_seconds),
            schedule=ReminderSchedule(
                tuple(self.reminder_before_hours), self.reminder_overdue, self.reminder_overdue_repeat_hours
            ),
            digest_weekday=self.digest_weekday,
            digest_hour=self.digest_hour,
            lease_seconds=self.dispatch_lease_seconds,
            batch=self.dispatch_batch,
            webhook_allow_http=self.webhook_allow_http,
            feed_topic_partitions=self.feed_topic_partitions,
            feed_topic_retention_ms=self.feed_topic_retention_hours * 3_600_000,
            feed_topic_replication=self.feed_topic_replication,
            bulletins=bulletin_rule_book(self.policy_files),
        )


def bulletin_rule_book(paths: list[Path]) -> BulletinRuleBook:
    """The bulletin rules of every policy file in ``paths`` (read once, when the app is built)."""
    return BulletinRuleBook(
        bulletin_rules_of(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in paths
    )

"""Intake settings, from INTAKE_* environment variables.

Locally everything has a safe default: a random session key and a random Ed25519 key for
access tokens per process, and a known bootstrap admin password (the local stack listens on
127.0.0.1 only, and hands its intake a development key file of its own). With
``INTAKE_ENVIRONMENT=production`` both keys are required (shared by every replica: the
session key at least 32 characters, the access-token keys as PEM in ``INTAKE_SIGNING_KEYS``
or a mounted ``INTAKE_SIGNING_KEYS_FILE``), cookies are Secure, and there is no bootstrap
admin unless ``INTAKE_BOOTSTRAP_ADMIN_PASSWORD`` is set.
"""

from __future__ import annotations

import secrets
from typing import Literal

from pydantic import Field, PrivateAttr, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from shared.auth import SigningKeys, generate, load_signing_keys
from shared.runtime.settings import ServiceSettings

LOCAL_BOOTSTRAP_ADMIN_PASSWORD = "xinbao-admin"
"""The bootstrap admin's password on a local stack when none is set (never in production)."""


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    mongo_db: str = "xinbao_intake"
    http_port: int = 8001
    environment: Literal["local", "production"] = Field(
        default="local", description="'production' makes the secrets below mandatory."
    )
    secret_key: SecretStr | None = Field(
        default=None, description="HMAC-SHA256 key signing session tokens; random per process locally."
    )
    session_hours: float = Field(default=12.0, gt=0, le=24 * 30, description="Token lifetime.")
    signing_keys: SecretStr | None = Field(
        default=None,
        description="PEM Ed25519 private keys signing access tokens, newest first (the first signs, "
        "all are published); a random one per process locally.",
    )
    signing_keys_file: str = Field(
        default="", description="A file of such PEM keys instead (a mounted Secret)."
    )
    access_token_minutes: float = Field(
        default=15.0, gt=0, le=55,
        description="Access-token lifetime (at most 55: services remember revocations for an hour).",
    )
    cookie_secure: bool | None = Field(
        default=None, description="Send the session cookie over HTTPS only (default: in production)."
    )
    bootstrap_admin_id: str = Field(default="admin", description="Log-in id of the bootstrap admin.")
    bootstrap_admin_password: SecretStr | None = Field(
        default=None, description="Password of the bootstrap admin; none means no such admin."
    )
    bcrypt_rounds: int | None = Field(
        default=None, ge=4, le=16, description="bcrypt cost (default 12 in production, 10 locally)."
    )
    # log-in throttling (services/intake/login_throttle.py): pauses per window, never lock-outs
    max_login_failures: int = Field(default=5, ge=1, description="Per account and address.")
    lockout_minutes: float = Field(default=15.0, ge=0, description="Window and longest pause.")
    login_failures_per_address: int = Field(default=30, ge=1, description="Per address, any accounts.")
    login_attempts_per_minute: int = Field(default=300, ge=1, description="Per address, good ones too.")
    login_failures_per_account: int = Field(default=100, ge=1, description="An hour, from new addresses.")
    timezone: str = Field(default="Asia/Shanghai", description="Zone of dates like feedback_due.")
    report_within_minutes: dict[str, int] = Field(
        default_factory=lambda: {"突发事件": 120},
        description="Report-within deadline of urgent items per category (JSON).",
    )
    urgent_report_minutes: int = Field(
        default=120, ge=1, description="Report-within deadline of urgent items of other categories."
    )
    resubmission_needs_sign_off: bool = Field(
        default=True,
        description="An officer's resubmission after a return waits for the unit head's sign-off, "
        "unless the unit's office chose otherwise (PUT /offices/{office_id}/rules).",
    )
    deadline_tick_seconds: float = Field(
        default=30.0, gt=0, description="How often the scheduler judges deadlines that have passed."
    )
    deadline_batch: int = Field(default=200, ge=1, description="Most deadlines judged per tick.")
    scheduler_enabled: bool = Field(
        default=True, description="Run the deadline scheduler in this process (safe on every replica)."
    )
    max_upload_bytes: int = Field(default=20_000_000, ge=1, description="Largest .docx/.xlsx upload.")
    max_unpacked_bytes: int = Field(
        default=100_000_000, ge=1, description="Most a .docx/.xlsx upload may unpack to (zip bombs)."
    )
    max_archive_entries: int = Field(default=1000, ge=1, description="Most parts in a .docx/.xlsx.")
    max_attachment_bytes: int = Field(default=5_000_000, ge=1, description="Largest kept image.")
    max_attachments: int = Field(default=20, ge=0, description="Images kept per item.")

    _keys: SigningKeys | None = PrivateAttr(default=None)

    @property
    def keys(self) -> SigningKeys:
        """The access-token keys, read (or, locally, generated) once when the settings were made."""
        assert self._keys is not None
        return self._keys

    @model_validator(mode="after")
    def _secrets_for_the_environment(self) -> IntakeSettings:
        production = self.environment == "production"
        pem = self.signing_keys.get_secret_value() if self.signing_keys else None
        keys = load_signing_keys(pem, self.signing_keys_file or None)
        if keys is None:
            if production:
                raise ValueError(
                    "INTAKE_SIGNING_KEYS or INTAKE_SIGNING_KEYS_FILE is required in production: "
                    "PEM Ed25519 keys, newest first (openssl genpkey -algorithm ed25519)"
                )
            keys = SigningKeys((generate(),))
        self._keys = keys
        if self.secret_key is None:
            if production:
                raise ValueError("INTAKE_SECRET_KEY is required in production")
            self.secret_key = SecretStr(secrets.token_urlsafe(48))
        elif len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("INTAKE_SECRET_KEY must be at least 32 characters")
        if self.bootstrap_admin_password is None and not production:
            self.bootstrap_admin_password = SecretStr(LOCAL_BOOTSTRAP_ADMIN_PASSWORD)
        if self.cookie_secure is None:
            self.cookie_secure = production
        if self.bcrypt_rounds is None:
            self.bcrypt_rounds = 12 if production else 10
        return self

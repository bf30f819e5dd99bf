"""Settings meant for a stack's service processes reach them and never this process."""

from __future__ import annotations

import os
from pathlib import Path

from deploy.localstack.config import StackConfig
from deploy.localstack.services import environment


def test_service_env_reaches_the_service_process_only(tmp_path: Path) -> None:
    config = StackConfig.with_free_ports(tmp_path, service_env={"NOTIFY_WEBHOOK_ALLOW_HTTP": "true"})
    env = environment(config, "notify", 1, 8004, {"NOTIFY_LOG_LEVEL": "DEBUG"})
    assert env["NOTIFY_WEBHOOK_ALLOW_HTTP"] == "true" and env["NOTIFY_LOG_LEVEL"] == "DEBUG"
    assert env["NOTIFY_HTTP_PORT"] == "8004"
    assert "NOTIFY_WEBHOOK_ALLOW_HTTP" not in os.environ


def test_a_service_settings_override_beats_the_stack_wide_one(tmp_path: Path) -> None:
    config = StackConfig.with_free_ports(tmp_path, service_env={"NOTIFY_LOG_LEVEL": "INFO"})
    env = environment(config, "notify", 1, 8004, {"NOTIFY_LOG_LEVEL": "DEBUG"})
    assert env["NOTIFY_LOG_LEVEL"] == "DEBUG"

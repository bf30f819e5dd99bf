"""The local stack's wiring of access tokens: intake's development signing key, made once per
stack folder, and the other services pointed at intake's public keys."""

from __future__ import annotations

import stat
from pathlib import Path

from deploy.localstack import StackConfig
from deploy.localstack.devkeys import ensure_signing_key
from deploy.localstack.services import environment
from services.intake.settings import IntakeSettings


def test_the_first_up_makes_a_signing_key_that_later_ups_keep(tmp_path: Path) -> None:
    config = StackConfig(root=tmp_path / "run")
    path = ensure_signing_key(config)
    assert path.parent == config.root
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    kid = IntakeSettings(signing_keys_file=str(path)).keys.current.kid
    assert ensure_signing_key(config) == path
    assert IntakeSettings(signing_keys_file=str(path)).keys.current.kid == kid


def test_intake_gets_the_key_file_and_the_others_intakes_jwks_url(tmp_path: Path) -> None:
    config = StackConfig.with_free_ports(tmp_path)
    intake = environment(config, "intake", 1, 8001, None)
    assert intake["INTAKE_SIGNING_KEYS_FILE"] == str(tmp_path / "intake-signing-keys.pem")
    jwks = f"http://127.0.0.1:{config.service_ports['intake']}/.well-known/jwks.json"
    for name in ("scoring", "incentives", "notify"):
        assert environment(config, name, 1, 8002, None)[f"{name.upper()}_AUTH_JWKS_URL"] == jwks
    override = environment(config, "scoring", 1, 8002, {"SCORING_AUTH_JWKS_URL": "http://elsewhere"})
    assert override["SCORING_AUTH_JWKS_URL"] == "http://elsewhere"

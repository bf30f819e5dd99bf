"""The local stack's development signing key for intake's access tokens.

Made on the first ``up`` (with the venv's Python: this package itself uses the standard
library only) and kept in the stack's folder, so every intake instance of the stack signs
with the same key and tokens survive a restart. Never used outside the local stack.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from deploy.localstack.config import StackConfig
from deploy.localstack.errors import StackError

FILE_NAME = "intake-signing-keys.pem"
JWKS_PATH = "/.well-known/jwks.json"
_GENERATE = "from shared.auth import generate; print(generate().private_pem(), end='')"


def signing_keys_file(config: StackConfig) -> Path:
    return config.root / FILE_NAME


def ensure_signing_key(config: StackConfig) -> Path:
    """The key file of this stack, made (readable by its owner only) when it is missing."""
    path = signing_keys_file(config)
    if path.exists():
        return path
    made = subprocess.run(
        [str(config.python), "-c", _GENERATE], cwd=config.repo, capture_output=True, text=True,
        timeout=60, check=False,
    )
    if made.returncode != 0 or "PRIVATE KEY" not in made.stdout:
        raise StackError(f"Cannot make intake's development signing key: {made.stderr[-2000:]}")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(made.stdout)
    os.replace(partial, path)
    return path


def auth_environment(config: StackConfig, name: str) -> dict[str, str]:
    """Intake signs with the stack's key; the other services fetch its public keys."""
    if name == "intake":
        return {"INTAKE_SIGNING_KEYS_FILE": str(signing_keys_file(config))}
    intake = f"http://127.0.0.1:{config.service_ports.get('intake', 8001)}"
    return {f"{name.upper()}_AUTH_JWKS_URL": intake + JWKS_PATH}

"""Identity and scope, once for all services: access tokens intake signs (EdDSA, JWKS),
verified locally by every service, and the scope rule they all apply (see principal.py)."""

from shared.auth.keys import SigningKey, SigningKeys, generate, load_signing_keys
from shared.auth.principal import (
    OFFICE_ROLES,
    UNIT_ROLES,
    Principal,
    Refused,
    acts_on,
    administers,
    heads_office,
    require_acts_on,
    require_admin,
    require_heads_office,
    require_self,
)
from shared.auth.revocation import Revocations
from shared.auth.tokens import (
    AUDIENCES,
    ISSUER,
    InvalidToken,
    JwksKeys,
    KeySource,
    StaticKeys,
    TokenVerifier,
    audience_of,
    issue,
)

__all__ = [
    "AUDIENCES", "ISSUER", "OFFICE_ROLES", "UNIT_ROLES", "InvalidToken", "JwksKeys", "KeySource",
    "Principal", "Refused", "Revocations", "SigningKey", "SigningKeys", "StaticKeys", "TokenVerifier",
    "acts_on", "administers", "audience_of", "generate", "heads_office", "issue", "load_signing_keys",
    "require_acts_on", "require_admin", "require_heads_office", "require_self",
]

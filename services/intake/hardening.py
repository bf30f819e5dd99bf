"""What guards intake's routes beside authentication, installed by the composition root:
log-in throttling (429), a cap on request bodies (413), CSRF checks on cookie-authenticated
changes, security headers."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from services.intake import login_throttle
from services.intake.security_headers import SecurityHeaders
from services.intake.settings import IntakeSettings
from services.intake.web.csrf import CsrfMiddleware

NO_SESSION_ROUTES = frozenset({"/auth/login", "/auth/token"})
"""Cookie-free or token-minting routes: no CSRF token (a forged call gains nothing readable)."""
FORM_OVERHEAD = 1_000_000
"""Bytes a multipart form may add to the largest upload (its other fields and boundaries)."""


def install(app: FastAPI, settings: IntakeSettings) -> None:
    """Add the guards to ``app`` (the security headers outermost, so refusals carry them too)."""
    login_throttle.install(app)
    app.add_middleware(CsrfMiddleware, exempt=NO_SESSION_ROUTES)
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_upload_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeaders, hsts=bool(settings.cookie_secure))

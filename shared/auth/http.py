"""The FastAPI side of authentication, the same in every service.

    app.state.verifier = TokenVerifier(...)         (the composition root sets it)

    @api.get("/things/{id}")
    async def thing(id: str, caller: Caller): ...   401 without a valid access token

``Refused`` raised anywhere below a route becomes 403 with its sentence (see
:func:`install`). Services that also accept their own session cookies (intake) put their own
dependency in front; the others take only ``Authorization: Bearer <access token>``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from shared.auth.principal import Principal, Refused
from shared.auth.tokens import InvalidToken, TokenVerifier
from shared.runtime.app import errors

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="xinbao"'}
PROTECTED = errors(401, 403)
"""``responses=`` of a router whose routes need a logged-in caller (``Caller``): 401 without valid
credentials, 403 when refused (``Refused``)."""


def bearer_of(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


async def caller(request: Request) -> Principal:
    """The verified caller; 401 with the reason when the token is missing or not valid."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    token = bearer_of(request)
    if token is None:
        raise HTTPException(
            401, "log in to intake (POST /auth/login) and send its access_token as "
            "'Authorization: Bearer <access_token>'", headers=CHALLENGE,
        )
    verifier: TokenVerifier = request.app.state.verifier
    try:
        principal = await verifier.verify(token)
    except InvalidToken as error:
        raise HTTPException(401, str(error), headers={**CHALLENGE, "WWW-Authenticate":
                            'Bearer realm="xinbao", error="invalid_token"'}) from None
    request.state.principal = principal
    return principal


Caller = Annotated[Principal, Depends(caller)]


def install(app: FastAPI) -> None:
    """Answer ``Refused`` with 403 and its sentence."""

    async def refused(_: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=403)

    app.add_exception_handler(Refused, refused)

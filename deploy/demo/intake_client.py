"""The few calls of intake's HTTP API the demo loader makes (never its database).

Every call acts as somebody: the client logs each person in once (POST /auth/login) and
sends their bearer token with the calls made as them.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx

from deploy.demo.errors import IntakeRejected, IntakeUnreachable, RouteMissing

# Starlette's answer when no route matches; intake's own "not found" names the missing thing.
_NO_SUCH_ROUTE = "Not Found"


class IntakeClient:
    """Blocking client for intake at ``base_url``; ``transport`` lets tests stand in a fake."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout_seconds: float = 10.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url, transport=transport, timeout=timeout_seconds
        )
        self._tokens: dict[str, str] = {}
        self._passwords: dict[str, str] = {}

    def __enter__(self) -> IntakeClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def knows(self, person_id: str, password: str) -> None:
        """Remember ``person_id``'s password; they are logged in on their first call."""
        self._passwords[person_id] = password

    def unit_exists(self, unit_id: str, *, as_: str) -> bool:
        """True if intake knows the unit (GET /units/{id} → 200), False on 404."""
        response = self._send("GET", f"/units/{unit_id}", as_)
        if response.status_code == 404 and not _route_missing(response):
            return False
        _raise_for_error("GET", f"/units/{unit_id}", response)
        return True

    def import_table(self, path: str, filename: str, table: bytes, *, as_: str) -> dict[str, Any]:
        """POST a CSV table to an import route (/org/units/import, /org/people/import)."""
        response = self._send("POST", path, as_, files={"file": (filename, table, "text/csv")})
        _raise_for_error("POST", path, response)
        answer = response.json()
        return answer if isinstance(answer, dict) else {}

    def submit(self, body: dict[str, Any], *, as_: str) -> dict[str, Any]:
        """Start an item as its author (a draft, or submitted for a unit head); the answer."""
        return self._post("/submissions", body, as_)

    def run_step(self, submission_id: str, route: str, body: dict[str, Any], *, as_: str) -> None:
        """POST /submissions/{id}/{route}: sign-off, screen, adopt, forward or instructions."""
        self._post(f"/submissions/{submission_id}/{route}", body, as_)

    def _post(self, path: str, body: dict[str, Any], as_: str) -> dict[str, Any]:
        response = self._send("POST", path, as_, json=body)
        _raise_for_error("POST", path, response)
        answer = response.json()
        return answer if isinstance(answer, dict) else {}

    def _token(self, person_id: str) -> str:
        if person_id not in self._tokens:
            login = {"person_id": person_id, "password": self._passwords.get(person_id, "")}
            response = self._request("POST", "/auth/login", json=login)
            _raise_for_error("POST", f"/auth/login ({person_id})", response)
            self._tokens[person_id] = str(response.json()["token"])
        return self._tokens[person_id]

    def _send(self, method: str, path: str, as_: str, **options: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._token(as_)}"}
        return self._request(method, path, headers=headers, **options)

    def _request(self, method: str, path: str, **options: Any) -> httpx.Response:
        try:
            return self._http.request(method, path, **options)
        except httpx.TransportError as error:
            raise IntakeUnreachable(self.base_url, str(error) or type(error).__name__) from error


def _raise_for_error(method: str, path: str, response: httpx.Response) -> None:
    if response.is_success:
        return
    error = RouteMissing if _route_missing(response) else IntakeRejected
    raise error(method, path, response.status_code, _detail(response))


def _route_missing(response: httpx.Response) -> bool:
    """404/405 about the route itself, not about the unit or item the request names."""
    if response.status_code == 405:
        return True
    return response.status_code == 404 and _detail(response) == _NO_SUCH_ROUTE


def _detail(response: httpx.Response) -> object:
    try:
        answer = response.json()
    except ValueError:
        return response.text.strip() or response.reason_phrase
    return answer.get("detail", answer) if isinstance(answer, dict) else answer

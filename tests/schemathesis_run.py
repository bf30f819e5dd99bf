"""Schemathesis against a service's own OpenAPI document, the same for every service (issue 10).

A service's ``test_schemathesis.py`` builds its document, ``schema = schema_of(DOCUMENT)``,
gives a fixture ``call`` (:func:`caller` over its seeded in-memory app and the credentials of
its widest caller) and runs each case through :func:`check` with the :func:`budget` it picks.
The checks: no server error (no 5xx, no exception) and answers as documented (status code,
content type, headers, body schema). ``-s`` prints the requests made, by operation and status
(:func:`report`).
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import httpx
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
Call = Callable[[schemathesis.Case], httpx.Response]
Sent = defaultdict[str, Counter[int]]
"""Requests made: operation label -> status -> count."""


def budget(max_examples: int) -> settings:
    """``max_examples`` generated examples per operation, derandomized (the same every run),
    without shrinking, plus the document's own examples."""
    return settings(max_examples=max_examples, derandomize=True, database=None, deadline=None,
                    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def schema_of(document: dict[str, Any]) -> Any:
    """The schemathesis schema of ``document``, without its coverage phase."""
    return schemathesis.openapi.from_dict(
        document, config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
    )


def caller(app: Any, credentials: dict[str, str]) -> Call:
    """Sends a case with ``credentials`` to ``app``, in the event loop its fixtures run in
    (call it from an async fixture)."""
    loop = asyncio.get_running_loop()
    return lambda case: loop.run_until_complete(send(app, credentials, case))


async def send(app: Any, credentials: dict[str, str], case: schemathesis.Case) -> httpx.Response:
    """The request schemathesis makes of ``case`` (serialized as for ``requests``), through the
    app's ASGI interface; headers the case sets itself win over ``credentials``."""
    made = case.as_transport_kwargs(base_url="http://testserver")
    fields = ("method", "url", "headers", "params", "cookies", "json", "data", "files")
    request = requests.Request(**{k: made[k] for k in fields if k in made}).prepare()
    headers = httpx.Headers(credentials)
    headers.update(request.headers)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        return await client.request(request.method, request.url, headers=headers, content=request.body)


def check(call: Call, case: schemathesis.Case, sent: Sent) -> None:
    """Make ``case``'s request, count it in ``sent`` and validate the answer."""
    response = call(case)
    sent[case.operation.label][response.status_code] += 1
    case.validate_response(response, checks=CHECKS)


def report(service: str, sent: Sent) -> None:
    """The requests made, by operation and status (shown with ``-s``)."""
    total = sum(sum(statuses.values()) for statuses in sent.values())
    print(f"\n{service}: {total} requests to {len(sent)} operations")
    for label, statuses in sorted(sent.items()):
        print(f"  {label}: {dict(sorted(statuses.items()))}")

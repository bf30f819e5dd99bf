"""Quality feedback on a draft before it is submitted: ask the scoring service, wait ~1 s.

Two transports, tried in order until one answers:

- ``KafkaPreviewer``: request-reply over Kafka. FastStream 0.7's ``broker.request`` works
  only under ``TestKafkaBroker`` ("Kafka doesn't support `request` method without test
  client"), so the request is published with ``reply_to`` and a ``correlation_id``; the
  scoring subscriber's return value goes to ``reply_to`` (FastStream does that for any
  subscriber), and this side matches replies to waiting requests by correlation id.
  Every intake instance reads every reply (no consumer group) and ignores the ones it
  is not waiting for; a reply that comes too late is dropped.
- ``HttpPreviewer``: POST {INTAKE_SCORING_URL}/preview, as the author: the page mints a
  short access token of the logged-in person for scoring (scoring checks their role).

Both send the draft as intake will submit it (``as_submitted``: trimmed title, paragraphs
normalised, the language intake detects), so scoring scores what it will score on submission.

A preview that nobody answers in time is ``None``: the page says the check is unavailable
and the author can still submit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Protocol

import httpx
from faststream import AckPolicy, Context
from faststream.kafka import KafkaBroker

from services.intake.domain import detect_language
from services.intake.domain.submission import normalise_paragraphs
from shared.clock import system_clock
from shared.contracts import DraftPreviewRequested, new_id
from shared.contracts.topics import PREVIEW_REPLIES, PREVIEW_REQUESTS

log = logging.getLogger("xinbao.intake.web.preview")


def as_submitted(title: str, body: str) -> tuple[str, str, str]:
    """Title, text and language of a draft as intake submits it (see domain.submission.start)."""
    title, body = title.strip(), normalise_paragraphs(body)
    return title, body, detect_language(title + body)


class Previewer(Protocol):
    async def preview(
        self, title: str, body: str, category: str | None, bearer: str | None = None
    ) -> dict[str, Any] | None:
        """The scoring preview ({overall, band, criteria, …}) or None when there is none.
        ``bearer``: an access token of the author, for transports that authenticate (HTTP)."""


class KafkaPreviewer:
    """Request-reply over Kafka; the reply subscriber is registered on ``broker`` at once."""

    def __init__(self, broker: KafkaBroker, timeout: float) -> None:
        self.broker = broker
        self.timeout = timeout
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        broker.subscriber(PREVIEW_REPLIES, auto_offset_reset="latest", ack_policy=AckPolicy.ACK_FIRST)(
            self._on_reply
        )

    async def _on_reply(self, reply: Any, correlation_id: str = Context("message.correlation_id")) -> None:
        """A scoring answer in; wakes the request waiting for it, if any (else dropped)."""
        waiting = self._waiting.get(correlation_id)
        if waiting is not None and not waiting.done() and isinstance(reply, dict):
            waiting.set_result(reply)

    async def preview(
        self, title: str, body: str, category: str | None, bearer: str | None = None
    ) -> dict[str, Any] | None:
        title, body, language = as_submitted(title, body)
        request = DraftPreviewRequested(
            title=title,
            body=body,
            category=category,
            language=language,
            # A transport deadline between two processes, checked against scoring's own
            # clock: wall time on purpose, not the office's business clock.
            expires_at=system_clock() + timedelta(seconds=self.timeout),
        )
        correlation_id = new_id()
        answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[correlation_id] = answer

        async def ask() -> dict[str, Any]:
            await self.broker.publish(
                request.model_dump(mode="json"),
                topic=PREVIEW_REQUESTS,
                reply_to=PREVIEW_REPLIES,
                correlation_id=correlation_id,
            )
            return await answer

        try:
            return await asyncio.wait_for(ask(), self.timeout)
        except Exception as error:  # a preview is optional: any failure means "unavailable"
            log.info("kafka preview unavailable", extra={"error": repr(error)})
            return None
        finally:
            self._waiting.pop(correlation_id, None)


class HttpPreviewer:
    """The scoring service's POST /preview."""

    def __init__(
        self, base_url: str, timeout: float, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.url = base_url.rstrip("/") + "/preview"
        self.timeout = timeout
        self.transport = transport

    async def preview(
        self, title: str, body: str, category: str | None, bearer: str | None = None
    ) -> dict[str, Any] | None:
        title, body, language = as_submitted(title, body)
        draft = {"title": title, "body": body, "category": category, "language": language}
        try:
            async with httpx.AsyncClient(timeout=self.timeout, transport=self.transport) as client:
                headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
                response = await client.post(self.url, json=draft, headers=headers)
            response.raise_for_status()
            return dict(response.json())
        except (httpx.HTTPError, ValueError) as error:
            log.info("http preview unavailable", extra={"error": repr(error)})
            return None


class FirstAnswer:
    """Try each previewer in turn; the first that answers wins."""

    def __init__(self, previewers: Sequence[Previewer]) -> None:
        self.previewers = list(previewers)

    async def preview(
        self, title: str, body: str, category: str | None, bearer: str | None = None
    ) -> dict[str, Any] | None:
        for previewer in self.previewers:
            answer = await previewer.preview(title, body, category, bearer)
            if answer is not None:
                return answer
        return None


def build_previewer(
    transport: str, timeout: float, *, broker: KafkaBroker | None, scoring_url: str
) -> FirstAnswer:
    """The previewers the settings ask for, in order: Kafka first, then HTTP."""
    chain: list[Previewer] = []
    if broker is not None and transport in ("auto", "kafka"):
        chain.append(KafkaPreviewer(broker, timeout))
    if scoring_url and transport in ("auto", "http"):
        chain.append(HttpPreviewer(scoring_url, timeout))
    return FirstAnswer(chain)

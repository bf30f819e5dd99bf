"""The system's event reference as an AsyncAPI document, generated from the contracts.

    python -m shared.contracts.asyncapi            # rewrite docs/asyncapi.yaml
    python -m shared.contracts.asyncapi --check    # exit 1 if the committed file is stale

Every topic appears as a channel with the union of its event schemas, the producing
service and the consumer groups; field descriptions come from the pydantic models.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI

from shared.contracts import (
    AgencyFeedEvent,
    DraftPreviewed,
    DraftPreviewRequested,
    LedgerEvent,
    NotificationEvent,
    ScoreEvent,
    SessionRevoked,
    SubmissionEvent,
    UnitEvent,
    topics,
)

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.yaml"

CHANNELS: list[tuple[str, Any, str, str]] = [
    (topics.SUBMISSIONS, SubmissionEvent, "intake", "scoring, incentives, notify"),
    (topics.UNITS, UnitEvent, "intake", "scoring, incentives, notify"),
    (topics.SESSIONS, SessionRevoked, "intake", "every instance of every service (no consumer group)"),
    (topics.SCORES, ScoreEvent, "scoring", "intake, incentives, notify"),
    (topics.LEDGER, LedgerEvent, "incentives", "intake, notify"),
    (topics.NOTIFICATIONS, NotificationEvent, "notify", "intake"),
    (topics.agency_feed_topic("{agency}"), AgencyFeedEvent, "notify", "each subscribed agency"),
    (topics.PREVIEW_REQUESTS, DraftPreviewRequested, "intake (web pages)", "scoring (answers on reply_to)"),
    (topics.PREVIEW_REPLIES, DraftPreviewed, "scoring", "the intake instance that asked"),
]


def build_document() -> dict[str, Any]:
    """The AsyncAPI 3.0 document for every topic of the system."""
    broker = KafkaBroker("kafka:9092")
    for topic, schema, producer, consumers in CHANNELS:
        broker.publisher(
            topic,
            schema=schema,
            title=topic,
            description=(
                f"Produced by {producer}; consumed by {consumers}. Keyed by the entity id so "
                f"events of one entity keep their order. Unprocessable messages go to "
                f"{topics.dead_letter_topic(topic)}."
            ),
        )
    spec = AsyncAPI(
        broker,
        title="Xinbao events",
        version="1",
        description="Events exchanged by the Xinbao services (信报 政务信息平台).",
    )
    document: dict[str, Any] = spec.to_specification().to_jsonable()
    return document


def render() -> str:
    """The document as YAML text, as committed."""
    text: str = yaml.safe_dump(build_document(), allow_unicode=True, sort_keys=True, width=100)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
        if current != text:
            print(f"{DOCUMENT} is stale: run python -m shared.contracts.asyncapi", file=sys.stderr)
            return 1
        return 0
    DOCUMENT.parent.mkdir(exist_ok=True)
    DOCUMENT.write_text(text, encoding="utf-8")
    print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

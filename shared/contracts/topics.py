"""Kafka topic names, ``<producer>.<entity>.v<major>``, and their dead-letter twins.

Every topic is keyed by its entity id (see each event's ``key_field``) so that all
events of one submission, unit or notification keep their order.
"""

SUBMISSIONS = "intake.submission.v1"
"""Life of an information item, keyed by submission_id."""

UNITS = "intake.unit.v1"
"""Org tree, quotas and deadlines, keyed by unit_id."""

SESSIONS = "intake.session.v1"
"""Revoked sessions and people (access tokens to refuse), keyed by person_id."""

SCORES = "scoring.score.v1"
"""Quality scores, keyed by submission_id."""

LEDGER = "incentives.ledger.v1"
"""Points ledger entries and standings, keyed by unit_id."""

NOTIFICATIONS = "notify.notification.v1"
"""Deliveries and bulletins, keyed by recipient or office id."""

PREVIEW_REQUESTS = "scoring.preview.v1"
"""Drafts to score now without storing them (request-reply; intake asks, scoring answers)."""

PREVIEW_REPLIES = "scoring.preview-reply.v1"
"""Scoring's answers to preview requests, matched to requests by correlation id."""

ALL_TOPICS = (SUBMISSIONS, UNITS, SESSIONS, SCORES, LEDGER, NOTIFICATIONS, PREVIEW_REQUESTS, PREVIEW_REPLIES)
"""Every topic the system publishes to, in the order of the pipeline."""

RETENTION_MS = {SESSIONS: 24 * 60 * 60 * 1000}
"""Topics kept shorter than the broker's default (milliseconds). Revocations matter only while
the tokens they void live (minutes): a day lets every instance that starts read them all."""


def agency_feed_topic(agency_id: str) -> str:
    """The topic an agency subscribed to Xinbao's feed reads (FeedItemPublished and FeedItemRetracted)."""
    return f"notify.feed.{agency_id}.v1"


def dead_letter_topic(topic: str) -> str:
    """The topic where messages from ``topic`` that can never be processed are parked."""
    return f"{topic}.dlq"


def system_topics() -> dict[str, dict[str, str]]:
    """Every topic the system needs before it starts (each of ALL_TOPICS and its dead-letter
    twin) with the topic configs that differ from the broker's defaults: what a deployment
    creates ahead, since brokers run with auto-creation off (agency topics are created by
    notify when an agency registers)."""
    names = [*ALL_TOPICS, *(dead_letter_topic(topic) for topic in ALL_TOPICS)]
    return {
        name: ({"retention.ms": str(RETENTION_MS[name])} if name in RETENTION_MS else {}) for name in names
    }

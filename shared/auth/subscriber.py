"""Every instance follows intake's revocations (topic ``intake.session.v1``).

No consumer group: each instance must see every revocation, so each reads the topic from the
start of its retention (a day; entries older than an access token's life are dropped on
arrival) and commits nothing. At-most-once is enough here: a revocation missed while an
instance was down concerns a token that expires within minutes anyway.
"""

from __future__ import annotations

from faststream import AckPolicy
from faststream.kafka import KafkaBroker

from shared.auth.revocation import Revocations
from shared.contracts import SessionRevoked, topics


def follow_revocations(broker: KafkaBroker, revocations: Revocations) -> None:
    @broker.subscriber(topics.SESSIONS, auto_offset_reset="earliest", ack_policy=AckPolicy.ACK_FIRST)
    async def on_session_revoked(event: SessionRevoked) -> None:
        apply_revocation(revocations, event)


def apply_revocation(revocations: Revocations, event: SessionRevoked) -> None:
    if event.session_id:
        revocations.revoke_session(event.session_id, event.occurred_at)
    else:
        revocations.revoke_person(event.person_id, event.occurred_at)

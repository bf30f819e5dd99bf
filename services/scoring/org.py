"""Kafka subscriber of scoring for the org tree: who may read which scores depends on it.

Kept apart from ``handlers.py`` (the item and preview subscribers) because it feeds access
control, not scoring.
"""

from __future__ import annotations

from typing import Any

from faststream.kafka import KafkaBroker

from services.scoring import usecases
from services.scoring.handlers import GROUP
from services.scoring.ports import ScoringUnitOfWork
from shared.contracts import UnitEvent, UnitRegistered, topics
from shared.messaging import Step, subscribe_batches


def register(broker: KafkaBroker, new_uow: usecases.UnitOfWorkFactory) -> None:
    """Attach the org-tree subscriber to ``broker`` (one transaction per broker batch)."""

    def unit_step(event: UnitEvent) -> Step[ScoringUnitOfWork, Any, None] | None:
        """UnitRegistered in, the unit's parent kept; quotas and deadlines ignored; key: event_id."""
        return usecases.place if isinstance(event, UnitRegistered) else None

    subscribe_batches(
        broker, topics.UNITS, group=GROUP, events=UnitEvent, new_uow=new_uow, route=unit_step
    )

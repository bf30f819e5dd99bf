"""What every incentives use case shares: the unit-of-work factory type and the producer name."""

from __future__ import annotations

from collections.abc import Callable

from services.incentives.repositories import IncentivesUnitOfWork

PRODUCER = "incentives"
UnitOfWorkFactory = Callable[[], IncentivesUnitOfWork]

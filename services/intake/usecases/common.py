"""What every intake use case shares: the producer name and the unit-of-work factory type."""

from collections.abc import Callable

from services.intake.repositories import IntakeUnitOfWork

PRODUCER = "intake"
UnitOfWorkFactory = Callable[[], IntakeUnitOfWork]

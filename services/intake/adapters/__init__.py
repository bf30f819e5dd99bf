"""Intake's storage adapters: the shared Mongo and memory units of work with its repositories."""

from services.intake.repositories import IntakeUnitOfWork
from shared.persistence import MemoryUnitOfWork, MongoUnitOfWork


class MongoIntakeUnitOfWork(MongoUnitOfWork, IntakeUnitOfWork):
    """Intake state in MongoDB."""


class MemoryIntakeUnitOfWork(MemoryUnitOfWork, IntakeUnitOfWork):
    """Intake state in memory (tests)."""


__all__ = ["MemoryIntakeUnitOfWork", "MongoIntakeUnitOfWork"]

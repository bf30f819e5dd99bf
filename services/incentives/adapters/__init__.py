"""Incentives' storage adapters: the shared Mongo and memory units of work with its repositories."""

from services.incentives.repositories import IncentivesUnitOfWork
from shared.persistence import MemoryUnitOfWork, MongoUnitOfWork


class MongoIncentivesUnitOfWork(MongoUnitOfWork, IncentivesUnitOfWork):
    """Incentives state in MongoDB."""


class MemoryIncentivesUnitOfWork(MemoryUnitOfWork, IncentivesUnitOfWork):
    """Incentives state in memory (tests)."""


__all__ = ["MemoryIncentivesUnitOfWork", "MongoIncentivesUnitOfWork"]

"""Assessment periods: '2026' (year), '2026-Q4' (quarter), '2026-11' (month). Pure."""

from __future__ import annotations

import re

from services.intake.domain.errors import InvalidInput
from shared.contracts.vocabulary import PeriodKind

_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")


def kind_of(period: str) -> PeriodKind:
    """Month, quarter or year; InvalidInput for anything else."""
    match = _PERIOD.match(period)
    if match is None:
        raise InvalidInput("period", "expected '2026', '2026-Q4' or '2026-11'", code="bad_period")
    if match.group(2):
        return PeriodKind.MONTH
    return PeriodKind.QUARTER if match.group(3) else PeriodKind.YEAR


def months_of(period: str) -> list[str]:
    """The monthly periods a period covers, e.g. '2026-Q4' → ['2026-10', '2026-11', '2026-12']."""
    kind = kind_of(period)
    year = period[:4]
    if kind == PeriodKind.MONTH:
        return [period]
    if kind == PeriodKind.QUARTER:
        first = (int(period[-1]) - 1) * 3 + 1
        return [f"{year}-{m:02d}" for m in range(first, first + 3)]
    return [f"{year}-{m:02d}" for m in range(1, 13)]

"""A sample ledger for projection tests: four towns' items over three months, as facts."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    Fact,
    ItemAdopted,
    ItemReceived,
    ItemScored,
    ItemWithdrawn,
    LedgerEntry,
    load_policy,
    replay,
)
from shared.contracts import AdoptionForm, OrgLevel, ScoreBand

POLICY = load_policy(Path(__file__).resolve().parents[1] / "policies" / "default.yaml")
START = datetime(2026, 9, 20, tzinfo=UTC)


def facts() -> list[Fact]:
    """Items of four towns over September to November: scored, adopted, one withdrawn."""
    made: list[Fact] = []
    for n in range(24):
        unit, at = f"u{n % 4}", START + timedelta(days=3 * n)
        period, sid = f"{at:%Y-%m}", f"s{n}"
        made.append(
            ItemReceived(
                event_id=f"r{n}",
                occurred_at=at,
                submission_id=sid,
                unit_id=unit,
                person_id=f"{unit}.p{n % 2}",
                period=period,
            )
        )
        made.append(
            ItemScored(
                event_id=f"q{n}",
                occurred_at=at,
                submission_id=sid,
                unit_id=unit,
                person_id=f"{unit}.p{n % 2}",
                period=period,
                band=list(ScoreBand)[n % 4],
                overall=Decimal(80),
            )
        )
        if n % 3 == 0:
            made.append(
                ItemAdopted(
                    event_id=f"a{n}",
                    occurred_at=at,
                    submission_id=sid,
                    unit_id=unit,
                    period=period,
                    adoption_id=f"ad{n}",
                    publication="city-xinxi",
                    office_level=OrgLevel.CITY,
                    form=AdoptionForm.FULL_TEXT,
                )
            )
    made.append(
        ItemWithdrawn(event_id="w3", occurred_at=START + timedelta(days=70), submission_id="s3", unit_id="u3")
    )
    return made


def batches() -> list[list[LedgerEntry]]:
    """The ledger as the service appends it: one batch per fact."""
    entries = replay(facts(), POLICY)
    return [list(group) for _, group in itertools.groupby(entries, key=lambda e: e.cause_event_id)]

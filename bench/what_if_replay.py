"""Benchmark: how long a "what if" takes for a year of facts (POST /what-if replays synchronously).

Generates a deterministic year (seeded) of item facts for a county office's units (received,
scored, about a third adopted at county, city or province level, a few instructions and
withdrawals), then replays them under the default policy with the twelve months closed,
as the service's what-if does, and ranks the year. Prints facts per second. Run:

    PYTHONPATH=. .venv/bin/python bench/what_if_replay.py [--units 60] [--items-per-unit 40]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from services.incentives.domain import (
    Fact,
    InstructionRecorded,
    ItemAdopted,
    ItemReceived,
    ItemScored,
    ItemWithdrawn,
    UnitProfile,
    load_policy,
    what_if,
)
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScoreBand, UnitKind

POLICY = Path(__file__).resolve().parents[1] / "services" / "incentives" / "policies" / "default.yaml"
TARGET_SECONDS = 5.0
PUBLICATIONS = [
    ("county-xinxi", OrgLevel.COUNTY),
    ("city-xinxi", OrgLevel.CITY),
    ("province-xinxi", OrgLevel.PROVINCE),
]


def units(count: int) -> list[UnitProfile]:
    classes = ["I", "II", "III", "IV"]
    return [
        UnitProfile(f"u{n}", f"单位{n}", classes[n % 4], OrgLevel.TOWNSHIP, UnitKind.GOVERNMENT, "county")
        for n in range(count)
    ]


def year_of_facts(profiles: list[UnitProfile], items_per_unit: int, seed: int) -> list[Fact]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, 2, tzinfo=UTC)
    facts: list[Fact] = []
    for n in range(len(profiles) * items_per_unit):
        unit = rng.choice(profiles).unit_id
        at = start + timedelta(minutes=rng.randrange(365 * 24 * 60 - 24 * 60))
        period, sid, person = f"{at:%Y-%m}", f"s{n}", f"{unit}.p{n % 3}"
        base = {"occurred_at": at, "submission_id": sid, "unit_id": unit}
        facts.append(ItemReceived(event_id=f"r{n}", person_id=person, period=period, **base))
        facts.append(
            ItemScored(
                event_id=f"q{n}",
                person_id=person,
                period=period,
                overall=Decimal(80),
                band=rng.choice(list(ScoreBand)),
                **base,
            )
        )
        if rng.random() < 0.33:
            publication, level = rng.choice(PUBLICATIONS)
            facts.append(
                ItemAdopted(
                    event_id=f"a{n}",
                    period=period,
                    adoption_id=f"ad{n}",
                    publication=publication,
                    office_level=level,
                    form=rng.choice(list(AdoptionForm)),
                    **base,
                )
            )
            if rng.random() < 0.1:
                facts.append(
                    InstructionRecorded(
                        event_id=f"i{n}",
                        period=period,
                        instruction_id=f"in{n}",
                        leader_rank=OrgLevel.CITY,
                        **base,
                    )
                )
        elif rng.random() < 0.02:
            facts.append(ItemWithdrawn(event_id=f"w{n}", **base))
    return sorted(facts, key=lambda f: f.occurred_at)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--items-per-unit", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    policy = load_policy(POLICY)
    profiles = units(args.units)
    facts = year_of_facts(profiles, args.items_per_unit, args.seed)
    months = [f"2026-{m:02d}" for m in range(1, 13)]
    started = time.perf_counter()
    table = what_if(facts, policy, profiles, "2026", closing=months)
    elapsed = time.perf_counter() - started
    print(f"units:              {len(profiles):,}")
    print(f"facts replayed:     {len(facts):,} (+ 12 months closed)")
    print(f"what-if for 2026:   {elapsed:.2f} s, {len(facts) / elapsed:,.0f} facts/s, {len(table)} standings")
    print(f"target:             under {TARGET_SECONDS:.0f} s for a county office's year")
    return 0 if elapsed < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

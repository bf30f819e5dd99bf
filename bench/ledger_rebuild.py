"""Benchmark: rebuild standings from one million ledger entries.

Generates a deterministic ledger (seeded) for ~3,000 units in a province -> city -> county ->
department/township tree, folds it into standings for the year and every month, ranks every
unit among its peers, and prints entries per second and peak memory. Run:

    PYTHONPATH=. .venv/bin/python bench/ledger_rebuild.py [--entries 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal

from services.incentives.domain import (
    LedgerEntry,
    Rule,
    StandingsTally,
    UnitProfile,
    fold,
    rank_standings,
)
from shared.contracts.vocabulary import OrgLevel, UnitKind

TARGET_PER_SECOND = 50_000
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
AWARDS: list[tuple[str, Decimal, float]] = [
    (Rule.SUBMISSION, Decimal("0.00"), 0.40),
    (Rule.QUALITY_GOOD, Decimal("2.00"), 0.20),
    (Rule.QUALITY_FAIR, Decimal("1.00"), 0.12),
    (Rule.ADOPTION, Decimal("10.00"), 0.15),
    (Rule.ADOPTION, Decimal("50.00"), 0.05),
    (Rule.INSTRUCTION, Decimal("5.00"), 0.02),
    (Rule.QUOTA_SHORTFALL, Decimal("-1.00"), 0.03),
    (Rule.URGENT_LATE, Decimal("-1.00"), 0.01),
]


def unit_tree(
    cities: int = 10, city_departments: int = 40, counties: int = 10
) -> list[UnitProfile]:
    """A province's tree: cities with departments and counties; counties with departments, towns."""
    units = [UnitProfile("province", "省政府办公厅", "I", OrgLevel.PROVINCE, UnitKind.GOVERNMENT)]
    for c in range(cities):
        city = f"c{c}"
        units.append(
            UnitProfile(city, f"市{c}", "I", OrgLevel.CITY, UnitKind.GOVERNMENT, "province")
        )
        units += [
            UnitProfile(f"{city}-d{d}", "", "II", OrgLevel.CITY, UnitKind.DEPARTMENT, city)
            for d in range(city_departments)
        ]
        for k in range(counties):
            county = f"{city}-k{k}"
            units.append(UnitProfile(county, "", "I", OrgLevel.COUNTY, UnitKind.GOVERNMENT, city))
            units += [
                UnitProfile(
                    f"{county}-d{d}", "", "III", OrgLevel.COUNTY, UnitKind.DEPARTMENT, county
                )
                for d in range(15)
            ]
            units += [
                UnitProfile(
                    f"{county}-t{t}", "", "IV", OrgLevel.TOWNSHIP, UnitKind.GOVERNMENT, county
                )
                for t in range(10)
            ]
    return units


def generate_ledger(units: list[UnitProfile], count: int, seed: int) -> list[LedgerEntry]:
    """``count`` entries; about 3 % are reversals of an earlier entry."""
    rng = random.Random(seed)
    weights = [w for _, _, w in AWARDS]
    # Busy units (county governments, big departments) write more: a skewed choice of units.
    unit_ids = [u.unit_id for u in units]
    unit_weights = [
        5.0 if u.kind is UnitKind.GOVERNMENT else 1.0 + (i % 7) for i, u in enumerate(units)
    ]
    chosen_units = rng.choices(unit_ids, unit_weights, k=count)
    chosen_rules = rng.choices(range(len(AWARDS)), weights, k=count)
    ledger: list[LedgerEntry] = []
    for n in range(count):
        if n > 100 and rng.random() < 0.03:
            ledger.append(_reversal(ledger[rng.randrange(n - 100, n)], n))
            continue
        rule, points, _ = AWARDS[chosen_rules[n]]
        unit = chosen_units[n]
        money = Decimal("100.00") if points >= 50 else Decimal("0.00")
        ledger.append(
            LedgerEntry(
                f"ev{n}:{rule}:{unit}",
                unit,
                f"p-{unit}",
                f"s{n // 3}",
                MONTHS[n * 12 // count],
                points,
                money,
                rule,
                "bench-1",
                f"ev{n}",
                "bench",
            )
        )
    return ledger


def _reversal(entry: LedgerEntry, n: int) -> LedgerEntry:
    return LedgerEntry(
        f"ev{n}:reverses:{entry.entry_id}",
        entry.unit_id,
        entry.person_id,
        entry.submission_id,
        entry.period,
        -entry.points,
        -entry.money,
        entry.rule,
        entry.policy_version,
        f"ev{n}",
        "bench reversal",
        entry.entry_id,
    )


def rebuild(ledger: list[LedgerEntry], units: list[UnitProfile]) -> tuple[int, float]:
    """Fold the ledger, rank every unit for the year and each month: (standings read, fold s)."""
    started = time.perf_counter()
    tally: StandingsTally = fold(ledger)
    folded = time.perf_counter() - started
    group_of: Callable[[str], str] = {u.unit_id: u.unit_class for u in units}.__getitem__
    ids = [u.unit_id for u in units]
    read = 0
    for period in ["2026", *MONTHS]:
        read += len(rank_standings(tally, ids, period, group_of, "total"))
    return read, folded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    units = unit_tree()
    started = time.perf_counter()
    ledger = generate_ledger(units, args.entries, args.seed)
    generated = time.perf_counter() - started

    started = time.perf_counter()
    read, folded = rebuild(ledger, units)
    elapsed = time.perf_counter() - started
    rate = len(ledger) / elapsed

    tracemalloc.start()
    rebuild(ledger, units)
    _, rebuild_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"units:                {len(units):,}")
    print(f"entries:              {len(ledger):,} (generated in {generated:.1f} s)")
    print(f"rebuild (13 periods): {elapsed:.2f} s, {read:,} standings (fold {folded:.2f} s)")
    print(f"entries per second:   {rate:,.0f} (target {TARGET_PER_SECOND:,})")
    print(f"peak memory, rebuild: {rebuild_peak / 2**20:.1f} MiB above the ledger (tracemalloc)")
    print(f"peak RSS, process:    {peak_rss_mb:.0f} MiB (ledger held in memory included)")
    return 0 if rate >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main())

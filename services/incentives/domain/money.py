"""Exact amounts: points and yuan are Decimals rounded to the cent, splits that add up exactly."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_cents(amount: Decimal | int | str) -> Decimal:
    """``amount`` rounded half-up to two decimal places (points and yuan alike)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def split_evenly(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` cent-exact shares that sum to it; earlier shares take the odd cents.

    10.00 among 3 units is 3.34, 3.33, 3.33: no cent is created or lost by a split.
    """
    if parts < 1:
        raise ValueError("cannot split among fewer than one part")
    return split_by_weights(amount, [Decimal(1)] * parts)


def split_by_weights(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``amount`` shared in proportion to ``weights``, cent-exact (largest remainders first)."""
    total_weight = sum(weights, Decimal(0))
    if total_weight <= 0:
        raise ValueError("weights must add up to more than zero")
    cents = int(to_cents(amount) / CENT)
    exact = [Decimal(cents) * w / total_weight for w in weights]
    shares = [int(e.to_integral_value(rounding="ROUND_FLOOR")) for e in exact]
    leftover = cents - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:leftover]:
        shares[i] += 1
    return [Decimal(s) * CENT for s in shares]


def scale(amount: Decimal, factor: Decimal) -> Decimal:
    """``amount`` times ``factor``, rounded to the cent."""
    return to_cents(amount * factor)


def within_budget(requested: Decimal, spent: Decimal, budget: Decimal | None) -> Decimal:
    """What can be paid of ``requested`` when ``spent`` of ``budget`` is gone (None: no cap)."""
    if budget is None or requested <= 0:
        return requested
    return max(ZERO, min(requested, to_cents(budget - spent)))

"""How well scores predict what editors decide: adopted items against returned ones.

The report gives both groups' mean scores and the AUC: the chance that a randomly chosen
adopted item scored higher than a randomly chosen returned one (0.5 = no better than chance).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True)
class AgreementReport:
    """Scores of adopted and returned items compared."""

    adopted: int
    returned: int
    mean_adopted: float | None
    mean_returned: float | None
    auc: float | None


def agreement(decided: Iterable[tuple[float, bool]]) -> AgreementReport:
    """``decided`` holds (overall score, was adopted) for items adopted or returned."""
    pairs = list(decided)
    adopted = [score for score, won in pairs if won]
    returned = [score for score, won in pairs if not won]
    return AgreementReport(
        adopted=len(adopted),
        returned=len(returned),
        mean_adopted=round(fmean(adopted), 2) if adopted else None,
        mean_returned=round(fmean(returned), 2) if returned else None,
        auc=_auc(adopted, returned),
    )


def _auc(positives: list[float], negatives: list[float]) -> float | None:
    if not positives or not negatives:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return round(wins / (len(positives) * len(negatives)), 3)

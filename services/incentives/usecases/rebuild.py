"""Rebuilding and checking the totals projection from the ledger.

- ``verify_totals``: folds the ledger (inside a period, or all of it) page by page and lists
  the cells where the stored projection differs. Writes nothing.
- ``rebuild_totals``: scans the ledger for every unit and officer in scope, then rewrites
  each one's cells from its own entries in a unit of work of its own. A live consumer
  appending meanwhile conflicts on the same cell (the transaction is retried), so the
  rebuild can run beside the service. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from services.incentives.repositories import SUBJECTS, Cell, Subject, cells_of
from services.incentives.usecases.common import UnitOfWorkFactory
from shared.messaging.errors import is_infrastructure

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as the work advances."""

PAGE = 2000
ATTEMPTS = 5


@dataclass(frozen=True)
class Difference:
    subject: Subject
    subject_id: str
    period: str
    stored: Cell | None
    expected: Cell | None


@dataclass(frozen=True)
class RebuildReport:
    scope: str | None
    entries: int
    subjects: int
    cells_changed: int


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress display."""


async def verify_totals(
    new_uow: UnitOfWorkFactory, scope: str | None = None, progress: Progress = _quiet
) -> list[Difference]:
    """Cells where the projection and the fold of the ledger disagree (empty: in step)."""
    expected = await _fold_ledger(new_uow, scope, progress)
    differences = []
    for subject in SUBJECTS:
        async with new_uow() as uow:
            stored = await uow.totals.cells(subject, scope)
        wanted = expected[subject]
        for key in sorted(stored.keys() | wanted.keys()):
            if _values(stored.get(key)) != _values(wanted.get(key)):
                differences.append(Difference(subject, *key, stored.get(key), wanted.get(key)))
    return differences


async def rebuild_totals(
    new_uow: UnitOfWorkFactory, scope: str | None = None, progress: Progress = _quiet
) -> RebuildReport:
    """Recompute every cell inside ``scope`` (None: all periods) from the ledger."""
    expected = await _fold_ledger(new_uow, scope, progress)
    subjects = {(s, subject_id) for s in SUBJECTS for subject_id, _ in expected[s]}
    for subject in SUBJECTS:
        async with new_uow() as uow:
            subjects |= {(subject, subject_id) for subject_id, _ in await uow.totals.cells(subject, scope)}
    changed = 0
    ordered = sorted(subjects)
    for done, (subject, subject_id) in enumerate(ordered, 1):
        changed += await _rebuild_one(new_uow, subject, subject_id, scope)
        progress("rebuild", done, len(ordered))
    entries = sum(cell.entries for cell in expected["unit"].values())
    return RebuildReport(scope, entries, len(ordered), changed)


async def _fold_ledger(
    new_uow: UnitOfWorkFactory, scope: str | None, progress: Progress
) -> dict[Subject, dict[tuple[str, str], Cell]]:
    async with new_uow() as uow:
        total = await uow.ledger.count(scope)
    cells: dict[Subject, dict[tuple[str, str], Cell]] = {s: {} for s in SUBJECTS}
    seen = 0
    while True:
        async with new_uow() as uow:
            page = await uow.ledger.page(scope, seen, PAGE)
        if not page:
            return cells
        for subject in SUBJECTS:
            for key, cell in cells_of(subject, page).items():
                cells[subject][key] = cells[subject].get(key, Cell()).plus(cell)
        seen += len(page)
        progress("scan", seen, max(total, seen))


async def _rebuild_one(
    new_uow: UnitOfWorkFactory, subject: Subject, subject_id: str, scope: str | None
) -> int:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            async with new_uow() as uow:
                entries = await uow.ledger.for_subject(subject, subject_id, scope)
                fresh = {period: cell for (_, period), cell in cells_of(subject, entries).items()}
                changed = await uow.totals.replace(subject, subject_id, scope, fresh)
                await uow.commit()
            return changed
        except Exception as error:
            if attempt == ATTEMPTS or not is_infrastructure(error):
                raise
            await asyncio.sleep(0.05 * attempt)
    return 0


def _values(cell: Cell | None) -> tuple[object, ...] | None:
    return None if cell is None or cell.entries == 0 else (*cell.sums(), cell.unit_ids)

"""Tables in and out: CSV (UTF-8, with or without BOM) and Excel .xlsx (first sheet).

Rows come back as dicts keyed by the lower-cased header, values as stripped text, each with
the line or sheet row number people see in their spreadsheet.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from services.intake.adapters.archive import ArchiveLimits, check_archive
from services.intake.domain import InvalidInput

Row = dict[str, str]


def read_table(
    data: bytes, filename: str, archive: ArchiveLimits = ArchiveLimits()
) -> list[tuple[int, Row]]:
    """(row number, row) for each non-empty row under the header; an .xlsx that unpacks to
    more than ``archive`` allows is TooLarge."""
    if filename.lower().endswith(".xlsx"):
        check_archive(data, archive, kind=".xlsx", media="xl/media/")
        grid = _xlsx_grid(data)
    elif filename.lower().endswith(".csv"):
        grid = _csv_grid(data)
    else:
        raise InvalidInput("file", "expected a .csv or .xlsx file", code="table_type")
    if not grid:
        raise InvalidInput("file", "the table is empty", code="table_empty")
    header = [h.strip().lower() for h in grid[0]]
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        if any(c.strip() for c in cells):
            padded = list(cells) + [""] * (len(header) - len(cells))
            rows.append((number, {h: padded[i].strip() for i, h in enumerate(header) if h}))
    return rows


def write_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> bytes:
    """CSV with a BOM, so that Excel opens the Chinese text correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def write_xlsx(columns: Sequence[str], rows: Sequence[dict[str, Any]], title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_grid(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput("file", "a CSV file must be UTF-8 encoded", code="csv_encoding") from error
    return [row for row in csv.reader(io.StringIO(text))]


def _xlsx_grid(data: bytes) -> list[list[str]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InvalidInput("file", "not a readable .xlsx file", code="xlsx_unreadable") from error
    sheet = book.worksheets[0]
    grid = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return grid

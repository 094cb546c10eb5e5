"""Why a file's required columns were not found where they should be, in one message.

When the required columns are not in row 1 of a CSV or of an Excel file's first sheet, the
pipeline looks a little further before saying they are missing: a header in a later row
(title rows above it), on another sheet, or a CSV separated by semicolons or tabs. What it
finds replaces the list of "missing" columns the user can see in the file.
"""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

from pipeline.ingest.cells import normalise_header
from pipeline.ingest.readers import CSV_SUFFIX, EXCEL_SUFFIX

ROWS_LOOKED_AT = 20
SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _holds(row: list[object], required: tuple[str, ...]) -> bool:
    found = {normalise_header(str(cell)) for cell in row if cell is not None}
    return bool(required) and set(required) <= found


def _csv_hint(text: str, name: str, required: tuple[str, ...]) -> str | None:
    lines = text.splitlines()[:ROWS_LOOKED_AT]
    for separator, words in SEPARATORS.items():
        first = next(csv.reader(io.StringIO(lines[0] if lines else ""), delimiter=separator), [])
        if _holds(first, required):
            return (
                f"{name} is separated by {words}, not commas: save it again as CSV with commas "
                "(in Excel, CSV UTF-8 (Comma delimited); in LibreOffice, field delimiter ',')"
            )
    for number, row in enumerate(csv.reader(io.StringIO("\n".join(lines))), 1):
        if number > 1 and _holds(row, required):
            return _later_row(name, number)
    return None


def _later_row(name: str, number: int) -> str:
    return (
        f"{name}: the column names are in row {number}, not row 1: delete the "
        f"{number - 1} row{'s' if number > 2 else ''} above them and save the file again"
    )


def _excel_hint(path: Path, name: str, required: tuple[str, ...]) -> str | None:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for index, sheet in enumerate(book.worksheets):
            sheet.reset_dimensions()  # as the reader does: a sheet's declared range may be wrong
            rows = sheet.iter_rows(max_row=ROWS_LOOKED_AT, values_only=True)
            for number, row in enumerate(rows, 1):
                if not _holds(list(row), required):
                    continue
                if index == 0:
                    return _later_row(name, number)
                return (
                    f"{name}: the columns are on the sheet '{sheet.title}', not on the first "
                    f"sheet '{book.worksheets[0].title}': move that sheet to the front, or save "
                    "it on its own"
                )
    finally:
        book.close()
    return None


def header_hint(path: Path, name: str, required: tuple[str, ...]) -> str | None:
    """Where the required columns are, if not in row 1 of the first sheet; None if not found."""
    suffix = path.suffix.lower()
    try:
        if suffix == CSV_SUFFIX:
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
            return _csv_hint(text, name, required)
        if suffix == EXCEL_SUFFIX:
            return _excel_hint(path, name, required)
    except Exception:
        return None
    return None

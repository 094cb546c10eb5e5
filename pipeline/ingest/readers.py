"""Reading a data folder's files into text cells.

A file becomes a :class:`Table`: its header cells as written, and every data row's
cells as text exactly as a person sees them in a spreadsheet (``""`` when empty),
with the spreadsheet row number of each row (header = row 1). CSV (UTF-8, with or
without BOM), Excel ``.xlsx`` (first sheet) and SPSS ``.sav`` (value labels as text,
dates as ``YYYY-MM-DD``) all give the same kind of table, so the rules of the data
contract are applied once, to text, whatever the format (by
:mod:`pipeline.ingest.cells`). :func:`read_header` reads only the header row, for
the pre-flight check; :func:`sha256_of` fingerprints a file for the run's manifest.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

from pipeline.errors import InputError
from pipeline.ingest.cells import cells_as_text
from pipeline.ingest.files import check_file, read_bytes
from pipeline.ingest.packages import package_problem

log = logging.getLogger(__name__)

CSV_SUFFIX = ".csv"
EXCEL_SUFFIX = ".xlsx"
SPSS_SUFFIX = ".sav"
# SPSS's own name for its compressed format, which the same reader reads.
SPSS_SUFFIXES = (SPSS_SUFFIX, ".zsav")
_SAVE_EXCEL = "open it in Excel or LibreOffice and save it again as .xlsx (Excel Workbook)"


@dataclass(frozen=True)
class Table:
    """One file's cells as text.

    ``cells`` has one column per header cell, numbered from 0, every value a
    string (``""`` when empty); rows that are entirely empty are left out, and
    ``rows`` holds each remaining row's spreadsheet row number (header = 1).
    """

    name: str
    headers: tuple[str, ...]
    cells: pd.DataFrame
    rows: np.ndarray
    sha256: str

    def __len__(self) -> int:
        return len(self.cells)


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- files


def read_header(path: Path, name: str) -> tuple[str, ...]:
    """The header cells of a file, checking that it opens and decodes; InputError if not."""
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        headers = tuple(_first_record(_decode_csv(read_bytes(path, name), name)))
    elif suffix == EXCEL_SUFFIX:
        headers = _excel_rows(path, name, header_only=True)[0]
    elif suffix in SPSS_SUFFIXES:
        headers = _spss_header(path, name)
    else:  # pragma: no cover - callers only pass the three suffixes
        msg = f"{name}: files of type '{path.suffix}' cannot be read"
        raise InputError(msg)
    if not any(h.strip() for h in headers):
        msg = f"{name} has no header row: its first row must hold the column names"
        raise InputError(msg)
    return headers


def read_table(path: Path, name: str) -> Table:
    """Every cell of a CSV, ``.xlsx`` or ``.sav`` file as text; InputError if it cannot be read."""
    raw = read_bytes(path, name)
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        headers, cells = _csv_cells(raw, name)
    elif suffix == EXCEL_SUFFIX:
        headers, rows = _excel_rows(path, name, header_only=False)
        cells = _frame_of_rows(rows, len(headers))
    elif suffix in SPSS_SUFFIXES:
        headers, cells = _spss_cells(path, name)
    else:  # pragma: no cover
        msg = f"{name}: files of type '{path.suffix}' cannot be read"
        raise InputError(msg)
    if not any(h.strip() for h in headers):
        msg = f"{name} has no header row: its first row must hold the column names"
        raise InputError(msg)
    cells.columns = pd.RangeIndex(len(cells.columns))
    row_numbers = np.arange(2, len(cells) + 2, dtype="int64")
    blank = _blank_rows(cells)
    if blank.any():
        log.debug("%s: %d empty rows ignored", name, int(blank.sum()))
        cells = cells.loc[~blank].reset_index(drop=True)
        row_numbers = row_numbers[~blank]
    return Table(name, tuple(headers), cells, row_numbers, sha256_of(raw))


def _blank_rows(cells: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or spaces.

    Each column is looked at only in the rows still blank so far: after the first column (an
    id, usually), that is the few rows left, not every row of every column.
    """
    blank = np.ones(len(cells), dtype=bool) if len(cells.columns) else np.zeros(len(cells), bool)
    for column in cells.columns:
        rows = np.flatnonzero(blank)
        if not len(rows):
            break
        blank[rows] = cells[column].iloc[rows].str.strip().eq("").to_numpy(dtype=bool)
    return blank


def line_number(raw: bytes, offset: int) -> int:
    """The line ``offset`` is on, counting each line end as a spreadsheet writes it: ``\r\n``
    (Windows), ``\n`` (Linux, macOS) or ``\r`` alone (Excel for Mac's "CSV (Macintosh)")."""
    before = raw[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _nul_problem(raw: bytes, name: str) -> str | None:
    """A NUL byte never belongs in text: a copy cut short, or a file saved as UTF-16."""
    first = raw.find(b"\0")
    if first < 0:
        return None
    row = line_number(raw, first)
    if not raw[first:].strip(b"\0"):
        return (
            f"{name} ends in {len(raw) - first:,} empty (NUL) bytes from row {row} on, where "
            "its text stops: the file was cut short while being copied or synchronised, so "
            "rows are missing. Copy it again from where it was made"
        )
    return (
        f"{name} holds a NUL character in row {row}, which a CSV file never holds: it is not "
        "a UTF-8 text file (perhaps saved as 'Unicode Text' or UTF-16). Save it again as "
        "'CSV UTF-8 (Comma delimited)'"
    )


def _decode_csv(raw: bytes, name: str) -> str:
    problem = _nul_problem(raw, name)
    if problem:
        raise InputError(problem)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = line_number(raw, exc.start)
        msg = (
            f"{name} is not UTF-8 text (the first character that is not is in row {row}): "
            "save it again as UTF-8. In Excel: Save As, 'CSV UTF-8 (Comma delimited)'; in "
            "LibreOffice: Save As, 'Text CSV', then choose the character set 'Unicode (UTF-8)'"
        )
        raise InputError(msg) from None


_LINE_END = re.compile(r"\r\n|\r|\n")
_PANDAS_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _csv_cells(raw: bytes, name: str) -> tuple[tuple[str, ...], pd.DataFrame]:
    text = _decode_csv(raw, name)
    if not text.strip():
        msg = f"{name} has no header row: its first row must hold the column names"
        raise InputError(msg)
    body = raw.removeprefix(codecs.BOM_UTF8)
    width = len(_first_record(text))
    try:
        frame = _csv_by_pyarrow(body, width)
    except pa.ArrowInvalid:
        # Rows of uneven length: pandas pads short rows and names a long one.
        frame = _csv_by_pandas(body, name)
    headers = tuple(frame.iloc[0].tolist())
    return headers, frame.iloc[1:].reset_index(drop=True)


def _first_record(text: str) -> list[str]:
    """The first CSV record (the header), read without splitting the whole text."""

    def lines() -> Iterator[str]:
        # Each line with its end, whichever a spreadsheet wrote (\r\n, \n, or \r alone).
        start = 0
        for end in _LINE_END.finditer(text):
            yield text[start : end.end()]
            start = end.end()
        if start < len(text):
            yield text[start:]

    return next(csv.reader(lines()), [])


def _csv_by_pyarrow(body: bytes, width: int) -> pd.DataFrame:
    """Every cell as text, fast; ArrowInvalid if a row's length differs from the header's."""
    names = [f"c{i}" for i in range(width)]
    table = pa_csv.read_csv(
        io.BytesIO(body),
        read_options=pa_csv.ReadOptions(column_names=names),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        ),
    )
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype(na_value=np.nan)}.get)
    frame.columns = pd.RangeIndex(width)
    return frame


def _csv_by_pandas(body: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            io.BytesIO(body),
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            encoding="utf-8",
            engine="c",
        )
    except pd.errors.ParserError as exc:
        found = _PANDAS_FIELDS.search(str(exc))
        detail = (
            f"row {found.group(2)} has {found.group(3)} cells but the header row has "
            f"{found.group(1)}; check for an unquoted comma in a cell"
            if found
            else str(exc)
        )
        msg = f"{name} cannot be read as CSV: {detail}"
        raise InputError(msg) from None
    return frame.fillna("").astype("str")


def _excel_rows(path: Path, name: str, *, header_only: bool) -> tuple[tuple[str, ...], list]:
    """The first sheet's header and rows (raw cell values) via openpyxl's read-only mode."""
    import openpyxl  # imported here: only Excel folders pay for it

    check_file(path, name)
    problem = package_problem(path, name, "an Excel workbook", _SAVE_EXCEL)
    if problem:
        raise InputError(problem)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it ignores (data validation, styles).
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    msg = f"{name} has no worksheet"
                    raise InputError(msg)
                sheet = book.worksheets[0]
                # The sheet's own idea of its used range (its <dimension>) is not trusted: some
                # programs write it wrong, and Excel and LibreOffice show every cell regardless.
                sheet.reset_dimensions()
                rows = sheet.iter_rows(max_row=1 if header_only else None, values_only=True)
                all_rows = list(rows)
            finally:
                book.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged file
        log.debug("openpyxl could not read %s", path, exc_info=True)
        msg = (
            f"{name} cannot be opened as an Excel workbook ({type(exc).__name__}): "
            f"it may be damaged or not really .xlsx; {_SAVE_EXCEL}"
        )
        raise InputError(msg) from None
    if not all_rows or all(v is None for v in all_rows[0]):
        msg = f"{name}: the first sheet is empty; the header must be in row 1 of the first sheet"
        raise InputError(msg)
    header_cells = list(all_rows[0])
    while header_cells and header_cells[-1] is None:
        header_cells.pop()
    headers = tuple("" if v is None else str(v) for v in header_cells)
    return headers, all_rows[1:]


def _even_rows(rows: list, width: int) -> list:
    """Every row ``width`` cells long: a sheet's rows end at their last cell, not the header's."""
    if set(map(len, rows)) <= {width}:
        return rows
    empty = (None,) * width
    return [tuple(row[:width]) + empty[len(row) :] for row in rows]


def _frame_of_rows(rows: list, width: int) -> pd.DataFrame:
    rows = _even_rows(rows, width)
    frame = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame()
    if frame.shape[1] < width:
        for extra in range(frame.shape[1], width):
            frame[extra] = None
    frame = frame.iloc[:, :width] if width else frame.iloc[:, :0]
    frame.columns = pd.RangeIndex(frame.shape[1])
    return pd.DataFrame({c: cells_as_text(frame[c]) for c in frame.columns}, index=frame.index)


def _spss_header(path: Path, name: str) -> tuple[str, ...]:
    import pyreadstat

    _check_spss(path, name)
    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception as exc:  # pyreadstat raises ReadstatError and others
        raise InputError(_spss_problem(name, exc)) from None
    return tuple(meta.column_names)


def _spss_cells(path: Path, name: str) -> tuple[tuple[str, ...], pd.DataFrame]:
    import pyreadstat

    _check_spss(path, name)
    try:
        frame, meta = pyreadstat.read_sav(
            str(path), apply_value_formats=True, dates_as_pandas_datetime=True
        )
    except Exception as exc:
        raise InputError(_spss_problem(name, exc)) from None
    headers = tuple(meta.column_names)
    cells = pd.DataFrame(
        {i: cells_as_text(frame[c]) for i, c in enumerate(frame.columns)}, index=frame.index
    )
    if cells.shape[1] == 0:
        cells = pd.DataFrame(index=frame.index)
    return headers, cells


# SPSS 21 and later can wrap a .sav file in password encryption; the wrapper's first bytes say so.
_SPSS_ENCRYPTED = b"ENCRYPTED"
_SPSS_HEADER_BYTES = 36


def _check_spss(path: Path, name: str) -> None:
    """An ordinary file, and not a password-encrypted one (which pyreadstat calls damaged)."""
    check_file(path, name)
    with open(path, "rb") as handle:
        start = handle.read(_SPSS_HEADER_BYTES)
    if _SPSS_ENCRYPTED in start:
        msg = (
            f"{name} is an SPSS file encrypted with a password, so it cannot be read: ask the "
            "survey agency for a copy saved without the password"
        )
        raise InputError(msg)


def _spss_problem(name: str, exc: Exception) -> str:
    log.debug("pyreadstat could not read %s: %r", name, exc)
    return (
        f"{name} cannot be opened as an SPSS .sav file ({exc}): "
        "it may be damaged; ask the survey agency to send it again"
    )

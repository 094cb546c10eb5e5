"""Reading a data folder's files into text cells, and text cells into typed values.

A file becomes a :class:`Table`: its header cells as written, and every data row's
cells as text exactly as a person sees them in a spreadsheet (``""`` when empty),
with the spreadsheet row number of each row (header = row 1). CSV (UTF-8, with or
without BOM), Excel ``.xlsx`` (first sheet) and SPSS ``.sav`` (value labels as text,
dates as ``YYYY-MM-DD``) all give the same kind of table, so the rules of the data
contract are applied once, to text, whatever the format.

The parsers at the end of the module turn normalised text columns into typed
columns, vectorised; each returns the values and masks of the cells that break
the contract, and leaves the wording of the problem to the caller.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

from pipeline.errors import InputError
from pipeline.spec.contract import FALSE_WORDS, TRUE_WORDS

log = logging.getLogger(__name__)

CSV_SUFFIX = ".csv"
EXCEL_SUFFIX = ".xlsx"
SPSS_SUFFIX = ".sav"

# Apostrophes and quotes NFKC leaves alone but people type interchangeably.
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'"})
_HEADER_SEPARATORS = re.compile(r"[\s\-]+")
# A date (and time) cell from Excel or SPSS written out as text by ``str``.
_DATETIME_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(?:\.\d+)?$")
_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_FIRST_DATE = pd.Timestamp("1678-01-01")
_LAST_DATE = pd.Timestamp("2261-12-31")
_UK_DATE = r"\d{1,2}/\d{1,2}/\d{4}"


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


def normalise_header(text: str) -> str:
    """``' Start Date'`` -> ``'start_date'``: NFKC, trimmed, lower case, spaces/hyphens -> ``_``."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_APOSTROPHES).strip().lower()
    return _HEADER_SEPARATORS.sub("_", text)


def normalise_scalar(text: str) -> str:
    """One piece of text as every cell is normalised: NFKC, apostrophes straightened, trimmed."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).strip()


def normalise_text(text: pd.Series) -> pd.Series:
    """A column of cells as NFKC text, curly apostrophes straightened, trimmed; ``""`` when empty.

    NFKC alone leaves a curly apostrophe (U+2019) as it is, so it is straightened
    here as the contract means it to match a straight one. Only cells that are not
    plain ASCII need the (slower) normalisation.
    """
    text = text.astype("str").fillna("")
    special = ~text.str.isascii()
    if special.any():
        fixed = text[special].str.normalize("NFKC").str.translate(_APOSTROPHES)
        text = text.mask(special, fixed)
    return text.str.strip()


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- files


def read_header(path: Path, name: str) -> tuple[str, ...]:
    """The header cells of a file, checking that it opens and decodes; InputError if not."""
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        headers = tuple(_first_record(_decode_csv(path.read_bytes(), name)))
    elif suffix == EXCEL_SUFFIX:
        headers = _excel_rows(path, name, header_only=True)[0]
    elif suffix == SPSS_SUFFIX:
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
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        headers, cells = _csv_cells(raw, name)
    elif suffix == EXCEL_SUFFIX:
        headers, rows = _excel_rows(path, name, header_only=False)
        cells = _frame_of_rows(rows, len(headers))
    elif suffix == SPSS_SUFFIX:
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
    if cells.empty:
        return np.zeros(len(cells), dtype=bool)
    return np.logical_and.reduce(
        [cells[c].str.strip().eq("").to_numpy(dtype=bool) for c in cells.columns]
    )


def _decode_csv(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = (
            f"{name} is not UTF-8 text (the first bad byte is at position {exc.start}): "
            "open it in Excel and save it as 'CSV UTF-8 (Comma delimited)'"
        )
        raise InputError(msg) from None


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
        start = 0
        while start < len(text):
            end = text.find("\n", start)
            if end < 0:
                yield text[start:]
                return
            yield text[start : end + 1]
            start = end + 1

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
            "it may be damaged or not really .xlsx; save it again from Excel"
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


def _frame_of_rows(rows: list, width: int) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame()
    if frame.shape[1] < width:
        for extra in range(frame.shape[1], width):
            frame[extra] = None
    frame = frame.iloc[:, :width] if width else frame.iloc[:, :0]
    frame.columns = pd.RangeIndex(frame.shape[1])
    return pd.DataFrame({c: cells_as_text(frame[c]) for c in frame.columns}, index=frame.index)


def _spss_header(path: Path, name: str) -> tuple[str, ...]:
    import pyreadstat

    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception as exc:  # pyreadstat raises ReadstatError and others
        raise InputError(_spss_problem(name, exc)) from None
    return tuple(meta.column_names)


def _spss_cells(path: Path, name: str) -> tuple[tuple[str, ...], pd.DataFrame]:
    import pyreadstat

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


def _spss_problem(name: str, exc: Exception) -> str:
    log.debug("pyreadstat could not read %s: %r", name, exc)
    return (
        f"{name} cannot be opened as an SPSS .sav file ({exc}): "
        "it may be damaged; ask the survey agency to send it again"
    )


def cells_as_text(values: pd.Series) -> pd.Series:
    """Cells of any type (from Excel or SPSS) as the text a person would type for them.

    Dates become ``YYYY-MM-DD``; whole numbers lose their ``.0``; booleans become
    ``true``/``false`` (``True``/``False`` from Excel); empty cells become ``""``.
    """
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = cells_as_text(pd.Series(values.cat.categories, dtype=object))
        codes = values.cat.codes.to_numpy()
        text = np.where(codes >= 0, categories.to_numpy(dtype=object)[codes], "")
        return pd.Series(text, index=values.index, dtype="str")
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return values.dt.strftime("%Y-%m-%d").astype("str").fillna("")
    if pd.api.types.is_bool_dtype(dtype):
        return values.map({True: "true", False: "false"}).astype("str").fillna("")
    if pd.api.types.is_numeric_dtype(dtype):
        numbers = values.astype("float64")
        whole = numbers.notna() & np.isfinite(numbers) & (numbers == np.round(numbers))
        text = numbers.astype("str")
        as_int = numbers.where(whole).astype("Int64").astype("str")
        return as_int.where(whole, text).where(numbers.notna(), "").astype("str")
    missing = values.isna()
    text = values.astype("str").where(~missing, "")
    # An Excel date cell arrives as a datetime: keep its date.
    return text.str.replace(_DATETIME_TEXT, r"\1", regex=True)


# --------------------------------------------------------------------------- parsers


@dataclass(frozen=True)
class ParsedDates:
    values: pd.Series  # datetime64[ns], NaT when empty or bad
    malformed: pd.Series  # non-empty, not YYYY-MM-DD or DD/MM/YYYY
    impossible: pd.Series  # right form, no such day (31/02/2006)


def _distinct(text: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(codes, distinct values): parsers work on each distinct cell once.

    A column of 300,000 cells holds a few hundred dates or a handful of
    categories, so parsing the distinct values and spreading the results back
    with ``take`` is much faster than parsing every cell.
    """
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    return codes, pd.Series(uniques, dtype="str")


def _spread(values: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    spread = values.reset_index(drop=True).take(codes)
    spread.index = index
    return spread


def parse_dates(text: pd.Series) -> ParsedDates:
    """ISO ``YYYY-MM-DD`` or UK ``DD/MM/YYYY`` (day and month may be one digit) text as dates."""
    codes, distinct = _distinct(text)
    iso = distinct.str.fullmatch(_ISO_DATE).fillna(False).to_numpy(dtype=bool)
    uk = distinct.str.fullmatch(_UK_DATE).fillna(False).to_numpy(dtype=bool)
    dates = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns]")
    for form, pattern in ((iso, "%Y-%m-%d"), (uk, "%d/%m/%Y")):
        if form.any():
            parsed = pd.to_datetime(distinct[form], format=pattern, errors="coerce")
            # Outside what datetime64[ns] holds (a typo such as year 0206): not a usable date.
            parsed = parsed.where(parsed.between(_FIRST_DATE, _LAST_DATE))
            dates[form] = parsed.astype("datetime64[ns]")
    values = _spread(dates, codes, text.index)
    well_formed = _spread(pd.Series(iso | uk), codes, text.index)
    return ParsedDates(
        values=values,
        malformed=text.ne("") & ~well_formed,
        impossible=well_formed & values.isna(),
    )


def parse_bools(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``true/false``, ``yes/no``, ``y/n``, ``1/0`` in any case; returns (values, bad)."""
    words = {w: True for w in TRUE_WORDS} | {w: False for w in FALSE_WORDS}
    codes, distinct = _distinct(text)
    values = _spread(distinct.str.lower().map(words).astype("boolean"), codes, text.index)
    return values, text.ne("") & values.isna()


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Plain decimal numbers as float64; returns (values, bad: text that is not a finite number)."""
    codes, distinct = _distinct(text)
    numbers = pd.to_numeric(distinct.where(distinct.ne("")), errors="coerce").astype("float64")
    numbers = _spread(numbers.where(np.isfinite(numbers)), codes, text.index)
    return numbers, text.ne("") & numbers.isna()


def match_categories(text: pd.Series, allowed: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """Match case-insensitively to ``allowed``; returns (canonical spelling or NA, bad)."""
    lookup = {normalise_scalar(a).lower(): a for a in allowed}
    codes, distinct = _distinct(text)
    values = _spread(distinct.str.lower().map(lookup).astype("str"), codes, text.index)
    return values, text.ne("") & values.isna()


def match_lists(
    text: pd.Series, allowed: tuple[str, ...], separator: str = ";"
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``;``-separated names matched to ``allowed``, case-insensitively.

    Returns (canonical names joined by ``;`` in ``allowed`` order, NA when none;
    bad; the first unknown name of each bad row).
    """
    codes, distinct = _distinct(text)
    parts = distinct.str.split(separator).explode()
    parts = normalise_text(parts.fillna(""))
    parts = parts[parts.ne("")]
    lowered = parts.str.lower()
    unknown = ~lowered.isin([normalise_scalar(a).lower() for a in allowed])
    first_unknown = parts[unknown].groupby(level=0).first().reindex(distinct.index).astype("str")
    joined = pd.Series("", index=distinct.index, dtype="str")
    for name in allowed:
        named = lowered.eq(normalise_scalar(name).lower())
        has = named.groupby(level=0).any().reindex(distinct.index, fill_value=False)
        joined = joined.mask(has.to_numpy(dtype=bool), joined + name + separator)
    joined = joined.str.removesuffix(separator).where(lambda s: s.ne("")).astype("str")
    first_unknown = _spread(first_unknown, codes, text.index)
    return _spread(joined, codes, text.index), first_unknown.notna(), first_unknown

"""CSV outputs that a spreadsheet opens safely and that are identical run to run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_number(value: object) -> str:
    """Full precision, plain decimal notation, ``.`` as the decimal point; empty when missing."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return np.format_float_positional(float(value), trim="-")


def _plain_numbers(series: pd.Series) -> pd.Series:
    """Plain notation for a numeric column; whole-number columns take the fast path."""
    if pd.api.types.is_integer_dtype(series.dtype):
        return series.astype("string").fillna("")
    return pd.Series([plain_number(v) for v in series.astype(object)], index=series.index)


def _neutralised(series: pd.Series) -> pd.Series:
    """Text cells with every one a spreadsheet would read as a formula made plain text."""
    text = series.astype("string").fillna("")
    risky = text.str.startswith(_FORMULA_STARTS)
    return text.where(~risky, "'" + text)


def _text_cells(frame: pd.DataFrame, numeric: tuple[str, ...]) -> pd.DataFrame:
    """Every cell as text: numbers in ``numeric`` plain, every other cell neutralised."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        out[column] = _plain_numbers(series) if column in numeric else _neutralised(series)
    return out


def to_csv_text(frame: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    """Render ``frame`` as CSV text: numbers in ``numeric`` plain, every other cell neutralised."""
    return b"".join(_csv_parts(frame, numeric)).decode("utf-8")


ROWS_PER_SLICE = 100_000


def _without_header(text: bytes) -> bytes:
    return text.split(b"\n", 1)[1]


def _quoted(text):  # pyarrow arrays, imported only where a CSV is written
    """Cells that hold a comma, a quote or a newline (not a lone carriage return) quoted, quotes
    doubled, as Python's csv writer does with ``QUOTE_MINIMAL`` and newline-ended lines."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(text).cast(pa.large_string())
    needs_quotes = pc.match_substring_regex(text, '[,"\n]')
    if not pc.any(needs_quotes).as_py():
        return text
    quote, empty = pa.scalar('"', pa.large_string()), pa.scalar("", pa.large_string())
    escaped = pc.replace_substring(text, '"', '""')
    return pc.if_else(needs_quotes, pc.binary_join_element_wise(quote, escaped, quote, empty), text)


def _repeats_kept_exactly(dtype: object) -> bool:
    """Whether equal values of ``dtype`` always read the same as text (``pandas.factorize``
    merges 1, 1.0 and True in an object column, and 0.0 with -0.0)."""
    return (
        isinstance(dtype, pd.StringDtype)
        or pd.api.types.is_integer_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_dtype(dtype)
    )


def _column_cells(series: pd.Series, numeric: bool):
    """One column's CSV cells, as an Arrow array of text.

    A column of repeated values (the clash table names each activity hundreds of times) is
    worded once per distinct value and the words taken for every row.
    """
    import pyarrow as pa

    def cells(values: pd.Series):
        return _quoted((_plain_numbers(values) if numeric else _neutralised(values)).array)

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, distinct = series.cat.codes.to_numpy(), series.cat.categories
    elif _repeats_kept_exactly(series.dtype):
        codes, distinct = pd.factorize(series)
        if len(distinct) * 2 > len(series):
            return cells(series)
    else:
        return cells(series)
    worded = pa.concat_arrays(  # the last one for the missing cells (code -1)
        [cells(pd.Series(distinct)), pa.array([""], pa.large_string())]
    )
    return worded.take(pa.array(np.where(codes < 0, len(distinct), codes)))


def _csv_parts(frame: pd.DataFrame, numeric: tuple[str, ...]) -> list:
    """CSV of a frame, as ``DataFrame.to_csv`` writes it of :func:`_text_cells`, built in Arrow.

    Returned in parts (header, body) with the body left in Arrow's buffer, uncopied. A frame
    of fewer than two columns (where csv writes a lone empty cell as ``""``) or no rows goes
    through pandas.
    """
    if len(frame.columns) < 2 or frame.empty:
        buffer = io.StringIO()
        _text_cells(frame, numeric).to_csv(buffer, index=False, lineterminator="\n")
        return [buffer.getvalue().encode("utf-8")]
    import pyarrow as pa
    import pyarrow.compute as pc

    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in frame.columns])
    fields = [_column_cells(frame[column], column in numeric) for column in frame.columns]
    comma, newline = pa.scalar(",", pa.large_string()), pa.scalar("\n", pa.large_string())
    empty = pa.scalar("", pa.large_string())
    lines = pc.binary_join_element_wise(pc.binary_join_element_wise(*fields, comma), newline, empty)
    del fields
    if isinstance(lines, pa.ChunkedArray):  # pandas may hold a column in several chunks
        lines = lines.combine_chunks()
    # The lines' characters lie end to end in the array's data buffer: that is the body.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    first, last = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return [header.getvalue().encode("utf-8"), lines.buffers()[2][int(first) : int(last)]]


def write_csv(frame: pd.DataFrame, path: Path, numeric: tuple[str, ...] = ()) -> None:
    """Write ``frame`` as :func:`to_csv_text` renders it (UTF-8).

    A long frame is written in slices, so memory stays bounded (clashes.csv at a
    hundred times the sample holds hundreds of thousands of rows).
    """
    with open(path, "wb") as handle:
        for start in range(0, max(len(frame), 1), ROWS_PER_SLICE):
            parts = _csv_parts(frame.iloc[start : start + ROWS_PER_SLICE], numeric)
            if start:
                parts = parts[1:] if len(parts) > 1 else [_without_header(parts[0])]
            for part in parts:
                handle.write(part)

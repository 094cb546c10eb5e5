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


def _text_cells(frame: pd.DataFrame, numeric: tuple[str, ...]) -> pd.DataFrame:
    """Every cell as text: numbers in ``numeric`` plain, every other cell neutralised."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        if column in numeric:
            out[column] = _plain_numbers(series)
        else:
            text = series.astype("string").fillna("")
            risky = text.str.startswith(_FORMULA_STARTS)
            out[column] = text.where(~risky, "'" + text)
    return out


def to_csv_text(frame: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    """Render ``frame`` as CSV text: numbers in ``numeric`` plain, every other cell neutralised."""
    return b"".join(_csv_parts(_text_cells(frame, numeric))).decode("utf-8")


ROWS_PER_SLICE = 100_000


def _without_header(text: bytes) -> bytes:
    return text.split(b"\n", 1)[1]


def _csv_parts(cells: pd.DataFrame) -> list:
    """CSV of a frame of text cells, as ``DataFrame.to_csv`` writes it, built in Arrow.

    Returned in parts (header, body) with the body left in Arrow's buffer, uncopied.

    Cells that hold a comma, a quote or a newline (not a lone carriage return) are
    quoted, quotes doubled, as Python's csv writer does with ``QUOTE_MINIMAL`` and
    newline-ended lines. A frame of fewer than two columns (where csv writes a lone
    empty cell as ``""``) or no rows goes through pandas.
    """
    if len(cells.columns) < 2 or cells.empty:
        buffer = io.StringIO()
        cells.to_csv(buffer, index=False, lineterminator="\n")
        return [buffer.getvalue().encode("utf-8")]
    import pyarrow as pa
    import pyarrow.compute as pc

    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in cells.columns])
    quote, empty = pa.scalar('"', pa.large_string()), pa.scalar("", pa.large_string())
    fields = []
    for column in cells.columns:
        text = pa.array(cells[column].array).cast(pa.large_string())
        needs_quotes = pc.or_(
            pc.or_(pc.match_substring(text, ","), pc.match_substring(text, '"')),
            pc.match_substring(text, "\n"),
        )
        if pc.any(needs_quotes).as_py():
            escaped = pc.replace_substring(text, '"', '""')
            quoted = pc.binary_join_element_wise(quote, escaped, quote, empty)
            text = pc.if_else(needs_quotes, quoted, text)
        fields.append(text)
    comma, newline = pa.scalar(",", pa.large_string()), pa.scalar("\n", pa.large_string())
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
            parts = _csv_parts(_text_cells(frame.iloc[start : start + ROWS_PER_SLICE], numeric))
            if start:
                parts = parts[1:] if len(parts) > 1 else [_without_header(parts[0])]
            for part in parts:
                handle.write(part)

"""CSV outputs that a spreadsheet opens safely and that are identical run to run."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: object) -> object:
    """Prefix a text cell a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(text, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


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


def to_csv_text(frame: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    """Render ``frame`` as CSV text: numbers in ``numeric`` plain, every other cell neutralised."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        if column in numeric:
            out[column] = _plain_numbers(series)
        else:
            text = series.astype("string").fillna("")
            risky = text.str.startswith(_FORMULA_STARTS)
            out[column] = text.where(~risky, "'" + text)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame, path: Path, numeric: tuple[str, ...] = ()) -> None:
    Path(path).write_text(to_csv_text(frame, numeric), encoding="utf-8")

"""Cell text to typed values: the rules of the data contract applied to text, vectorised.

Every file, whatever its format, reaches here as text cells (see
:mod:`pipeline.ingest.readers`). This module holds how that text is normalised
(:func:`normalise_header`, :func:`normalise_scalar`, :func:`normalise_text`), how
Excel and SPSS cell values become text (:func:`cells_as_text`), and the parsers
that turn normalised text columns into typed columns (:func:`parse_dates`,
:func:`parse_bools`, :func:`parse_numbers`, :func:`match_categories`,
:func:`match_lists`). Each parser returns the values and masks of the cells that
break the contract, and leaves the wording of the problem to the caller.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.spec.contract import FALSE_WORDS, TRUE_WORDS
from pipeline.spec.thresholds import LARGEST_NUMBER

# Apostrophes and quotes NFKC leaves alone but people type interchangeably.
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'"})
_HEADER_SEPARATORS = re.compile(r"[\s\-]+")
# A date (and time) cell from Excel or SPSS written out as text by ``str``.
_DATETIME_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(?:\.\d+)?$")
_FIRST_DATE = pd.Timestamp("1678-01-01")
_LAST_DATE = pd.Timestamp("2261-12-31")


# --------------------------------------------------------------------------- normalising


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


# --------------------------------------------------------------------------- Excel and SPSS cells


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
    malformed: pd.Series  # non-empty, in none of the date forms
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


_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
# A date-time keeps its date: the time after it is dropped ("2006-04-12 09:30:00").
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")
_DATE_FORMS = (
    # (pattern with groups day, month, year, or year, month, day for ISO), ...
    ("iso", re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")),
    ("uk", re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})")),
    ("named", re.compile(r"(?P<day>\d{1,2})[- ](?P<month>[A-Za-z]{3,9})[- ](?P<year>\d{4}|\d{2})")),
)


def _full_year(year: pd.Series) -> pd.Series:
    """Two-digit years as a spreadsheet reads them: 00-69 are 20YY, 70-99 19YY."""
    number = year.astype("int64")
    short = year.str.len().eq(2)
    return number.where(~short, number + np.where(number < 70, 2000, 1900))


def _month_number(month: pd.Series) -> pd.Series:
    """A month as a number: ``04``, ``Apr``, ``april`` (English names, any case); -1 if unknown."""
    named = month.str.lower().map(_MONTHS)
    return named.fillna(pd.to_numeric(month, errors="coerce")).fillna(-1).astype("int64")


def _dates_of_form(text: pd.Series, pattern: re.Pattern[str]) -> tuple[pd.Series, pd.Series]:
    """(well formed, dates) for the cells matching one form; NaT where no such day exists."""
    parts = text.str.extract(f"^{pattern.pattern}$")
    formed = parts["day"].notna().to_numpy(dtype=bool)
    dates = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if formed.any():
        found = parts[formed]
        frame = pd.DataFrame(
            {
                "year": _full_year(found["year"]),
                "month": _month_number(found["month"]),
                "day": found["day"].astype("int64"),
            }
        )
        parsed = pd.to_datetime(frame, errors="coerce")
        # Outside what datetime64[ns] holds (a typo such as year 0206): not a usable date.
        dates[formed] = parsed.where(parsed.between(_FIRST_DATE, _LAST_DATE)).astype(
            "datetime64[ns]"
        )
    return pd.Series(formed, index=text.index), dates


def parse_dates(text: pd.Series) -> ParsedDates:
    """Dates in the forms the contract accepts, as text or as a spreadsheet shows them.

    ISO ``2006-04-12``; UK ``12/04/2006``, ``12/4/2006`` and ``12/04/06`` (00-69 are 20YY);
    ``12-Apr-2006``, ``12 Apr 2006`` and ``12 April 2006`` (English month names, any case). A
    time after the date is dropped. US month-first dates are never read: ``04/25/2006`` has
    no month 25, so it is an impossible date.
    """
    codes, distinct = _distinct(text)
    stripped = distinct.str.replace(_TIME, "", regex=True).str.strip()
    well_formed = pd.Series(False, index=distinct.index)
    dates = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns]")
    for _, pattern in _DATE_FORMS:
        formed, parsed = _dates_of_form(stripped.where(~well_formed, ""), pattern)
        well_formed |= formed
        dates = dates.where(~formed, parsed)
    values = _spread(dates, codes, text.index)
    formed_cells = _spread(well_formed, codes, text.index)
    return ParsedDates(
        values=values,
        malformed=text.ne("") & ~formed_cells,
        impossible=formed_cells & values.isna(),
    )


def parse_bools(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``true/false``, ``yes/no``, ``y/n``, ``1/0`` in any case; returns (values, bad)."""
    words = dict.fromkeys(TRUE_WORDS, True) | dict.fromkeys(FALSE_WORDS, False)
    codes, distinct = _distinct(text)
    values = _spread(distinct.str.lower().map(words).astype("boolean"), codes, text.index)
    return values, text.ne("") & values.isna()


# As a spreadsheet shows a number: thousands separated (1,250.50), money with a pound sign.
_SEPARATED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# A negative number as the Accounting and Comma formats show it: in brackets, "(1,250.00)".
_BRACKETED = re.compile(r"^\((.*)\)$")
# Where a pound sign and the spaces the Accounting format pads with may be: before the number,
# after its minus sign, or inside its brackets ("£ 1,250.00", "-£12.00", "£(12.00)").
_POUNDS = re.compile(r"£")
_SPACED_SIGN = re.compile(r"\s*([-()])\s*")
# Zero as the Accounting and Comma formats show it: a dash ("£-", "£ -", "-").
_DASH_ZERO = "-"


def parse_numbers(text: pd.Series, *, pounds: bool = False) -> tuple[pd.Series, pd.Series]:
    """Numbers as float64; returns (values, bad: text that is not a finite number).

    Plain decimals, or as a spreadsheet shows them: thousands separated (``1,250``), zero as
    a dash and negatives in brackets, as Excel's Accounting and Comma formats show them
    (``-`` is 0, ``(1,250.00)`` is -1250); with ``pounds``, a pound sign too, wherever the
    Accounting format puts it (``£1,250.00``, ``£ 1,250.00``, ``£-``, ``(£12.00)``, ``-£12``).
    """
    codes, distinct = _distinct(text)
    cleaned = distinct.str.replace(_POUNDS, "", regex=True) if pounds else distinct
    cleaned = cleaned.str.replace(_SPACED_SIGN, r"\1", regex=True).str.strip()
    bracketed = cleaned.str.fullmatch(_BRACKETED).fillna(False)
    inside = cleaned.str.slice(1, -1).str.strip()
    cleaned = cleaned.where(~bracketed, "-" + inside.where(~inside.str.startswith("-"), "x"))
    cleaned = cleaned.mask(cleaned.eq(_DASH_ZERO) & ~bracketed, "0")
    separated = cleaned.str.fullmatch(_SEPARATED).fillna(False)
    cleaned = cleaned.where(~separated, cleaned.str.replace(",", "", regex=False))
    numbers = pd.to_numeric(cleaned.where(cleaned.ne("")), errors="coerce").astype("float64")
    numbers = _spread(numbers.where(np.isfinite(numbers)), codes, text.index)
    return numbers, text.ne("") & numbers.isna()


def too_large(numbers: pd.Series) -> pd.Series:
    """Numbers no council's records hold (more than ``LARGEST_NUMBER`` either way)."""
    return numbers.abs().gt(LARGEST_NUMBER).fillna(False)


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

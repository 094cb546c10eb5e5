"""Numbers, money and dates as a committee member reads them.

Display only: ratings and directions always use unrounded values. Rounding is
half away from zero (62.5% shows as 63%), as people round on paper.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from pipeline.measures.measure import LOW_BASE

NO_VALUE = "[x]"
LOW = "[low]"
SUPPRESSED = "[c]"

DECIMALS = {"%": 0, "ratio": 2, "count": 0}
SURVEY_DECIMALS = 1


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def round_half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded to ``decimals`` places, halves away from zero."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _digits(number: Decimal, decimals: int) -> str:
    return f"{number:,.{decimals}f}"


def format_value(
    value: float | None,
    unit: str,
    target: float | None = None,
    survey: bool = False,
    base: int | None = None,
    better: str = "higher",
) -> str:
    """An indicator's value for the paper: ``62%``, ``61.8%`` (survey), ``0.83``, ``1,204``.

    ``[x]`` when there is no value; ``[low]`` for a survey measure whose base is
    below 50. A value that rounds onto its target but misses it (below it when
    higher is better, above it when lower is) gets more decimal places until it
    no longer looks like the target (79.6% against 80% shows as ``79.6%``, not ``80%``).
    """
    if _missing(value):
        return NO_VALUE
    if survey and base is not None and base < LOW_BASE:
        return LOW
    value = float(value)  # type: ignore[arg-type]
    decimals = SURVEY_DECIMALS if survey else DECIMALS.get(unit, 0)
    misses = not _missing(target) and (
        value < float(target) if better == "higher" else value > float(target)  # type: ignore[arg-type]
    )
    if unit != "count" and misses:
        while (
            round_half_up(value, decimals) == round_half_up(float(target), decimals)  # type: ignore[arg-type]
            and decimals < 6
        ):
            decimals += 1
    text = _digits(round_half_up(value, decimals), decimals)
    return f"{text}%" if unit == "%" else text


def format_count(value: float | None) -> str:
    """A whole number with thousands separators: ``1,204``; ``[x]`` when missing."""
    if _missing(value):
        return NO_VALUE
    return _digits(round_half_up(float(value), 0), 0)  # type: ignore[arg-type]


def format_money(value: float | None) -> str:
    """Whole pounds: ``£12,400``; ``[x]`` when missing."""
    if _missing(value):
        return NO_VALUE
    return f"£{_digits(round_half_up(float(value), 0), 0)}"  # type: ignore[arg-type]


def format_date(value: date | datetime | pd.Timestamp | None) -> str:
    """``12 February 2007``; ``[x]`` when missing."""
    if _missing(value):
        return NO_VALUE
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B %Y}"


def format_interval(low: float | None, high: float | None) -> str:
    """A survey measure's 95% confidence interval: ``58.1% to 66.7%``."""
    if _missing(low) or _missing(high):
        return NO_VALUE
    return f"{_digits(round_half_up(low, 1), 1)}% to {_digits(round_half_up(high, 1), 1)}%"  # type: ignore[arg-type]

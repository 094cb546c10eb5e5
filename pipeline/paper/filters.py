"""Numbers, money, dates and words as a committee member reads them: the paper's Jinja filters.

Display only: ratings and directions always use unrounded values. Rounding is half away from
zero (62.5% shows as 63%), as people round on paper. Every template formats through these
(:data:`FILTERS`), so one rule gives one look everywhere.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from pipeline.spec.thresholds import LOW_BASE

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


# The paper is written in English whatever the machine's locale (strftime's %B follows it).
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: date | datetime | pd.Timestamp | None) -> str:
    """``12 February 2007``; ``[x]`` when missing."""
    if isinstance(value, date) and value is not pd.NaT:  # a Timestamp is a date too
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    if _missing(value):
        return NO_VALUE
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {MONTH_NAMES[stamp.month - 1]} {stamp.year}"


def format_short_date(value: date | None) -> str:
    """``12 Feb 2007``, for tables of dates; ``[x]`` when missing."""
    if value is None:
        return NO_VALUE
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


def format_interval(low: float | None, high: float | None) -> str:
    """A survey measure's 95% confidence interval: ``58.1% to 66.7%``."""
    if _missing(low) or _missing(high):
        return NO_VALUE
    return f"{_digits(round_half_up(low, 1), 1)}% to {_digits(round_half_up(high, 1), 1)}%"  # type: ignore[arg-type]


def format_target(target: float | None, unit: str) -> str:
    """A target as applied, a pro-rated count target as a whole number (583.3 shows as 583).

    ``indicators.csv`` keeps the target's full precision; the paper rounds it as people do.
    """
    if _missing(target):
        return "None set"
    return format_value(target, unit)


SMALL_SHARE = 0.10
"""Shares below this carry one decimal place, so that a ratio beside them can be recomputed."""


def format_share(share: float | None) -> str:
    """A proportion (0-1) as a percentage: ``0.234`` shows as ``23%``, ``0.013`` as ``1.3%``."""
    if _missing(share):
        return NO_VALUE
    decimals = 1 if float(share) < SMALL_SHARE else 0  # type: ignore[arg-type]
    return f"{_digits(round_half_up(100 * float(share), decimals), decimals)}%"  # type: ignore[arg-type]


def format_ratio(value: float | None) -> str:
    """A representation ratio to two places: ``0.72``."""
    if _missing(value):
        return NO_VALUE
    return _digits(round_half_up(float(value), 2), 2)  # type: ignore[arg-type]


def format_month(day: date, *, short: bool = False) -> str:
    """The month of ``day``: ``April 2006``, or ``Apr 2006`` when ``short``."""
    return f"{day:%b %Y}" if short else f"{day:%B %Y}"


def period_words(period) -> str:
    """A period in a sentence: ``from April 2006 to January 2007``; ``in January 2007``."""
    if period.first == period.last:
        return f"in {period.first.label}"
    return f"from {period.first.label} to {period.last.label}"


def compared_period(period) -> str:
    """What the direction of travel compares with: ``the same period last year`` for a
    period of up to 12 months, otherwise ``the previous 24 months``."""
    if period.months <= 12:
        return "the same period last year"
    return f"the previous {period.months} months"


def compared_heading(period) -> str:
    """The scorecard's column of previous values: ``Same period last year`` or ``Previous
    24 months``."""
    if period.months <= 12:
        return "Same period last year"
    return f"Previous {period.months} months"


def plural(count: float, singular: str, plural_form: str | None = None) -> str:
    """``1 activity``, ``1,204 activities``: the count formatted, the noun agreeing with it."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{format_count(count)} {word}"


def join_words(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def agree(count: float, singular: str, plural_form: str) -> str:
    """The verb or pronoun that agrees with ``count``: ``agree(1, "is", "are")`` is ``is``."""
    return singular if count == 1 else plural_form


def of_base(numerator: float | None, denominator: float | None) -> str:
    """A percentage on a small base as its counts: ``3 of 7``."""
    return f"{format_count(numerator)} of {format_count(denominator)}"


def indicator_value(figure) -> str:
    """An indicator's value as the scorecard shows it (see :func:`format_value`); a missing
    value says why: ``[x] no survey``; an activity-based percentage on a small base is shown
    as its counts: ``3 of 7``."""
    if figure.value is None:
        return f"{NO_VALUE} {figure.missing}" if figure.missing else NO_VALUE
    if figure.small_base:
        return of_base(figure.numerator, figure.denominator)
    return format_value(
        figure.value,
        figure.unit,
        target=figure.target,
        survey=figure.survey,
        base=figure.base,
        better=figure.better,
    )


def previous_value(figure) -> str:
    if figure.previous is None:
        return f"{NO_VALUE} {figure.previous_missing}" if figure.previous_missing else NO_VALUE
    if figure.previous_small_base:
        return of_base(figure.previous_numerator, figure.previous_denominator)
    return format_value(figure.previous, figure.unit, survey=figure.survey)


def indicator_interval(figure) -> str:
    """A survey measure's interval, or empty when it has none to show (a low base)."""
    if not figure.survey or figure.base is None or figure.low_base:
        return ""
    if _missing(figure.ci_low) or _missing(figure.ci_high):
        return ""
    return format_interval(figure.ci_low, figure.ci_high)


def group_respondents(group) -> str:
    """Respondents in a group, or ``[c]`` where disclosure control hides them."""
    return SUPPRESSED if group.suppressed else format_count(group.respondents)


def group_share(group, dimension) -> str:
    """A group's share of respondents: ``[c]`` if hidden, ``[low]`` on a low base."""
    if group.suppressed:
        return SUPPRESSED
    if _missing(group.respondent_share):
        return NO_VALUE
    return LOW if dimension.low_base else format_share(group.respondent_share)


def group_ratio(group) -> str:
    return SUPPRESSED if group.suppressed else format_ratio(group.ratio)


def format_fingerprint(digest: str) -> str:
    """A SHA-256 in groups of eight characters, as people compare them by eye."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def row_groups(rows, size: int = 3) -> list[list]:
    """``rows`` in groups of ``size`` (the last one taking any remainder), one ``<tbody>`` each:
    a long table then splits across pages only between groups, leaving at least ``size`` rows
    on each side."""
    rows = list(rows)
    groups = [rows[i : i + size] for i in range(0, len(rows), size)]
    if len(groups) > 1 and len(groups[-1]) < size:
        last = groups.pop()
        groups[-1] = groups[-1] + last
    return groups


FILTERS = {
    "row_groups": row_groups,
    "fingerprint": format_fingerprint,
    "count": format_count,
    "money": format_money,
    "date": format_date,
    "short_date": format_short_date,
    "month": format_month,
    "share": format_share,
    "ratio": format_ratio,
    "target": format_target,
    "value": indicator_value,
    "previous": previous_value,
    "interval": indicator_interval,
    "respondents": group_respondents,
    "group_share": group_share,
    "group_ratio": group_ratio,
    "plural": plural,
    "agree": agree,
}
"""The filters every template of the paper formats with."""

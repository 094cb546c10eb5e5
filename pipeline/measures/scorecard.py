"""Every indicator for one period, with targets, ratings and direction of travel.

The frame :func:`compute_indicators` returns is what ``indicators.csv`` holds and what the
paper's scorecard shows.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.indicators import REGISTRY, Indicator
from pipeline.measures.measure import Measure
from pipeline.measures.ratings import NOT_COMPARABLE, applied_target, direction, rate_measure
from pipeline.spec.period import Month, Period
from pipeline.spec.thresholds import SHORT_PERIOD_MONTHS, SMALL_ACTIVITY_BASE
from pipeline.spec.vocabulary import Direction, Rating, Unit

log = logging.getLogger(__name__)

INDICATOR_COLUMNS = (
    "indicator_id",
    "priority_area",
    "name",
    "value",
    "numerator",
    "denominator",
    "unit",
    "better",
    "target",
    "tolerance",
    "rating",
    "previous_value",
    "direction",
    "ci_low",
    "ci_high",
    "base",
)
NUMERIC_COLUMNS = (
    "priority_area",
    "value",
    "numerator",
    "denominator",
    "target",
    "tolerance",
    "previous_value",
    "ci_low",
    "ci_high",
    "base",
)
# Beside the CSV's columns, the frame carries the previous period's counts, so that the paper can
# show a previous value on a small base as "3 of 7" too.
PREVIOUS_COUNTS = ("previous_numerator", "previous_denominator")
# And why a value is missing where that is not that nothing was counted ("no list of decisions").
WHY_MISSING = ("missing", "previous_missing")
TEXT_COLUMNS = ("indicator_id", "name", "unit", "better", "rating", "direction")


def previous_period_available(inputs: Inputs, period: Period) -> bool:
    """Whether the previous period starts on or after ``data_from``."""
    return period.previous().first >= Month.parse(inputs.settings.data_from)


def small_base(item: Indicator, measure: Measure | None) -> bool:
    """An activity-based percentage whose denominator is below :data:`SMALL_ACTIVITY_BASE`
    (10): not rated, shown as "3 of 7", its direction Not comparable."""
    return (
        item.activity_based
        and measure is not None
        and measure.denominator is not None
        and measure.denominator < SMALL_ACTIVITY_BASE
    )


def short_period(item: Indicator, period: Period) -> bool:
    """A coverage indicator, whose target assumes a year's activity, in a period of fewer
    than :data:`SHORT_PERIOD_MONTHS` (6) months: not rated."""
    return item.coverage and period.months < SHORT_PERIOD_MONTHS


def _rating(item: Indicator, measure: Measure, period: Period, target, tolerance) -> Rating:
    if small_base(item, measure) or short_period(item, period):
        return Rating.NO_RATING
    return rate_measure(measure, target, tolerance, item.better)


def _direction(item: Indicator, measure: Measure, previous: Measure | None) -> Direction:
    if previous is None or small_base(item, measure) or small_base(item, previous):
        return NOT_COMPARABLE
    return direction(measure, previous, item.unit, item.better, item.survey)


def _row(item: Indicator, inputs: Inputs, period: Period, previous: Measure | None) -> dict:
    measure = item.compute(inputs, period)
    target, tolerance = applied_target(inputs.targets, item.id, item.unit, period.months)
    has_ratio = item.unit == Unit.PERCENT
    return {
        "indicator_id": item.id,
        "priority_area": item.priority_area,
        "name": item.name,
        "value": measure.value,
        "numerator": measure.numerator if has_ratio else None,
        "denominator": measure.denominator if has_ratio else None,
        "unit": item.unit,
        "better": item.better,
        "target": target,
        "tolerance": tolerance,
        "rating": _rating(item, measure, period, target, tolerance),
        "previous_value": previous.value if previous is not None else None,
        "direction": _direction(item, measure, previous),
        "ci_low": measure.ci_low if item.survey else None,
        "ci_high": measure.ci_high if item.survey else None,
        "base": measure.base if item.survey else None,
        "previous_numerator": previous.numerator if previous is not None and has_ratio else None,
        "previous_denominator": (
            previous.denominator if previous is not None and has_ratio else None
        ),
        "missing": measure.missing,
        "previous_missing": previous.missing if previous is not None else None,
    }


def compute_indicators(
    inputs: Inputs, period: Period, items: Sequence[Indicator] = REGISTRY
) -> pd.DataFrame:
    """Every indicator for ``period`` (or only ``items``), with targets, ratings and direction
    of travel.

    One row per indicator in the registry's order, columns :data:`INDICATOR_COLUMNS` (those of
    ``indicators.csv``) then :data:`PREVIOUS_COUNTS` and :data:`WHY_MISSING`.
    The previous period is computed by the same functions unless it starts before
    ``data_from``, when every direction is Not comparable.
    """
    previous_period = period.previous()
    with_previous = previous_period_available(inputs, period)
    if not with_previous:
        log.info("Previous period %s starts before data_from: no directions", previous_period)
    rows = [
        _row(item, inputs, period, item.compute(inputs, previous_period) if with_previous else None)
        for item in items
    ]
    frame = pd.DataFrame(rows, columns=[*INDICATOR_COLUMNS, *PREVIOUS_COUNTS, *WHY_MISSING])
    for column in (*NUMERIC_COLUMNS, *PREVIOUS_COUNTS):
        frame[column] = frame[column].astype("float64")
    frame["priority_area"] = frame["priority_area"].astype("int64")
    frame["base"] = frame["base"].astype("Int64")
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].astype("str")
    return frame

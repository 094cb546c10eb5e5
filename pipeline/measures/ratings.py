"""Targets, ratings, direction of travel and the priority areas' status."""

from __future__ import annotations

import math

import pandas as pd

from pipeline.measures.actions import effective_status
from pipeline.measures.measure import Measure
from pipeline.spec.period import Period
from pipeline.spec.thresholds import (
    COUNT_SHARE_THRESHOLD,
    PERCENT_POINTS_THRESHOLD,
    RATIO_THRESHOLD,
    Z_95,
)
from pipeline.spec.vocabulary import (
    PRIORITY_AREA_NAMES,
    ActionStatus,
    Better,
    Direction,
    Rating,
    Unit,
)

GREEN, AMBER, RED, NO_RATING = Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NO_RATING
IMPROVING, WORSENING = Direction.IMPROVING, Direction.WORSENING
NO_CHANGE, NOT_COMPARABLE = Direction.NO_CHANGE, Direction.NOT_COMPARABLE


def applied_target(
    targets: pd.DataFrame, indicator_id: str, unit: str, months: int
) -> tuple[float | None, float | None]:
    """The target and tolerance applied to a period: counts' annual ones times ``months/12``.

    No row (or an empty target): ``(None, None)``. An empty tolerance is 0.
    """
    rows = targets[targets["indicator_id"].astype("string").str.strip().eq(indicator_id)]
    if rows.empty or pd.isna(rows["target"].iloc[0]):
        return None, None
    target = float(rows["target"].iloc[0])
    tolerance = rows["tolerance"].iloc[0]
    tolerance = 0.0 if pd.isna(tolerance) else float(tolerance)
    if unit == Unit.COUNT:
        target, tolerance = target * months / 12, tolerance * months / 12
    return target, tolerance


def rate(value: float | None, target: float | None, tolerance: float | None, better: str) -> Rating:
    """Green / Amber / Red against the target, or No rating without a value or target."""
    if value is None or target is None or math.isnan(value):
        return NO_RATING
    tolerance = tolerance or 0.0
    if better == Better.HIGHER:
        if value >= target:
            return GREEN
        return AMBER if value >= target - tolerance else RED
    if value <= target:
        return GREEN
    return AMBER if value <= target + tolerance else RED


def rate_measure(
    measure: Measure, target: float | None, tolerance: float | None, better: str
) -> Rating:
    """As :func:`rate`; a survey measure with a low base (below 50) gets No rating."""
    if measure.low_base:
        return NO_RATING
    return rate(measure.value, target, tolerance, better)


def change_threshold(current: Measure, previous: Measure, unit: str, survey: bool) -> float:
    """How large ``|v - v_prev|`` must be (strictly) for a change to be real."""
    if survey:
        se, se_prev = current.standard_error or 0.0, previous.standard_error or 0.0
        return Z_95 * math.sqrt(se**2 + se_prev**2)
    if unit == Unit.COUNT:
        return max(1.0, COUNT_SHARE_THRESHOLD * float(previous.value))
    if unit == Unit.RATIO:
        return RATIO_THRESHOLD
    return PERCENT_POINTS_THRESHOLD


def direction(
    current: Measure, previous: Measure | None, unit: str, better: str, survey: bool
) -> Direction:
    """Improving / Worsening / No change against the previous period, or Not comparable."""
    if previous is None or current.value is None or previous.value is None:
        return NOT_COMPARABLE
    if survey and (current.low_base or previous.low_base):
        return NOT_COMPARABLE
    change = current.value - previous.value
    if abs(change) <= change_threshold(current, previous, unit, survey):
        return NO_CHANGE
    went_up = change > 0
    return IMPROVING if went_up == (better == Better.HIGHER) else WORSENING


def priority_area_status(
    indicators: pd.DataFrame, actions: pd.DataFrame, period: Period
) -> pd.DataFrame:
    """Each priority area's status: ``priority_area``, ``name``, ``status``.

    Red if any indicator is Red or any action overdue; else Amber if any indicator
    is Amber or any action at risk; else Green if at least one indicator is rated
    or the area has actions; else No rating.
    """
    status = effective_status(actions, period.end)
    areas = actions["priority_area"].astype("int64")
    rows = []
    for area, name in PRIORITY_AREA_NAMES.items():
        ratings = set(indicators.loc[indicators["priority_area"].eq(area), "rating"])
        own = status[areas.eq(area).to_numpy()]
        if RED in ratings or own.eq(ActionStatus.OVERDUE).any():
            verdict = RED
        elif AMBER in ratings or own.eq(ActionStatus.AT_RISK).any():
            verdict = AMBER
        elif GREEN in ratings or len(own):
            verdict = GREEN
        else:
            verdict = NO_RATING
        rows.append({"priority_area": area, "name": name, "status": verdict})
    return pd.DataFrame(rows)

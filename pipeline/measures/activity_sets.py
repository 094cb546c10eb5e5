"""The activity sets S (started), C (closed) and A (active), and "as at the period end".

Every set excludes cancelled activities. Record-keeping dates later than the
period end count as empty, so re-running later gives the same figures.
"""

from __future__ import annotations

import pandas as pd

from pipeline.spec.period import Period


def as_at(dates: pd.Series, period_end: pd.Timestamp) -> pd.Series:
    """``dates`` with every date later than ``period_end`` made empty (NaT)."""
    return dates.where(dates <= period_end)


def has_text(values: pd.Series) -> pd.Series:
    """True where a text cell is non-empty after trimming."""
    return values.astype("string").str.strip().fillna("").ne("").astype(bool)


def not_cancelled(activities: pd.DataFrame) -> pd.DataFrame:
    return activities[activities["status"].ne("cancelled").fillna(True).astype(bool)]


def activities_started_in(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """S: not cancelled, ``ps <= start_date <= pe``."""
    live = not_cancelled(activities)
    return live[live["start_date"].between(period.start, period.end)]


def activities_closed_in(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """C: ``status = closed`` and ``ps <= end_date <= pe``."""
    closed = activities[activities["status"].eq("closed").fillna(False).astype(bool)]
    return closed[closed["end_date"].between(period.start, period.end)]


def activities_active_in(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """A: not cancelled, ``start_date <= pe`` and ``end_date >= ps``."""
    live = not_cancelled(activities)
    return live[(live["start_date"] <= period.end) & (live["end_date"] >= period.start)]

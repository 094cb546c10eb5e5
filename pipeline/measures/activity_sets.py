"""The activity sets S (started), C (closed) and A (active), and "as at the period end".

Every set excludes cancelled activities. Record-keeping dates later than the
period end count as empty, so re-running later gives the same figures.

Each set is worked out once per register and period: the indicators, the paper's figures and
the web pages ask for the same few sets dozens of times, and every selection copies each of the
register's columns (at a hundred times the sample, about a second in all). The register is
never changed in place once loaded, and nothing changes the sets handed out.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from pipeline.spec.period import Period

T = TypeVar("T")


def as_at(dates: pd.Series, period_end: pd.Timestamp) -> pd.Series:
    """``dates`` with every date later than ``period_end`` made empty (NaT)."""
    return dates.where(dates <= period_end)


def has_text(values: pd.Series) -> pd.Series:
    """True where a text cell is non-empty after trimming."""
    return values.astype("string").str.strip().fillna("").ne("").astype(bool)


# (set, id of the register, period) -> (the register, weakly held, so that a new frame given the
# id of a freed one is never mistaken for it; the set). A register's sets go when it goes.
_SETS: dict[tuple, tuple[weakref.ref, object]] = {}
_KEPT = 16


def _forget(register: int, *periods: Period) -> None:
    """Let the sets of the register ``register`` (its id) go: those of ``periods``, or all."""
    for key in [k for k in _SETS if k[1] == register and (not periods or k[2] in periods)]:
        del _SETS[key]


def forget(activities: pd.DataFrame, period: Period) -> None:
    """Let the sets of ``activities`` for ``period`` go (once nothing will ask for them again)."""
    _forget(id(activities), period)


def once(
    name: str,
    activities: pd.DataFrame,
    period: Period | None,
    select: Callable[[], T],
) -> T:
    """``select()``, the selection ``name`` of the register ``activities`` for ``period``,
    worked out the first time it is asked for (the clashing pairs are kept so too)."""
    key = (name, id(activities), period)
    known = _SETS.get(key)
    if known is not None and known[0]() is activities:
        return known[1]
    found = select()
    if len(_SETS) >= _KEPT:
        del _SETS[next(iter(_SETS))]  # the oldest
    if not any(key[1] == id(activities) for key in _SETS):
        weakref.finalize(activities, _forget, id(activities))
    _SETS[key] = (weakref.ref(activities), found)
    return found


def _live(activities: pd.DataFrame) -> pd.Series:
    return activities["status"].ne("cancelled").fillna(True).astype(bool)


def not_cancelled(activities: pd.DataFrame) -> pd.DataFrame:
    return once("live", activities, None, lambda: activities[_live(activities)])


def activities_started_in(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """S: not cancelled, ``ps <= start_date <= pe``."""

    def select() -> pd.DataFrame:
        # Selected from the register in one step: no copy of the activities not cancelled.
        return activities[
            _live(activities) & activities["start_date"].between(period.start, period.end)
        ]

    return once("S", activities, period, select)


def activities_closed_in(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """C: ``status = closed`` and ``ps <= end_date <= pe``."""

    def select() -> pd.DataFrame:
        closed = activities[activities["status"].eq("closed").fillna(False).astype(bool)]
        return closed[closed["end_date"].between(period.start, period.end)]

    return once("C", activities, period, select)


def activities_active_in(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """A: not cancelled, ``start_date <= pe`` and ``end_date >= ps``."""

    def select() -> pd.DataFrame:
        starts, ends = activities["start_date"], activities["end_date"]
        return activities[_live(activities) & (starts <= period.end) & (ends >= period.start)]

    return once("A", activities, period, select)

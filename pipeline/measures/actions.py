"""The action plan as at the period end: effective status, counts, key achievements."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.measures.activity_sets import as_at, has_text
from pipeline.spec.contract import PRIORITY_AREAS
from pipeline.spec.period import Period
from pipeline.spec.vocabulary import EFFECTIVE_STATUSES, ON_TRACK_FOR_COMMITTEE, ActionStatus

COMPLETE, OVERDUE, ON_TRACK = ActionStatus.COMPLETE, ActionStatus.OVERDUE, ActionStatus.ON_TRACK


def effective_status(actions: pd.DataFrame, period_end: pd.Timestamp) -> pd.Series:
    """Each action's status as at ``period_end``, the first rule that applies.

    1. ``complete`` if recorded complete and ``completed_date <= pe``;
    2. ``overdue`` if ``due_date < pe``;
    3. ``on track`` if recorded complete but completed after ``pe`` (or undated);
    4. otherwise the recorded status.
    """
    period_end = pd.Timestamp(period_end)
    recorded = actions["status"].astype("string")
    is_complete = recorded.eq(COMPLETE).fillna(False).to_numpy(dtype=bool)
    done_by_end = (actions["completed_date"] <= period_end).fillna(False).to_numpy(dtype=bool)
    overdue = (actions["due_date"] < period_end).fillna(False).to_numpy(dtype=bool)
    status = np.select(
        [is_complete & done_by_end, overdue, is_complete],
        [str(COMPLETE), str(OVERDUE), str(ON_TRACK)],
        default=recorded.fillna("").to_numpy(dtype=object),
    )
    return pd.Series(status, index=actions.index, dtype="str", name="effective_status")


def action_status_table(actions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Actions counted by priority area (rows 1-5) and effective status, with a total."""
    status = effective_status(actions, period.end)
    table = pd.crosstab(
        actions["priority_area"].astype("int64"),
        pd.Categorical(status, categories=[str(s) for s in EFFECTIVE_STATUSES]),
        dropna=False,
    )
    table = table.reindex(index=list(PRIORITY_AREAS), columns=[str(s) for s in EFFECTIVE_STATUSES])
    table = table.fillna(0).astype("int64")
    table["total"] = table.sum(axis=1)
    table.index.name = "priority_area"
    table.columns.name = None
    return table.reset_index()


def all_actions_on_track(actions: pd.DataFrame, period: Period) -> bool:
    """True when there is at least one action and every one is on track for the committee."""
    status = effective_status(actions, period.end)
    return bool(len(status)) and bool(status.isin(ON_TRACK_FOR_COMMITTEE).all())


def action_exceptions(actions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The actions not on track (overdue or at risk), by priority area then id."""
    frame = actions.assign(effective_status=effective_status(actions, period.end))
    frame = frame[~frame["effective_status"].isin(ON_TRACK_FOR_COMMITTEE)]
    return frame.sort_values(["priority_area", "action_id"]).reset_index(drop=True)


def actions_coming_due(actions: pd.DataFrame, period: Period, months: int) -> pd.DataFrame:
    """What comes next: the actions not complete as at the period end that fall due in the
    ``months`` after it (``pe < due_date <=`` the last day of the ``months``-th month after),
    by ``due_date`` then ``action_id``, with their ``effective_status``."""
    until = pd.Timestamp(period.last.shifted(months).last_day)
    frame = actions.assign(effective_status=effective_status(actions, period.end))
    due = frame["due_date"]
    coming = (due > period.end) & (due <= until) & frame["effective_status"].ne(COMPLETE)
    frame = frame[coming.fillna(False).astype(bool)]
    return frame.sort_values(["due_date", "action_id"], kind="stable").reset_index(drop=True)


def key_achievements(actions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Actions completed within the period, by ``completed_date`` then ``action_id``.

    Columns ``action_id``, ``priority_area``, ``completed_date``, ``text`` (the
    ``achievement`` line, or the ``action`` text where that is empty).
    """
    completed = as_at(actions["completed_date"], period.end)
    done = actions[completed.ge(period.start).fillna(False).astype(bool)]
    text = done["achievement"].where(has_text(done["achievement"]), done["action"])
    result = pd.DataFrame(
        {
            "action_id": done["action_id"],
            "priority_area": done["priority_area"],
            "completed_date": done["completed_date"],
            "text": text.astype("str").str.strip(),
        }
    )
    return result.sort_values(["completed_date", "action_id"]).reset_index(drop=True)

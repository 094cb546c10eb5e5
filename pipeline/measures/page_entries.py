"""The CCI web pages' entries (``website.md``): "we asked, you said, we did" and the forward plan.

Everything the pages choose, order and flag is worked out here, once, by the progress notebook
with the paper's other figures, into a :class:`~pipeline.measures.page_entries_view.WebsiteFigures`
that the pages are written from; the paper's view carries only the forward plan's counts
(:meth:`~pipeline.measures.page_entries_view.ForwardPlan.counts`):

- **We asked, you said, we did**: the activities of C with a ``results_published_date`` as at
  the period end, latest ``end_date`` first, then by id.
- **The forward plan** (F): the activities, not cancelled, registered by the period end and
  ending after it, by ``start_date`` then id, each flagged when it clashes with another entry
  (the PA1.4 rule, found by :func:`~pipeline.measures.clashes.clashing_positions`), when it is
  a short formal consultation, when it was late to the register, and when what is still to come
  of it (from the later of its start and the day after the period end) overlaps the
  pre-election period of a polling day in ``reference/elections.csv``.

Every flag is one vectorised comparison over the whole plan; only the entries' records are
built row by row, as the pages take them.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from pipeline.measures.activity_sets import activities_closed_in, as_at, not_cancelled
from pipeline.measures.clashes import clashing_positions
from pipeline.measures.page_entries_view import (
    ForwardPlan,
    PlannedEntry,
    ResultsEntry,
    WebsiteFigures,
    YouSaidWeDid,
)
from pipeline.spec.period import Period
from pipeline.spec.thresholds import (
    ADVANCE_NOTICE_DAYS,
    FULL_CONSULTATION_DAYS,
    PRE_ELECTION_DAYS,
)


def _column_values(column: pd.Series) -> list:
    """A column's cells as Python values; a date column's as ``datetime.date`` (None where
    empty), converted by numpy at once rather than a Timestamp at a time."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return column.to_numpy().astype("datetime64[D]").tolist()  # NaT gives None
    return column.tolist()


def _text(value: object) -> str | None:
    """Text, or None for a missing or blank cell."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    return str(value).strip() or None


def _whole(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[arg-type, call-overload]


def _facts(r: dict) -> dict:
    """What both pages show of an activity: what it was, who ran it, where, how and when."""
    return {
        "activity_id": str(r["activity_id"]),
        "title": str(r["title"]),
        "programme_area": str(r["programme_area"]),
        "area": str(r["area_assembly"]),
        "method": str(r["method"]),
        "start": r["start_date"],
        "end": r["end_date"],
    }


FACT_COLUMNS = (
    "activity_id",
    "title",
    "programme_area",
    "area_assembly",
    "method",
    "start_date",
    "end_date",
)
RESULT_COLUMNS = (  # what an entry of "we asked, you said, we did" adds to its facts
    "participants",
    "results_published_date",
    "feedback_date",
    "influence",
    "decision_ref",
    "you_said",
    "we_did",
)


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """The rows of ``frame``'s ``columns`` as dicts: read a column at a time, not a cell at a
    time (``DataFrame.to_dict`` reads every column of the register, cell by cell)."""
    values = [_column_values(frame[column]) for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def you_said_we_did(activities: pd.DataFrame, period: Period) -> YouSaidWeDid:
    """The entries of "we asked, you said, we did", and how many activities closed (C)."""
    closed = activities_closed_in(activities, period)
    published = as_at(closed["results_published_date"], period.end)
    entries = closed.assign(
        results_published_date=published,
        feedback_date=as_at(closed["feedback_date"], period.end),
    )[published.notna()]
    entries = entries.sort_values(
        ["end_date", "activity_id"], ascending=[False, True], kind="stable"
    )
    return YouSaidWeDid(
        as_at=period.end.date(),
        closed=len(closed),
        entries=tuple(
            ResultsEntry(
                **_facts(r),
                participants=_whole(r["participants"]),
                results_published=r["results_published_date"],
                feedback=r["feedback_date"],
                influence=_text(r["influence"]),
                decision_ref=_text(r["decision_ref"]),
                you_said=_text(r["you_said"]),
                we_did=_text(r["we_did"]),
            )
            for r in _records(entries, FACT_COLUMNS + RESULT_COLUMNS)
        ),
    )


def forward_plan_activities(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """F: not cancelled, ``registered_date <= pe`` and ``end_date > pe``, by start then id."""
    live = not_cancelled(activities)
    plan = live[(live["registered_date"] <= period.end) & (live["end_date"] > period.end)]
    return plan.sort_values(["start_date", "activity_id"], kind="stable").reset_index(drop=True)


def pre_election(
    start: pd.Series, end: pd.Series, elections: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """For each [start, end], the latest election whose pre-election period it overlaps.

    The period is the ``PRE_ELECTION_DAYS`` up to and including polling day. Of the periods
    that open on or before ``end`` only the last can be the latest overlapped: when its polling
    day is before ``start``, so are all the earlier ones. Returns the elections' names and
    polling days (None where there is none).
    """
    none = np.full(len(start), None, dtype=object)
    if elections.empty or none.size == 0:
        return none, none.copy()
    days = elections.sort_values(["polling_day", "name"], kind="stable")
    polling = days["polling_day"].to_numpy(dtype="datetime64[ns]")
    opens = polling - np.timedelta64(PRE_ELECTION_DAYS - 1, "D")
    last = np.searchsorted(opens, end.to_numpy(dtype="datetime64[ns]"), side="right") - 1
    found = last >= 0
    last = np.maximum(last, 0)
    hit = found & (polling[last] >= start.to_numpy(dtype="datetime64[ns]"))
    names = days["name"].astype(str).to_numpy(dtype=object)
    dates = np.array([pd.Timestamp(p).date() for p in polling], dtype=object)
    return np.where(hit, names[last], none), np.where(hit, dates[last], none)


def _partners(plan: pd.DataFrame) -> tuple[list[tuple[str, ...]], int]:
    """Each entry's clashing partners in the plan's order, and the number of clashing pairs."""
    first, second = clashing_positions(plan)
    owner = np.concatenate([first, second])
    other = np.concatenate([second, first])
    order = np.lexsort((other, owner))
    owner, other = owner[order], other[order]
    bounds = np.searchsorted(owner, np.arange(len(plan) + 1))
    ids = plan["activity_id"].astype(str).to_numpy(dtype=object)[other].tolist()
    return [tuple(ids[a:b]) for a, b in pairwise(bounds)], len(first)


def _flags(plan: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Formal, short (formal and under the full consultation period) and late to the register."""
    formal = plan["formal"].fillna(False).astype(bool).to_numpy()
    days = (plan["end_date"] - plan["start_date"]).dt.days.to_numpy() + 1
    notice = pd.Timedelta(days=ADVANCE_NOTICE_DAYS)
    late = (plan["registered_date"] > plan["start_date"] - notice).to_numpy()
    return formal, formal & (days < FULL_CONSULTATION_DAYS), late


def _groups(values: pd.Series) -> list[tuple[str, ...]]:
    split = values.astype("string").fillna("").str.split(";")
    return [tuple(g.strip() for g in groups if g.strip()) for groups in split]


def forward_plan(activities: pd.DataFrame, elections: pd.DataFrame, period: Period) -> ForwardPlan:
    """The forward plan as at the period end: F, each entry with its flags."""
    plan = forward_plan_activities(activities, period)
    partners, pairs = _partners(plan)
    formal, short, late = _flags(plan)
    # Only what is still to come of an entry can fall in a pre-election period: from the day
    # after the period end for an entry already under way, so an election past at pe flags nothing.
    still_to_come = plan["start_date"].clip(lower=period.end + pd.Timedelta(days=1))
    election, polling_day = pre_election(still_to_come, plan["end_date"], elections)
    entries = tuple(
        PlannedEntry(
            **_facts(r),
            registered=r["registered_date"],
            target_groups=groups,
            formal=bool(is_formal),
            clashes_with=with_,
            short=bool(is_short),
            late_to_register=bool(is_late),
            election=name,
            polling_day=day,
        )
        for r, groups, is_formal, with_, is_short, is_late, name, day in zip(
            _records(plan, (*FACT_COLUMNS, "registered_date")),
            _groups(plan["target_groups"]),
            formal,
            partners,
            short,
            late,
            election,
            polling_day,
            strict=True,
        )
    )
    return ForwardPlan(as_at=period.end.date(), entries=entries, clash_pairs=pairs)


def website_figures(
    activities: pd.DataFrame, elections: pd.DataFrame, period: Period
) -> WebsiteFigures:
    """Both pages' entries for ``period``."""
    return WebsiteFigures(
        results=you_said_we_did(activities, period),
        plan=forward_plan(activities, elections, period),
    )

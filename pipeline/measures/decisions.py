"""PA4.4 and the activities decided early: did each decision come after its consultation closed
and its results were published?

The council's committee system exports its decisions (``decisions.csv``: ``decision_ref``,
``decision_date``, ``decision_maker``, ``title``). An activity of C (closed in the period) whose
``decision_ref`` is one of them, decided by the period end, is *checked*; it was decided early
when its decision came before it closed, or before its results were published (as at the period
end: results not yet published count as later than the decision). A register reference that is
not in the file is not checked (many activities inform decisions taken outside the committee
system); the data-quality appendix counts those references.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from pipeline.measures.activity_sets import activities_closed_in, as_at, has_text
from pipeline.measures.view import DecisionFigures, EarlyDecision
from pipeline.spec.period import Period
from pipeline.spec.thresholds import DECIDED_EARLY_SHOWN

BEFORE_CLOSING = "before closing"
BEFORE_RESULTS = "before the results"

DECIDED_EARLY_COLUMNS = (
    "activity_id",
    "title",
    "end_date",
    "results_published_date",
    "decision_ref",
    "decision_date",
    "decision_maker",
    "reason",
)


def _refs(values: pd.Series) -> pd.Series:
    """References as matched: the text, trimmed (ingest has already normalised it)."""
    return values.astype("string").str.strip()


def decisions_checked(
    activities: pd.DataFrame, decisions: pd.DataFrame, period: Period
) -> pd.DataFrame:
    """The activities of C whose decision is in ``decisions`` with a date by the period end,
    each with its decision and ``reason``: ``before closing``, ``before the results`` or empty
    (decided on or after both its ``end_date`` and its ``results_published_date``).

    Columns :data:`DECIDED_EARLY_COLUMNS`; ``results_published_date`` as at the period end.
    """
    closed = activities_closed_in(activities, period)
    closed = closed[has_text(closed["decision_ref"]).to_numpy()]
    taken = decisions[decisions["decision_date"] <= period.end]
    taken = pd.DataFrame(
        {
            "decision_ref": _refs(taken["decision_ref"]),
            "decision_date": taken["decision_date"],
            "decision_maker": taken["decision_maker"],
        }
    )
    checked = pd.DataFrame(
        {
            "activity_id": closed["activity_id"],
            "title": closed["title"],
            "end_date": closed["end_date"],
            "results_published_date": as_at(closed["results_published_date"], period.end),
            "decision_ref": _refs(closed["decision_ref"]),
        }
    ).merge(taken, on="decision_ref", how="inner", validate="many_to_one")
    decided = checked["decision_date"]
    before_closing = decided < checked["end_date"]
    before_results = ~(decided >= checked["results_published_date"]).fillna(False)
    reason = pd.Series(pd.NA, index=checked.index, dtype="str")
    reason = reason.mask(before_results.astype(bool), BEFORE_RESULTS)
    reason = reason.mask(before_closing.astype(bool), BEFORE_CLOSING)
    return checked.assign(reason=reason)[list(DECIDED_EARLY_COLUMNS)]


def decided_early(checked: pd.DataFrame) -> pd.DataFrame:
    """The checked activities decided early, the most recent decision first, then by id."""
    early = checked[checked["reason"].notna()]
    return early.sort_values(
        ["decision_date", "activity_id"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def unlisted_references(activities: pd.DataFrame, decisions: pd.DataFrame) -> int:
    """How many different ``decision_ref`` of the register are not in ``decisions``."""
    refs = _refs(activities["decision_ref"])
    refs = refs[has_text(activities["decision_ref"]).to_numpy()]
    return int(refs[~refs.isin(_refs(decisions["decision_ref"]))].nunique())


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()  # type: ignore[arg-type]


def decision_figures(
    early: pd.DataFrame, checked: int | None, unlisted: int | None
) -> DecisionFigures:
    """The paper's list: the most recent activities decided early (``checked`` is None
    without a list of decisions)."""
    return DecisionFigures(
        provided=checked is not None,
        checked=checked or 0,
        early_count=len(early),
        early=tuple(
            EarlyDecision(
                activity_id=str(r["activity_id"]),
                title=str(r["title"]),
                closed=_day(r["end_date"]),  # type: ignore[arg-type]
                results=_day(r["results_published_date"]),
                decision_ref=str(r["decision_ref"]),
                decided=_day(r["decision_date"]),  # type: ignore[arg-type]
                maker=None if pd.isna(r["decision_maker"]) else str(r["decision_maker"]),
                reason=str(r["reason"]),
            )
            for r in early.head(DECIDED_EARLY_SHOWN).to_dict("records")
        ),
        unlisted=unlisted or 0,
    )

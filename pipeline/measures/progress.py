"""Progress against the five priority areas for one period, as frames.

:func:`compute_progress` is what notebook ``02_progress`` calls. The frames go into the run's
CSV files (:mod:`pipeline.publish.outputs`) and into the paper's view
(:func:`pipeline.measures.figures.build_view`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.ingest.inputs import Inputs
from pipeline.measures.actions import action_status_table, effective_status, key_achievements
from pipeline.measures.activity_sets import forget
from pipeline.measures.clashes import find_clashes
from pipeline.measures.decisions import (
    DECIDED_EARLY_COLUMNS,
    decided_early,
    decisions_checked,
    unlisted_references,
)
from pipeline.measures.ratings import priority_area_status
from pipeline.measures.representation import representation_table
from pipeline.measures.scorecard import compute_indicators
from pipeline.spec.period import Period


@dataclass
class Progress:
    """The computed figures of one period, as frames."""

    indicators: pd.DataFrame
    clashes: pd.DataFrame
    actions: pd.DataFrame  # the action plan with its effective status as at the period end
    action_table: pd.DataFrame
    achievements: pd.DataFrame
    priority_areas: pd.DataFrame
    representation: pd.DataFrame
    # PA4.4's activities decided early (decided_early.csv), most recent decision first; with
    # how many were checked and the register references not in the list (None without one)
    decided_early: pd.DataFrame
    decisions_checked: int | None = None
    unlisted_references: int | None = None


def _decisions(inputs: Inputs, period: Period) -> tuple[pd.DataFrame, int | None, int | None]:
    if inputs.decisions is None:
        return pd.DataFrame(columns=list(DECIDED_EARLY_COLUMNS)), None, None
    checked = decisions_checked(inputs.activities, inputs.decisions, period)
    unlisted = unlisted_references(inputs.activities, inputs.decisions)
    return decided_early(checked), len(checked), unlisted


def compute_progress(inputs: Inputs, period: Period) -> Progress:
    indicators = compute_indicators(inputs, period)
    early, checked, unlisted = _decisions(inputs, period)
    # Only the indicators' directions of travel look at the previous period.
    forget(inputs.activities, period.previous())
    actions = inputs.actions.assign(effective_status=effective_status(inputs.actions, period.end))
    return Progress(
        indicators=indicators,
        clashes=find_clashes(inputs.activities, period),
        actions=actions,
        action_table=action_status_table(inputs.actions, period),
        achievements=key_achievements(inputs.actions, period),
        priority_areas=priority_area_status(indicators, inputs.actions, period),
        representation=representation_table(inputs, period),
        decided_early=early,
        decisions_checked=checked,
        unlisted_references=unlisted,
    )


def set_aside_counts(set_aside: pd.DataFrame) -> list[dict[str, object]]:
    """Set-aside rows counted by dataset and reason, for the console and the manifest."""
    if set_aside.empty:
        return []
    counts = set_aside.groupby(["dataset", "reason"], sort=True).size()
    return [
        {"dataset": dataset, "reason": reason, "rows": int(rows)}
        for (dataset, reason), rows in counts.items()
    ]
